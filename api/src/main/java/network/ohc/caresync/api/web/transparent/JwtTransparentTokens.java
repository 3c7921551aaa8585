package network.ohc.caresync.api.web.transparent;

import com.nimbusds.jose.jwk.source.ImmutableSecret;
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
 * care-sync session token passes for one, and they pass for neither.
 */
public class JwtTransparentTokens implements TransparentTokens {

    static final String ISSUER = "care-sync/transparent";

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
        return new Pair(sign(userId, username, Type.ACCESS, accessLifetime),
                sign(userId, username, Type.REFRESH, refreshLifetime));
    }

    @Override
    public Optional<String> userOf(String token, Type type) {
        if (token == null || token.isBlank()) {
            return Optional.empty();
        }
        try {
            Jwt jwt = decoder.decode(token);
            if (!wireName(type).equals(jwt.getClaimAsString("token_type"))) {
                return Optional.empty();
            }
            return Optional.ofNullable(jwt.getClaimAsString("user_id"));
        } catch (JwtException notOurs) {
            return Optional.empty();
        }
    }

    private String sign(String userId, String username, Type type, Duration lifetime) {
        Instant now = clock.instant();
        JwtClaimsSet claims = JwtClaimsSet.builder()
                .issuer(ISSUER).issuedAt(now).expiresAt(now.plus(lifetime)).id(UUID.randomUUID().toString())
                .claim("token_type", wireName(type))
                .claim("user_id", userId)
                .claim("username", username)
                .build();
        return encoder.encode(JwtEncoderParameters.from(JwsHeader.with(MacAlgorithm.HS256).build(), claims))
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
