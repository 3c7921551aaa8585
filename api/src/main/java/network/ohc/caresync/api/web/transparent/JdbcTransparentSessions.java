package network.ohc.caresync.api.web.transparent;

import network.ohc.caresync.application.transparent.TransparentSessions;
import network.ohc.caresync.infrastructure.session.JdbcSessions;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;

/**
 * The web app's sessions as rows of {@code user_session}, beside care-sync's own: the session id is the SHA-256 of
 * the refresh token that began it (64 hex characters; care-sync's own session ids are UUIDs), so the token itself is
 * never stored.
 */
public class JdbcTransparentSessions implements TransparentSessions {

    private final JdbcSessions sessions;
    private final NamedParameterJdbcTemplate jdbc;
    private final Clock clock;

    public JdbcTransparentSessions(JdbcSessions sessions, NamedParameterJdbcTemplate jdbc, Clock clock) {
        this.sessions = sessions;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Override
    public void opened(String refreshToken, String userId, String username, Instant expiresAt) {
        Instant now = clock.instant();
        if (refreshToken == null || expiresAt == null || !expiresAt.isAfter(now)) {
            return;
        }
        try {
            sessions.open(idOf(refreshToken), userId, username, null, now, expiresAt);
        } catch (DuplicateKeyException alreadyOpen) {
            // the same token seen again (a sign-in answer relayed twice): one session
        }
    }

    @Override
    public void renewed(String sessionId, Instant expiresAt) {
        if (sessionId == null || expiresAt == null) {
            return;
        }
        jdbc.update("""
                UPDATE user_session SET expires_at = :expires
                WHERE session_id = :id AND revoked_at IS NULL AND expires_at < :expires
                """, Map.of("id", sessionId, "expires", Timestamp.from(expiresAt)));
    }

    @Override
    public boolean isOpen(String sessionId) {
        return sessionId != null && sessions.isActive(sessionId, clock.instant());
    }

    @Override
    public void signedOut(String sessionId) {
        if (sessionId != null) {
            sessions.revoke(sessionId, clock.instant());
        }
    }

    @Override
    public void refused(String refreshToken) {
        if (refreshToken == null) {
            return;
        }
        Timestamp now = Timestamp.from(clock.instant());
        jdbc.update("""
                UPDATE user_session SET expires_at = :now
                WHERE session_id = :id AND revoked_at IS NULL AND expires_at > :now
                """, Map.of("id", idOf(refreshToken), "now", now));
    }

    private static String idOf(String refreshToken) {
        return TransparentSessions.idOf(refreshToken);
    }
}
