package network.ohc.caresync.infrastructure.transparent;

import network.ohc.caresync.application.transparent.KnownCareTokens;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/** Hashes of CARE tokens by user, in {@code known_care_token}. */
public class JdbcKnownCareTokens implements KnownCareTokens {

    private final NamedParameterJdbcTemplate jdbc;
    private final Clock clock;

    public JdbcKnownCareTokens(NamedParameterJdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Override
    public void remember(String tokenHash, String userId, Instant expiresAt) {
        jdbc.update("""
                INSERT INTO known_care_token (token_hash, user_id, expires_at, seen_at)
                VALUES (:hash, :user, :expires, :now)
                ON CONFLICT (token_hash) DO NOTHING
                """, new MapSqlParameterSource("hash", tokenHash).addValue("user", userId)
                .addValue("expires", Timestamp.from(expiresAt)).addValue("now", Timestamp.from(clock.instant())));
    }

    @Override
    public Optional<String> userOf(String tokenHash, Instant now) {
        return jdbc.queryForList("""
                SELECT user_id FROM known_care_token WHERE token_hash = :hash AND expires_at > :now
                """, Map.of("hash", tokenHash, "now", Timestamp.from(now)), String.class).stream().findFirst();
    }

    @Override
    public void forget(String tokenHash) {
        jdbc.update("DELETE FROM known_care_token WHERE token_hash = :hash", Map.of("hash", tokenHash));
    }

    @Override
    public int forgetExpired(Instant now) {
        return jdbc.update("DELETE FROM known_care_token WHERE expires_at <= :now",
                Map.of("now", Timestamp.from(now)));
    }
}
