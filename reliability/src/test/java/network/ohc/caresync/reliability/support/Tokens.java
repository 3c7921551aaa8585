package network.ohc.caresync.reliability.support;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.Map;

/** Session tokens an attacker could make: signed with a guessed key, unsigned, expired, or plain junk. */
public final class Tokens {

    private static final Base64.Encoder URL = Base64.getUrlEncoder().withoutPadding();

    private Tokens() {
    }

    /** An HS256 JWT over the claims with the given key. */
    public static String hs256(Map<String, Object> claims, byte[] key) {
        String header = URL.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        String body = URL.encodeToString(json(claims));
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            byte[] signature = mac.doFinal((header + "." + body).getBytes(StandardCharsets.US_ASCII));
            return header + "." + body + "." + URL.encodeToString(signature);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An unsigned JWT ("alg": "none"). */
    public static String unsigned(Map<String, Object> claims) {
        return URL.encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + URL.encodeToString(json(claims)) + ".";
    }

    /** The key the suite's nodes sign sessions with (to make a token that is valid but expired). */
    public static byte[] suiteKey() {
        return Base64.getDecoder().decode(CareSyncNode.SIGNING_KEY);
    }

    private static byte[] json(Map<String, Object> claims) {
        try {
            return Http.JSON.writeValueAsBytes(claims);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
