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
 * writes can be replayed as them.
 */
public final class CareCallers {

    private static final int MEMO_LIMIT = 10_000;
    private static final int SWEEP_EVERY = 500;

    private final TransparentTokens issued;
    private final KnownCareTokens known;
    private final CredentialStore credentials;
    private final Roles roles;
    private final Clock clock;
    /** Token hashes already remembered or found, so a busy device costs no database round trip per request. */
    private final Map<String, Remembered> memo = new ConcurrentHashMap<>();
    private final AtomicInteger remembered = new AtomicInteger();

    private record Remembered(String userId, Instant expiresAt) {
    }

    public CareCallers(TransparentTokens issued, KnownCareTokens known, CredentialStore credentials, Roles roles,
                       Clock clock) {
        this.issued = issued;
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
        Optional<String> own = issued.userOf(token, TransparentTokens.Type.ACCESS);
        if (own.isPresent()) {
            return credentials.find(own.get()).map(c -> callerOf(c, deviceId));
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

    /** The user a token care-sync issued names; empty for CARE's tokens. */
    public Optional<String> issuedHere(String token) {
        return token == null ? Optional.empty() : issued.userOf(token, TransparentTokens.Type.ACCESS);
    }

    /**
     * The user a refresh token proves while CARE cannot be reached: one care-sync issued, or an unexpired CARE refresh
     * token care-sync saw CARE issue to that user.
     */
    public Optional<String> refreshUser(String refreshToken) {
        Optional<String> own = issued.userOf(refreshToken, TransparentTokens.Type.REFRESH);
        if (own.isPresent()) {
            return own;
        }
        return CareJwt.read(refreshToken)
                .filter(claims -> !claims.expiredAt(clock.instant()))
                .filter(claims -> claims.tokenType() == null || isRefresh(claims))
                .map(CareJwt::userId)
                .filter(userId -> knows(refreshToken, userId));
    }

    /** The user a refresh token care-sync issued names (whatever CARE's state); empty for CARE's tokens. */
    public Optional<String> refreshIssuedHere(String refreshToken) {
        return issued.userOf(refreshToken, TransparentTokens.Type.REFRESH);
    }

    /** Tokens CARE issued in a sign-in or refresh answer: remembered for the user they name. */
    public void issuedByCare(String... tokens) {
        for (String token : tokens) {
            remember(token);
        }
    }

    /** CARE answered 2xx to a request made with this token: it is genuine, remembered for the user it names. */
    public void acceptedByCare(String token) {
        if (token != null && issued.userOf(token, TransparentTokens.Type.ACCESS).isEmpty()) {
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

    /** Tokens care-sync issues for a user who proved their password here. */
    public TransparentTokens.Pair issue(String userId, String username) {
        return issued.issue(userId, username);
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
