package network.ohc.caresync.application.transparent;

import network.ohc.caresync.application.auth.Caller;
import network.ohc.caresync.application.auth.SignInFailed;
import network.ohc.caresync.application.auth.SignInService;
import network.ohc.caresync.application.auth.UserDataWiper;
import network.ohc.caresync.application.auth.VerifiedUser;
import network.ohc.caresync.application.json.Json;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * CARE's sign-in endpoints in the transparent mode. While CARE answers, the web app's sign-in passes through and
 * care-sync signs the same user in with its own CARE login (the app's tokens rotate on refresh and are never shared
 * with care-sync's vault), keeping the password hash for later; CARE's tokens are remembered so they still prove the
 * user during an outage. While CARE cannot be reached, care-sync checks the kept hash and issues tokens of its own.
 * <p>
 * Each refresh token the app holds is a session ({@link TransparentSessions}), so the app's sessions end the way
 * care-sync's own do: signing out through CARE's path wipes the user's cached data at once, and when the last of a
 * user's sessions has expired (or CARE refused its refresh token) the sweep wipes it.
 */
public final class TransparentSignIn {

    public static final String LOGIN = "/api/v1/auth/login/";
    public static final String REFRESH = "/api/v1/auth/token/refresh/";
    public static final String LOGOUT = "/api/v1/auth/logout/";

    private static final Logger log = LoggerFactory.getLogger(TransparentSignIn.class);

    private final SignInService signIn;
    private final CareCallers callers;
    private final TransparentSessions sessions;
    private final List<UserDataWiper> wipers;

    public TransparentSignIn(SignInService signIn, CareCallers callers, TransparentSessions sessions,
                             List<UserDataWiper> wipers) {
        this.signIn = signIn;
        this.callers = callers;
        this.sessions = sessions;
        this.wipers = List.copyOf(wipers);
    }

    /** CARE accepted the web app's sign-in (its request and answer, as they passed through). */
    public void signedInAtCare(byte[] request, byte[] answer) {
        Map<String, Object> tokens = object(answer);
        String access = tokens == null ? null : text(tokens.get("access"));
        String refresh = tokens == null ? null : text(tokens.get("refresh"));
        if (tokens != null) {
            callers.issuedByCare(access, refresh);
        }
        Map<String, Object> credentials = object(request);
        String username = credentials == null ? null : text(credentials.get("username"));
        String password = credentials == null ? null : text(credentials.get("password"));
        if (username == null || password == null) {
            return;
        }
        try {
            VerifiedUser user = signIn.verify(username, password);
            sessions.opened(refresh, user.userId(), user.username(), expiryOf(refresh != null ? refresh : access));
            log.info("transparent mode: user {} signed in to care-sync with the sign-in CARE accepted{}",
                    user.userId(), user.offline() ? " (CARE became unreachable: checked against the kept hash)" : "");
        } catch (SignInFailed failed) {
            log.warn("transparent mode: CARE accepted a sign-in but care-sync's own sign-in failed ({}): the user's "
                    + "offline writes cannot be replayed until it succeeds", failed.reason());
        }
    }

    /** CARE refreshed the web app's tokens: the new ones are remembered, and a new refresh token is a session. */
    public void refreshedAtCare(byte[] answer) {
        Map<String, Object> tokens = object(answer);
        if (tokens != null) {
            String refresh = text(tokens.get("refresh"));
            callers.issuedByCare(text(tokens.get("access")), refresh);
            CareJwt.read(refresh).flatMap(claims -> callers.callerOf(claims.userId(), null))
                    .ifPresent(user -> sessions.opened(refresh, user.userId(), user.username(), expiryOf(refresh)));
        }
    }

    /** CARE refused the web app's refresh token: the session it stood for has ended. */
    public void refreshRefusedAtCare(byte[] request) {
        Map<String, Object> body = object(request);
        sessions.refused(body == null ? null : text(body.get("refresh")));
    }

    /** Sign-in while CARE cannot be reached: the kept password hash, and tokens care-sync issues. */
    public CareAnswer signInHere(byte[] request) {
        Map<String, Object> credentials = object(request);
        if (credentials == null) {
            return CareAnswer.detail(400, "JSON parse error - the body must be a JSON object");
        }
        String username = text(credentials.get("username"));
        String password = text(credentials.get("password"));
        if (username == null || password == null) {
            Map<String, Object> missing = new LinkedHashMap<>();
            if (username == null) {
                missing.put("username", List.of("This field is required."));
            }
            if (password == null) {
                missing.put("password", List.of("This field is required."));
            }
            return CareAnswer.json(400, missing);
        }
        try {
            VerifiedUser user = signIn.verifyOffline(username, password);
            return tokens(issue(user.userId(), user.username()));
        } catch (SignInFailed failed) {
            return switch (failed.reason()) {
                case BAD_CREDENTIALS -> noActiveAccount();
                case LOCKED -> CareAnswer.detail(429, "Too many wrong passwords: " + failed.getMessage());
                case NEEDS_CARE_ONCE, UPSTREAM_ERROR -> CareAnswer.detail(503, "CARE cannot be reached, and this "
                        + "user has not signed in while it could be: sign in once when the connection is back");
            };
        }
    }

    /**
     * A refresh care-sync answers itself: a refresh token care-sync issued, always (the new tokens go on with its
     * session, if that is still open); while CARE cannot be reached, also a CARE refresh token it saw CARE issue
     * (the new tokens begin a session). Empty when the refresh is CARE's to answer.
     */
    public Optional<CareAnswer> refreshHere(byte[] request, boolean careReachable) {
        Map<String, Object> body = object(request);
        String refresh = body == null ? null : text(body.get("refresh"));
        if (refresh == null) {
            return Optional.of(CareAnswer.json(400, Map.of("refresh", List.of("This field is required."))));
        }
        Optional<TransparentTokens.Issued> own = callers.refreshIssuedHere(refresh);
        if (own.isPresent()) {
            Optional<CareAnswer> renewed = own.filter(callers::open)
                    .flatMap(token -> callers.callerOf(token.userId(), null)
                            .map(caller -> tokens(renew(caller.userId(), caller.username(), token.sessionId()))));
            return Optional.of(renewed.orElseGet(TransparentSignIn::refreshNotValid));
        }
        if (careReachable) {
            return Optional.empty();
        }
        return Optional.of(callers.refreshUser(refresh).flatMap(user -> callers.callerOf(user, null))
                .map(caller -> tokens(issue(caller.userId(), caller.username())))
                .orElseGet(TransparentSignIn::refreshNotValid));
    }

    /** simplejwt's refusal of a refresh token. */
    private static CareAnswer refreshNotValid() {
        Map<String, Object> invalid = new LinkedHashMap<>();
        invalid.put("detail", "Token is invalid or expired");
        invalid.put("code", "token_not_valid");
        return CareAnswer.json(401, invalid);
    }

    /**
     * Signing out: the tokens of the request no longer prove the user here, their session ends (for tokens care-sync
     * issued: the session they name, so that every token of it is refused from now on), and the cached data of the
     * user they prove (asked before they are forgotten) is wiped, as {@code POST /api/v1/auth/logout} does.
     */
    public void signedOut(String accessToken, byte[] request) {
        Map<String, Object> body = object(request);
        String refresh = body == null ? null : text(body.get("refresh"));
        Optional<String> user = callers.verify(accessToken, null).map(Caller::userId)
                .or(() -> refresh == null ? Optional.empty() : callers.refreshUser(refresh));
        callers.forget(accessToken, body == null ? null : text(body.get("access")), refresh);
        Set<String> ended = new LinkedHashSet<>();
        if (accessToken != null) {
            callers.sessionOf(accessToken).ifPresent(ended::add);
        }
        if (refresh != null) {
            ended.add(callers.sessionOf(refresh).orElseGet(() -> TransparentSessions.idOf(refresh)));
        }
        ended.forEach(sessions::signedOut);
        user.ifPresent(userId -> {
            wipers.forEach(w -> w.wipe(userId));
            log.info("transparent mode: user {} signed out", userId);
        });
    }

    /** Tokens care-sync issues for a new session, which lasts until their refresh token expires. */
    private TransparentTokens.Pair issue(String userId, String username) {
        TransparentTokens.Pair pair = callers.issue(userId, username);
        sessions.opened(pair.refresh(), userId, username, expiryOf(pair.refresh()));
        return pair;
    }

    /** Tokens that go on with an open session, which now lasts until their refresh token expires. */
    private TransparentTokens.Pair renew(String userId, String username, String sessionId) {
        TransparentTokens.Pair pair = callers.renew(userId, username, sessionId);
        sessions.renewed(sessionId, expiryOf(pair.refresh()));
        return pair;
    }

    private static Instant expiryOf(String token) {
        return CareJwt.read(token).map(CareJwt::expiresAt).orElse(null);
    }

    private static CareAnswer tokens(TransparentTokens.Pair pair) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("access", pair.access());
        body.put("refresh", pair.refresh());
        return CareAnswer.json(200, body).withHeader(CareAnswer.SOURCE, "local");
    }

    private static CareAnswer noActiveAccount() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("detail", "No active account found with the given credentials");
        body.put("code", "no_active_account");
        return CareAnswer.json(401, body);
    }

    private static Map<String, Object> object(byte[] json) {
        return json == null ? null : Json.parseObject(json);
    }

    private static String text(Object value) {
        return value instanceof String s && !s.isBlank() ? s : null;
    }
}
