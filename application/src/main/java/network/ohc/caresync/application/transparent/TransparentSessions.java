package network.ohc.caresync.application.transparent;

import network.ohc.caresync.application.json.Json;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * Port: the CARE web app's sessions in the transparent mode, kept as care-sync sessions so that the sweep that wipes
 * the cached data of users whose sessions all ended covers them too. A session begins with a refresh token the app
 * holds (CARE's, or one care-sync issued while CARE was unreachable) and is known by that token's SHA-256
 * ({@link #idOf}), so the token itself is never stored. It lasts as long as that token, or, for tokens care-sync
 * issued, as long as the last refresh token renewing it: after it the app cannot go on without a new sign-in.
 */
public interface TransparentSessions {

    /** The id of the session a refresh token began. */
    static String idOf(String refreshToken) {
        return Json.sha256Hex(refreshToken.getBytes(StandardCharsets.UTF_8));
    }

    /** The app holds this refresh token of the user's until {@code expiresAt}; opening it again changes nothing. */
    void opened(String refreshToken, String userId, String username, Instant expiresAt);

    /** A refresh answered here renewed the session: it now lasts at least until {@code expiresAt}. */
    void renewed(String sessionId, Instant expiresAt);

    /** Whether the session is neither signed out nor over: one look-up by its id, made for every request. */
    boolean isOpen(String sessionId);

    /** The user signed out of this session: it ends (their data is wiped at once). */
    void signedOut(String sessionId);

    /**
     * CARE refused this refresh token: the session ended before its time. It counts as expired now, so the sweep
     * wipes the user's data when it was their last session.
     */
    void refused(String refreshToken);
}
