package network.ohc.caresync.application.transparent;

import network.ohc.caresync.application.json.Json;
import network.ohc.caresync.application.json.StorableText;

import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

/**
 * The claims of a CARE token as the token says them, unverified: CARE signs its tokens with a key care-sync does not
 * have. Who a token names is trusted only when something else vouches for it (see {@link CareCallers}).
 */
public record CareJwt(String userId, String tokenType, Instant expiresAt) {

    /** The width of the user id columns the claim is looked up in. */
    private static final int MAX_USER_ID = 100;

    /**
     * The claims of a JWT carrying a {@code user_id}; empty for anything else, also for a user id that no user can
     * have (wider than the column, or text PostgreSQL cannot store): looking it up would fail, not find nobody.
     */
    public static Optional<CareJwt> read(String token) {
        if (token == null) {
            return Optional.empty();
        }
        String[] parts = token.split("\\.");
        if (parts.length != 3) {
            return Optional.empty();
        }
        try {
            Map<String, Object> claims = Json.asObject(Json.parse(Base64.getUrlDecoder().decode(parts[1])));
            if (claims == null || !(claims.get("user_id") instanceof String userId) || userId.isBlank()
                    || userId.length() > MAX_USER_ID || !StorableText.isStorable(userId)) {
                return Optional.empty();
            }
            Instant expires = claims.get("exp") instanceof Number exp ? Instant.ofEpochSecond(exp.longValue()) : null;
            String type = claims.get("token_type") instanceof String t ? t : null;
            return Optional.of(new CareJwt(userId, type, expires));
        } catch (RuntimeException notAJwt) {
            return Optional.empty();
        }
    }

    public boolean expiredAt(Instant now) {
        return expiresAt != null && !expiresAt.isAfter(now);
    }
}
