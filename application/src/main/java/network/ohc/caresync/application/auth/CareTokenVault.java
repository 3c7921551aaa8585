package network.ohc.caresync.application.auth;

import java.util.Optional;

/** Port: the CARE tokens care-sync keeps for each user, so replays run as the user who made the write. */
public interface CareTokenVault {

    /** A CARE access token for the user that has not expired, refreshing it when needed; empty when none can be had. */
    Optional<String> accessTokenFor(String userId);

    /** After CARE refused a token: refresh once (rotation-safe) and return the new access token, or empty. */
    Optional<String> refreshAfterRejection(String userId, String rejectedToken);

    /** Whether the user must sign in again before their writes can be replayed. */
    boolean needsSignIn(String userId);
}
