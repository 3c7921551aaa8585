package network.ohc.caresync.application.auth;

import java.time.Instant;

/** A pair of CARE JWTs with the expiry each one carries. */
public record CareTokens(String access, Instant accessExpiresAt, String refresh, Instant refreshExpiresAt) {

    public static CareTokens of(String access, String refresh) {
        return new CareTokens(access, JwtExpiry.of(access), refresh, JwtExpiry.of(refresh));
    }
}
