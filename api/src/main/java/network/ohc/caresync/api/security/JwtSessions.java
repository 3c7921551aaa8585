package network.ohc.caresync.api.security;

import com.nimbusds.jose.jwk.source.ImmutableSecret;
import network.ohc.caresync.application.auth.Caller;
import network.ohc.caresync.application.auth.SessionIssuer;
import network.ohc.caresync.infrastructure.session.JdbcSessions;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * care-sync's session tokens: JWTs signed with HMAC-SHA256 (Nimbus through Spring Security), naming the user,
 * their roles, the device and the session. A session is also a row, looked up by its primary key on every request
 * and never remembered by a node, so a logout on one node ends the session on every node at once.
 */
public class JwtSessions implements SessionIssuer {

    static final String ISSUER = "care-sync";

    private final NimbusJwtEncoder encoder;
    private final NimbusJwtDecoder decoder;
    private final JdbcSessions sessions;
    private final Duration lifetime;
    private final Clock clock;

    public JwtSessions(byte[] key, JdbcSessions sessions, Duration lifetime, Clock clock) {
        SecretKey secret = new SecretKeySpec(key, "HmacSHA256");
        this.encoder = new NimbusJwtEncoder(new ImmutableSecret<>(secret));
        this.decoder = NimbusJwtDecoder.withSecretKey(secret).macAlgorithm(MacAlgorithm.HS256).build();
        this.decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(
                new JwtTimestampValidator(Duration.ZERO), new JwtIssuerValidator(ISSUER), this::stillOpen));
        this.sessions = sessions;
        this.lifetime = lifetime;
        this.clock = clock;
    }

    public JwtDecoder decoder() {
        return decoder;
    }

    @Override
    public IssuedSession issue(Caller caller) {
        String sessionId = UUID.randomUUID().toString();
        Instant now = clock.instant();
        Instant expires = now.plus(lifetime);
        JwtClaimsSet.Builder claims = JwtClaimsSet.builder()
                .issuer(ISSUER).subject(caller.userId()).issuedAt(now).expiresAt(expires).id(sessionId)
                .claim("name", caller.username())
                .claim("roles", caller.roles().stream().map(r -> r.name().toLowerCase(Locale.ROOT)).toList());
        if (caller.deviceId() != null) {
            claims.claim("device", caller.deviceId());
        }
        String token = encoder.encode(JwtEncoderParameters.from(JwsHeader.with(MacAlgorithm.HS256).build(),
                claims.build())).getTokenValue();
        sessions.open(sessionId, caller.userId(), caller.username(), caller.deviceId(), now, expires);
        return new IssuedSession(token, sessionId, expires);
    }

    @Override
    public void revoke(String sessionId) {
        sessions.revoke(sessionId, clock.instant());
    }

    /** The caller a valid token names. Roles come from the token care-sync itself signed at sign-in. */
    public static CallerAuthentication authentication(Jwt jwt) {
        List<String> roleNames = jwt.getClaimAsStringList("roles");
        Set<Caller.Role> roles = roleNames == null ? EnumSet.of(Caller.Role.USER) : roleNames.stream()
                .map(name -> Caller.Role.valueOf(name.toUpperCase(Locale.ROOT)))
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(Caller.Role.class)));
        Caller caller = new Caller(jwt.getSubject(), jwt.getClaimAsString("name"), roles,
                jwt.getClaimAsString("device"));
        return new CallerAuthentication(caller, jwt.getId());
    }

    private OAuth2TokenValidatorResult stillOpen(Jwt jwt) {
        String sessionId = jwt.getId();
        if (sessionId != null && sessions.isActive(sessionId, clock.instant())) {
            return OAuth2TokenValidatorResult.success();
        }
        return OAuth2TokenValidatorResult.failure(new OAuth2Error("invalid_token",
                "this session has ended; sign in again", null));
    }
}
