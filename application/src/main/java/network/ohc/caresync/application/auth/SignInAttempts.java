package network.ohc.caresync.application.auth;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Port: wrong passwords per username, for every name tried (known to care-sync or not), shared by all nodes. Keys
 * are {@link UsernameKey normalised} usernames.
 */
public interface SignInAttempts {

    /** The end of the name's lockout, when it is locked at {@code now}. */
    Optional<Instant> lockedUntil(String usernameKey, Instant now);

    /**
     * Counts a wrong password. The {@code max}-th in a row locks the name until {@code now + lockout} and starts the
     * count again; a count without a wrong password for {@code forgetAfter} starts again too.
     */
    void countWrongPassword(String usernameKey, Instant now, int max, Duration lockout, Duration forgetAfter);

    /** A right password: the count starts again. */
    void clear(String usernameKey);
}
