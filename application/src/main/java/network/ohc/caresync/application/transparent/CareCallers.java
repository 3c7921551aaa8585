package network.ohc.caresync.application.transparent;

import network.ohc.caresync.application.auth.Caller;
import network.ohc.caresync.application.auth.CredentialStore;
import network.ohc.caresync.application.auth.Roles;
import network.ohc.caresync.application.auth.StoredCredential;
import network.ohc.caresync.application.json.Json;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Who the CARE web app's user is, from the token the app sends. A token's {@code user_id} is believed only when
 * care-sync can vouch for it: a token care-sync issued itself (its own signature), a CARE token care-sync saw CARE
 * issue to or accept for that user, or the CARE token care-sync keeps for that user in its vault. Anything else names
 * nobody, whatever it claims. The user must also be known to care-sync (signed in through it once), so that their
 * writes can be replayed as them. A token care-sync issued proves its user only while its session is open: once the
 * user signed out, its signature alone proves nothing.
 */
public final class CareCallers {

    private static final int MEMO_LIMIT = 10_000;
    private static final int SWEEP_EVERY = 500;

    private final TransparentTokens issued;
    private final TransparentSessions sessions;
    private final KnownCareTokens known;
    private final CredentialStore credentials;
    private final Roles roles;
    private final Clock clock;
    /** Token hashes already remembered or found, so a busy device costs no database round trip per request. */
    private final Map<String, Remembered> memo = new ConcurrentHashMap<>();
    private final AtomicInteger remembered = new AtomicInteger();

    private record Remembered(String userId, Instant expiresAt) {
    }

    public CareCallers(TransparentTokens issued, TransparentSessions sessions, KnownCareTokens known,
                       CredentialStore credentials, Roles roles, Clock clock) {
        this.issued = issued;
        this.sessions = sessions;
        this.known = known;
        this.credentials = credentials;
        this.roles = roles;
        this.clock = clock;
    }

    /** The caller an access token proves, or empty when care-sync cannot vouch for it. */
    public Optional<Caller> verify(String token, String deviceId) {
        if (token == null || token.isBlank()) {
            return Optional.empty();
        }
        Optional<TransparentTokens.Issued> own = issued.read(token, TransparentTokens.Type.ACCESS);
        if (own.isPresent()) {
            return own.filter(this::open).flatMap(o -> credentials.find(o.userId())).map(c -> callerOf(c, deviceId));
        }
        Optional<CareJwt> claims = CareJwt.read(token);
        if (claims.isEmpty() || claims.get().expiredAt(clock.instant()) || isRefresh(claims.get())) {
            return Optional.empty();
        }
        String userId = claims.get().userId();
        Optional<StoredCredential> credential = credentials.find(userId);
        if (credential.isEmpty()) {
            return Optional.empty();
        }
        if (knows(token, userId) || token.equals(credential.get().accessToken())) {
            return Optional.of(callerOf(credential.get(), deviceId));
        }
        return Optional.empty();
    }

    /**
     * The user an access token care-sync issued names, whether or not its session is still open (see {@link #verify}
     * for who it proves); empty for CARE's tokens.
     */
    public Optional<String> issuedHere(String token) {
        return issued.read(token, TransparentTokens.Type.ACCESS).map(TransparentTokens.Issued::userId);
    }

    /**
     * The user a refresh token proves while CARE cannot be reached: one care-sync issued, or an unexpired CARE refresh
     * token care-sync saw CARE issue to that user.
     */
    public Optional<String> refreshUser(String refreshToken) {
        Optional<TransparentTokens.Issued> own = issued.read(refreshToken, TransparentTokens.Type.REFRESH);
        if (own.isPresent()) {
            return own.filter(this::open).map(TransparentTokens.Issued::userId);
        }
        return CareJwt.read(refreshToken)
                .filter(claims -> !claims.expiredAt(clock.instant()))
                .filter(claims -> claims.tokenType() == null || isRefresh(claims))
                .map(CareJwt::userId)
                .filter(userId -> knows(refreshToken, userId));
    }

    /**
     * A refresh token care-sync issued (whatever CARE's state, and whether or not its session is still open); empty
     * for CARE's tokens.
     */
    public Optional<TransparentTokens.Issued> refreshIssuedHere(String refreshToken) {
        return issued.read(refreshToken, TransparentTokens.Type.REFRESH);
    }

    /** Whether the session of a token care-sync issued is still open. */
    public boolean open(TransparentTokens.Issued token) {
        return token.sessionId() != null && sessions.isOpen(token.sessionId());
    }

    /** The session a token care-sync issued (access or refresh) belongs to; empty for CARE's tokens. */
    public Optional<String> sessionOf(String token) {
        return issued.read(token, TransparentTokens.Type.ACCESS)
                .or(() -> issued.read(token, TransparentTokens.Type.REFRESH))
                .map(TransparentTokens.Issued::sessionId);
    }

    /** Tokens CARE issued in a sign-in or refresh answer: remembered for the user they name. */
    public void issuedByCare(String... tokens) {
        for (String token : tokens) {
            remember(token);
        }
    }

    /** CARE answered 2xx to a request made with this token: it is genuine, remembered for the user it names. */
    public void acceptedByCare(String token) {
        if (token != null && issued.read(token, TransparentTokens.Type.ACCESS).isEmpty()) {
            remember(token);
        }
    }

    /** Signed out: the tokens no longer prove anyone here. */
    public void forget(String... tokens) {
        for (String token : tokens) {
            if (token != null) {
                String hash = hash(token);
                memo.remove(hash);
                known.forget(hash);
            }
        }
    }

    /** Tokens of a new session, for a user who proved their password (or a CARE refresh token) here. */
    public TransparentTokens.Pair issue(String userId, String username) {
        return issued.issue(userId, username);
    }

    /** Tokens that go on with an open session: a refresh of tokens care-sync issued. */
    public TransparentTokens.Pair renew(String userId, String username, String sessionId) {
        return issued.renew(userId, username, sessionId);
    }

    public Optional<Caller> callerOf(String userId, String deviceId) {
        return credentials.find(userId).map(c -> callerOf(c, deviceId));
    }

    private Caller callerOf(StoredCredential credential, String deviceId) {
        return new Caller(credential.userId(), credential.username(), roles.of(credential.username()), deviceId);
    }

    private void remember(String token) {
        Optional<CareJwt> claims = CareJwt.read(token);
        Instant now = clock.instant();
        if (claims.isEmpty() || claims.get().expiresAt() == null || claims.get().expiredAt(now)) {
            return;
        }
        String hash = hash(token);
        Remembered earlier = memo.get(hash);
        if (earlier != null && earlier.userId().equals(claims.get().userId())) {
            return;
        }
        known.remember(hash, claims.get().userId(), claims.get().expiresAt());
        memo(hash, new Remembered(claims.get().userId(), claims.get().expiresAt()));
        if (remembered.incrementAndGet() % SWEEP_EVERY == 0) {
            known.forgetExpired(now);
        }
    }

    private boolean knows(String token, String userId) {
        String hash = hash(token);
        Instant now = clock.instant();
        Remembered earlier = memo.get(hash);
        if (earlier != null && earlier.expiresAt().isAfter(now)) {
            return earlier.userId().equals(userId);
        }
        Optional<String> owner = known.userOf(hash, now);
        owner.ifPresent(o -> CareJwt.read(token).map(CareJwt::expiresAt)
                .ifPresent(expires -> memo(hash, new Remembered(o, expires))));
        return owner.filter(userId::equals).isPresent();
    }

    private void memo(String hash, Remembered value) {
        if (memo.size() >= MEMO_LIMIT) {
            memo.clear();
        }
        memo.put(hash, value);
    }

    private static boolean isRefresh(CareJwt claims) {
        return "refresh".equals(claims.tokenType());
    }

    private static String hash(String token) {
        return Json.sha256Hex(token.getBytes(StandardCharsets.UTF_8));
    }
}
