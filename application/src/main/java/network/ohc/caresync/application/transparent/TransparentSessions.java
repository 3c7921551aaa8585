package network.ohc.caresync.application.transparent;

import java.time.Instant;

/**
 * Port: the CARE web app's sessions in the transparent mode, kept as care-sync sessions so that the sweep that wipes
 * the cached data of users whose sessions all ended covers them too. A session is a refresh token the app holds
 * (CARE's, or one care-sync issued while CARE was unreachable) and lasts as long as that token: after it the app
 * cannot go on without a new sign-in. Only a hash of the token is kept.
 */
public interface TransparentSessions {

    /** The app holds this refresh token of the user's until {@code expiresAt}; opening it again changes nothing. */
    void opened(String refreshToken, String userId, String username, Instant expiresAt);

    /** The user signed out with this refresh token: the session ends (their data is wiped at once). */
    void signedOut(String refreshToken);

    /**
     * CARE refused this refresh token: the session ended before its time. It counts as expired now, so the sweep
     * wipes the user's data when it was their last session.
     */
    void refused(String refreshToken);
}
