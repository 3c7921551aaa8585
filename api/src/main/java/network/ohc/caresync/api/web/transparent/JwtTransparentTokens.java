package network.ohc.caresync.api.web.transparent;

import com.nimbusds.jose.jwk.source.ImmutableSecret;
import network.ohc.caresync.application.transparent.TransparentSessions;
import network.ohc.caresync.application.transparent.TransparentTokens;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;

import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/**
 * CARE-looking tokens (HS256 JWTs with simplejwt's claims {@code token_type}, {@code user_id}, {@code jti}) signed
 * with a key derived from care-sync's session signing key, with an issuer of their own: neither a CARE token nor a
 * care-sync session token passes for one, and they pass for neither. Each names its session in a {@code sid} claim.
 */
public class JwtTransparentTokens implements TransparentTokens {

    static final String ISSUER = "care-sync/transparent";
    /** The claim naming the session a token belongs to (a row of {@code user_session}). */
    static final String SESSION = "sid";

    private final NimbusJwtEncoder encoder;
    private final NimbusJwtDecoder decoder;
    private final Duration accessLifetime;
    private final Duration refreshLifetime;
    private final Clock clock;

    public JwtTransparentTokens(byte[] sessionKey, Duration accessLifetime, Duration refreshLifetime, Clock clock) {
        SecretKey secret = new SecretKeySpec(derive(sessionKey), "HmacSHA256");
        this.encoder = new NimbusJwtEncoder(new ImmutableSecret<>(secret));
        this.decoder = NimbusJwtDecoder.withSecretKey(secret).macAlgorithm(MacAlgorithm.HS256).build();
        JwtTimestampValidator timestamps = new JwtTimestampValidator(Duration.ZERO);
        timestamps.setClock(clock);
        this.decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(timestamps, new JwtIssuerValidator(ISSUER)));
        this.accessLifetime = accessLifetime;
        this.refreshLifetime = refreshLifetime;
        this.clock = clock;
    }

    @Override
    public Pair issue(String userId, String username) {
        String refresh = sign(userId, username, Type.REFRESH, refreshLifetime, null);
        return new Pair(sign(userId, username, Type.ACCESS, accessLifetime, TransparentSessions.idOf(refresh)), refresh);
    }

    @Override
    public Pair renew(String userId, String username, String sessionId) {
        return new Pair(sign(userId, username, Type.ACCESS, accessLifetime, sessionId),
                sign(userId, username, Type.REFRESH, refreshLifetime, sessionId));
    }

    /**
     * A refresh token without a {@code sid} began its session, so its own hash names it (it cannot carry its own
     * hash). An access token without one was issued before tokens named sessions: it names none, and is refused.
     */
    @Override
    public Optional<Issued> read(String token, Type type) {
        if (token == null || token.isBlank()) {
            return Optional.empty();
        }
        try {
            Jwt jwt = decoder.decode(token);
            String userId = jwt.getClaimAsString("user_id");
            if (!wireName(type).equals(jwt.getClaimAsString("token_type")) || userId == null) {
                return Optional.empty();
            }
            String session = jwt.getClaimAsString(SESSION);
            if (session == null && type == Type.REFRESH) {
                session = TransparentSessions.idOf(token);
            }
            return Optional.of(new Issued(userId, session));
        } catch (JwtException notOurs) {
            return Optional.empty();
        }
    }

    private String sign(String userId, String username, Type type, Duration lifetime, String sessionId) {
        Instant now = clock.instant();
        JwtClaimsSet.Builder claims = JwtClaimsSet.builder()
                .issuer(ISSUER).issuedAt(now).expiresAt(now.plus(lifetime)).id(UUID.randomUUID().toString())
                .claim("token_type", wireName(type))
                .claim("user_id", userId)
                .claim("username", username);
        if (sessionId != null) {
            claims.claim(SESSION, sessionId);
        }
        return encoder.encode(JwtEncoderParameters.from(JwsHeader.with(MacAlgorithm.HS256).build(), claims.build()))
                .getTokenValue();
    }

    private static String wireName(Type type) {
        return type.name().toLowerCase(Locale.ROOT);
    }

    /** A key of their own, so that these tokens and session tokens never share a signature. */
    private static byte[] derive(byte[] sessionKey) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(sessionKey, "HmacSHA256"));
            return mac.doFinal("care-sync transparent CARE tokens".getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JVM", e);
        }
    }
}
