package network.ohc.caresync.infrastructure.vault;

import network.ohc.caresync.application.auth.SignInAttempts;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/** Wrong passwords per username key in PostgreSQL; each count is one atomic upsert, so nodes share it. */
public class JdbcSignInAttempts implements SignInAttempts {

    private final NamedParameterJdbcTemplate jdbc;

    public JdbcSignInAttempts(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<Instant> lockedUntil(String usernameKey, Instant now) {
        return jdbc.queryForList("SELECT locked_until FROM sign_in_attempt WHERE username_key = :key "
                        + "AND locked_until > :now", Map.of("key", usernameKey, "now", Timestamp.from(now)),
                Timestamp.class).stream().findFirst().map(Timestamp::toInstant);
    }

    @Override
    public void countWrongPassword(String usernameKey, Instant now, int max, Duration lockout, Duration forgetAfter) {
        MapSqlParameterSource params = new MapSqlParameterSource("key", usernameKey)
                .addValue("now", Timestamp.from(now)).addValue("max", max)
                .addValue("lockUntil", Timestamp.from(now.plus(lockout)))
                .addValue("staleBefore", Timestamp.from(now.minus(forgetAfter)));
        // names guessed once and never again would pile up: forget counts that went stale and locks that ended
        jdbc.update("DELETE FROM sign_in_attempt WHERE updated_at < :staleBefore "
                + "AND (locked_until IS NULL OR locked_until <= :now)", params);
        jdbc.update("""
                INSERT INTO sign_in_attempt (username_key, failed_attempts, locked_until, updated_at)
                VALUES (:key, CASE WHEN :max <= 1 THEN 0 ELSE 1 END,
                        CASE WHEN :max <= 1 THEN CAST(:lockUntil AS TIMESTAMP WITH TIME ZONE) END, :now)
                ON CONFLICT (username_key) DO UPDATE SET
                    failed_attempts = CASE WHEN sign_in_attempt.failed_attempts + 1 >= :max THEN 0
                                           ELSE sign_in_attempt.failed_attempts + 1 END,
                    locked_until = CASE WHEN sign_in_attempt.failed_attempts + 1 >= :max
                                        THEN CAST(:lockUntil AS TIMESTAMP WITH TIME ZONE)
                                        ELSE sign_in_attempt.locked_until END,
                    updated_at = EXCLUDED.updated_at
                """, params);
    }

    @Override
    public void clear(String usernameKey) {
        jdbc.update("DELETE FROM sign_in_attempt WHERE username_key = :key", Map.of("key", usernameKey));
    }
}
