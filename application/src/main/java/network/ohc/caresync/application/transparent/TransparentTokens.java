package network.ohc.caresync.application.transparent;

import java.util.Optional;

/**
 * Port: the tokens care-sync issues to the CARE web app while CARE cannot be reached. They look like CARE's to the
 * app (JWTs with {@code user_id} and {@code token_type}) but are signed with care-sync's own key, so care-sync, and
 * only care-sync, can tell they are genuine.
 */
public interface TransparentTokens {

    enum Type { ACCESS, REFRESH }

    Pair issue(String userId, String username);

    /** The user a genuine, unexpired token of that type names; empty for any other token (CARE's among them). */
    Optional<String> userOf(String token, Type type);

    /** An access and a refresh token, as CARE's sign-in answers them. */
    record Pair(String access, String refresh) {
    }
}
