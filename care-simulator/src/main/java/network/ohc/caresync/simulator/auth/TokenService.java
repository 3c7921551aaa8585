package network.ohc.caresync.simulator.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import network.ohc.caresync.simulator.SimulatorProperties;
import org.springframework.stereotype.Component;

/**
 * Issues and checks CARE-like JWTs (HS256, claims {@code token_type}, {@code exp}, {@code iat},
 * {@code jti}, {@code user_id}), as djangorestframework-simplejwt does.
 *
 * <p>Besides signature and expiry, a token is accepted only while its {@code jti} is on the live
 * list. Removing ids from that list is how rotation, logout and {@code /__sim/tokens/expire} take
 * tokens back at once, without waiting for their {@code exp}.
 */
@Component
public class TokenService {

    static final String ACCESS = "access";
    static final String REFRESH = "refresh";
    private static final int PURGE_EVERY = 256;

    private final MACSigner signer;
    private final MACVerifier verifier;
    private final Duration configuredAccessLifetime;
    private final Duration configuredRefreshLifetime;
    private volatile Duration accessLifetime;
    private volatile Duration refreshLifetime;
    private final ConcurrentHashMap<String, Instant> liveAccess = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Instant> liveRefresh = new ConcurrentHashMap<>();
    private final AtomicLong issued = new AtomicLong();

    public TokenService(SimulatorProperties properties) throws JOSEException {
        byte[] secret = secret(properties.jwtSecret());
        this.signer = new MACSigner(secret);
        this.verifier = new MACVerifier(secret);
        this.configuredAccessLifetime = properties.accessTokenLifetime();
        this.configuredRefreshLifetime = properties.refreshTokenLifetime();
        resetLifetimes();
    }

    public Duration accessLifetime() {
        return accessLifetime;
    }

    public Duration refreshLifetime() {
        return refreshLifetime;
    }

    /**
     * Lifetimes of the tokens issued from now on (the test control for short-lived tokens); a null keeps that
     * lifetime. Tokens issued before keep the expiry they were signed with.
     */
    public void changeLifetimes(Duration access, Duration refresh) {
        if (access != null) {
            accessLifetime = access;
        }
        if (refresh != null) {
            refreshLifetime = refresh;
        }
    }

    /** Back to the configured lifetimes. */
    public void resetLifetimes() {
        accessLifetime = configuredAccessLifetime;
        refreshLifetime = configuredRefreshLifetime;
    }

    /** A configured secret is hashed to the 256 bits HS256 needs; otherwise a random one per start. */
    private static byte[] secret(String configured) {
        if (configured != null && !configured.isBlank()) {
            try {
                return MessageDigest.getInstance("SHA-256").digest(configured.getBytes(StandardCharsets.UTF_8));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        return random;
    }

    public TokenPair issue(UUID userId) {
        if (issued.incrementAndGet() % PURGE_EVERY == 0) {
            purgeExpired();
        }
        return new TokenPair(sign(userId, ACCESS, accessLifetime, liveAccess),
                sign(userId, REFRESH, refreshLifetime, liveRefresh));
    }

    private String sign(UUID userId, String type, Duration lifetime, ConcurrentHashMap<String, Instant> live) {
        Instant now = Instant.now();
        Instant expiry = now.plus(lifetime);
        String jti = UUID.randomUUID().toString().replace("-", "");
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .claim("token_type", type)
                .expirationTime(Date.from(expiry))
                .issueTime(Date.from(now))
                .jwtID(jti)
                .claim("user_id", userId.toString())
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).type(JOSEObjectType.JWT).build(),
                claims);
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign a token", e);
        }
        live.put(jti, expiry);
        return jwt.serialize();
    }

    /** The user of a valid, live access token. */
    public Optional<UUID> verifyAccess(String token) {
        return verified(token)
                .filter(claims -> ACCESS.equals(claims.getClaim("token_type")))
                .filter(claims -> isLive(liveAccess, claims.getJWTID()))
                .flatMap(TokenService::userId);
    }

    /**
     * simplejwt's refresh with {@code ROTATE_REFRESH_TOKENS} and blacklisting: the old refresh token
     * stops working at once, and a new pair is issued.
     */
    public RefreshResult refresh(String refreshToken) {
        Optional<JWTClaimsSet> claims = verified(refreshToken);
        if (claims.isEmpty()) {
            return RefreshResult.rejected("Token is invalid or expired");
        }
        if (!REFRESH.equals(claims.get().getClaim("token_type"))) {
            return RefreshResult.rejected("Token has wrong type");
        }
        Optional<UUID> userId = userId(claims.get());
        // remove() is atomic: of two concurrent refreshes with the same token, only one wins.
        String jti = claims.get().getJWTID();
        if (userId.isEmpty() || jti == null || !isLive(liveRefresh, jti) || liveRefresh.remove(jti) == null) {
            return RefreshResult.rejected("Token is invalid or expired");
        }
        return RefreshResult.refreshed(userId.get(), issue(userId.get()));
    }

    /** Takes back a token of either type (logout). Unknown or malformed tokens are ignored. */
    public void revoke(String token) {
        verified(token).map(JWTClaimsSet::getJWTID).ifPresent(jti -> {
            liveAccess.remove(jti);
            liveRefresh.remove(jti);
        });
    }

    /** Every access token issued so far stops working (the test control for "expired CARE tokens"). */
    public void expireAccessTokens() {
        liveAccess.clear();
    }

    public void expireRefreshTokens() {
        liveRefresh.clear();
    }

    private Optional<JWTClaimsSet> verified(String token) {
        if (token == null || token.isBlank()) {
            return Optional.empty();
        }
        try {
            SignedJWT jwt = SignedJWT.parse(token.trim());
            if (!JWSAlgorithm.HS256.equals(jwt.getHeader().getAlgorithm()) || !jwt.verify(verifier)) {
                return Optional.empty();
            }
            JWTClaimsSet claims = jwt.getJWTClaimsSet();
            Date expiry = claims.getExpirationTime();
            if (expiry == null || !expiry.toInstant().isAfter(Instant.now())) {
                return Optional.empty();
            }
            return Optional.of(claims);
        } catch (ParseException | JOSEException | IllegalStateException e) {
            return Optional.empty();
        }
    }

    private static boolean isLive(ConcurrentHashMap<String, Instant> live, String jti) {
        if (jti == null) {
            return false;
        }
        Instant expiry = live.get(jti);
        return expiry != null && expiry.isAfter(Instant.now());
    }

    private static Optional<UUID> userId(JWTClaimsSet claims) {
        try {
            return Optional.of(UUID.fromString(claims.getStringClaim("user_id")));
        } catch (ParseException | IllegalArgumentException | NullPointerException e) {
            return Optional.empty();
        }
    }

    private void purgeExpired() {
        Instant now = Instant.now();
        liveAccess.values().removeIf(expiry -> !expiry.isAfter(now));
        liveRefresh.values().removeIf(expiry -> !expiry.isAfter(now));
    }

    /** Either a new pair for {@code userId}, or the reason the refresh token was refused. */
    public record RefreshResult(UUID userId, TokenPair pair, String rejection) {

        static RefreshResult refreshed(UUID userId, TokenPair pair) {
            return new RefreshResult(userId, pair, null);
        }

        static RefreshResult rejected(String reason) {
            return new RefreshResult(null, null, reason);
        }

        public boolean accepted() {
            return pair != null;
        }
    }
}
