package network.ohc.caresync.infrastructure.session;

import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** care-sync's sessions, so a logout ends a session at once, before its token would expire. */
public class JdbcSessions {

    private final NamedParameterJdbcTemplate jdbc;

    public JdbcSessions(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public void open(String sessionId, String userId, String username, String deviceId, Instant issuedAt,
                     Instant expiresAt) {
        jdbc.update("""
                INSERT INTO user_session (session_id, user_id, username, device_id, issued_at, expires_at)
                VALUES (:id, :user, :name, :device, :issued, :expires)
                """, new MapSqlParameterSource("id", sessionId).addValue("user", userId).addValue("name", username)
                .addValue("device", deviceId).addValue("issued", Timestamp.from(issuedAt))
                .addValue("expires", Timestamp.from(expiresAt)));
    }

    public void revoke(String sessionId, Instant at) {
        jdbc.update("UPDATE user_session SET revoked_at = :at WHERE session_id = :id AND revoked_at IS NULL",
                Map.of("id", sessionId, "at", Timestamp.from(at)));
    }

    public boolean isActive(String sessionId, Instant now) {
        Boolean active = jdbc.queryForObject("""
                SELECT EXISTS (SELECT 1 FROM user_session WHERE session_id = :id AND revoked_at IS NULL
                               AND expires_at > :now)
                """, Map.of("id", sessionId, "now", Timestamp.from(now)), Boolean.class);
        return Boolean.TRUE.equals(active);
    }

    /**
     * Users whose last session ended (expired) since the given time and who hold no live session: their cached
     * reads are wiped. Marks those sessions so each is handled once.
     */
    public List<String> usersWhoseSessionsExpired(Instant now) {
        List<String> users = jdbc.queryForList("""
                UPDATE user_session SET revoked_at = expires_at
                WHERE revoked_at IS NULL AND expires_at <= :now
                RETURNING user_id
                """, Map.of("now", Timestamp.from(now)), String.class);
        return users.stream().distinct().filter(user -> !hasLiveSession(user, now)).toList();
    }

    private boolean hasLiveSession(String userId, Instant now) {
        Boolean live = jdbc.queryForObject("""
                SELECT EXISTS (SELECT 1 FROM user_session WHERE user_id = :user AND revoked_at IS NULL
                               AND expires_at > :now)
                """, Map.of("user", userId, "now", Timestamp.from(now)), Boolean.class);
        return Boolean.TRUE.equals(live);
    }
}
