package network.ohc.caresync.application.transparent;

import java.time.Instant;
import java.util.Optional;

/**
 * Port: CARE tokens care-sync saw CARE issue to a user (in a sign-in or refresh answer passing through) or accept for
 * that user (a 2xx answer), kept as SHA-256 hashes only, until they expire. While CARE cannot be reached, such a
 * token still proves who the web app's user is.
 */
public interface KnownCareTokens {

    /** Remembers a token's hash for the user; remembering it again changes nothing. */
    void remember(String tokenHash, String userId, Instant expiresAt);

    /** The user a remembered, unexpired token belongs to. */
    Optional<String> userOf(String tokenHash, Instant now);

    /** Forgets one token (its user signed out). */
    void forget(String tokenHash);

    /** Forgets the tokens expired at {@code now}; how many. */
    int forgetExpired(Instant now);
}
