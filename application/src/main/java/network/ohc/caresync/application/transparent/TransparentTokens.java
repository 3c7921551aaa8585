package network.ohc.caresync.application.transparent;

import java.util.Optional;

/**
 * Port: the tokens care-sync issues to the CARE web app while CARE cannot be reached. They look like CARE's to the
 * app (JWTs with {@code user_id} and {@code token_type}) but are signed with care-sync's own key, so care-sync, and
 * only care-sync, can tell they are genuine. Each names the session it belongs to ({@link TransparentSessions}): a
 * signature alone would keep a token working after its user signed out.
 */
public interface TransparentTokens {

    enum Type { ACCESS, REFRESH }

    /** Tokens of a new session: the session of their refresh token ({@link TransparentSessions#idOf}). */
    Pair issue(String userId, String username);

    /** Tokens that go on with an open session (a refresh answered here): they name that session. */
    Pair renew(String userId, String username, String sessionId);

    /**
     * Who a genuine, unexpired token of that type names, and its session; empty for any other token (CARE's among
     * them). Whether the session is still open is the caller's question: this reads the token only.
     */
    Optional<Issued> read(String token, Type type);

    /** The user and session a token names; {@code sessionId} is null for an access token issued without one. */
    record Issued(String userId, String sessionId) {
    }

    /** An access and a refresh token, as CARE's sign-in answers them. */
    record Pair(String access, String refresh) {
    }
}
