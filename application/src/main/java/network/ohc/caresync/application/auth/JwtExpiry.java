package network.ohc.caresync.application.auth;

import network.ohc.caresync.application.json.Json;

import java.time.Instant;
import java.util.Base64;
import java.util.Map;

/**
 * Reads the {@code exp} claim of a CARE token. CARE verifies its own tokens; care-sync only needs to know when one
 * runs out, so it reads the claim without verifying the signature (it has no key for it anyway).
 */
final class JwtExpiry {

    private JwtExpiry() {
    }

    static Instant of(String jwt) {
        if (jwt == null) {
            return null;
        }
        String[] parts = jwt.split("\\.");
        if (parts.length < 2) {
            return null;
        }
        try {
            Map<String, Object> claims = Json.asObject(Json.parse(Base64.getUrlDecoder().decode(parts[1])));
            return claims != null && claims.get("exp") instanceof Number exp ? Instant.ofEpochSecond(exp.longValue())
                    : null;
        } catch (RuntimeException notAJwt) {
            return null;
        }
    }
}
