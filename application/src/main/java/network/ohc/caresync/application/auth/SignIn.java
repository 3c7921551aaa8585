package network.ohc.caresync.application.auth;

import java.time.Instant;
import java.util.Set;

/** A session care-sync opened: its token, when it ends, who it is for and whether CARE confirmed the password. */
public record SignIn(String token, Instant expiresAt, String userId, String username, Set<Caller.Role> roles,
                     boolean offline) {
}
