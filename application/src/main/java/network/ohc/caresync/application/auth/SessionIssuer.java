package network.ohc.caresync.application.auth;

import java.time.Instant;

/** Port: care-sync's own session tokens (signed, with a lifetime, revocable at logout). */
public interface SessionIssuer {

    IssuedSession issue(Caller caller);

    void revoke(String sessionId);

    record IssuedSession(String token, String sessionId, Instant expiresAt) {
    }
}
