package network.ohc.caresync.infrastructure.vault;

import network.ohc.caresync.application.json.Json;
import org.springframework.security.crypto.encrypt.Encryptors;
import org.springframework.security.crypto.encrypt.TextEncryptor;

import java.nio.charset.StandardCharsets;

/** Encrypts CARE tokens at rest: AES-256-GCM with a random IV per value, key derived from the configured secret. */
public class TokenCipher {

    private final TextEncryptor encryptor;

    public TokenCipher(String secret) {
        if (secret == null || secret.length() < 16) {
            throw new IllegalArgumentException("care-sync.vault.key must be at least 16 characters");
        }
        String salt = Json.sha256Hex(("care-sync-vault:" + secret).getBytes(StandardCharsets.UTF_8)).substring(0, 16);
        this.encryptor = Encryptors.delux(secret, salt);
    }

    public String encrypt(String plain) {
        return plain == null ? null : encryptor.encrypt(plain);
    }

    public String decrypt(String encrypted) {
        return encrypted == null ? null : encryptor.decrypt(encrypted);
    }
}
