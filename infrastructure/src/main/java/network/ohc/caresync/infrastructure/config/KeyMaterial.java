package network.ohc.caresync.infrastructure.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Properties;

/**
 * The secrets care-sync needs (the vault key, the session signing key, the key of the events' tamper-evidence seals). Configured ones win; otherwise they are
 * generated once and kept, readable by the owner only, in {@code <data-dir>/secrets.properties} — enough for a
 * single node. Several nodes must be given the same secrets in configuration.
 */
public final class KeyMaterial {

    private final String vaultKey;
    private final byte[] sessionKey;
    private final byte[] auditKey;

    public KeyMaterial(CareSyncProperties properties) {
        Properties stored = null;
        String vault = properties.getVault().getKey();
        String session = properties.getSession().getSigningKey();
        String audit = properties.getAudit().getKey();
        if (isBlank(vault) || isBlank(session) || isBlank(audit)) {
            stored = loadOrCreate(properties.getDataDir().resolve("secrets.properties"));
        }
        this.vaultKey = isBlank(vault) ? stored.getProperty("vault-key") : vault;
        String sessionText = isBlank(session) ? stored.getProperty("session-signing-key") : session;
        this.sessionKey = decode(sessionText);
        if (sessionKey.length < 32) {
            throw new IllegalStateException("care-sync.session.signing-key must be at least 32 bytes (base64)");
        }
        String auditText = isBlank(audit) ? stored.getProperty("audit-key") : audit;
        if (auditText.length() < 32) {
            throw new IllegalStateException("care-sync.audit.key must be at least 32 characters");
        }
        this.auditKey = auditText.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    public String vaultKey() {
        return vaultKey;
    }

    public byte[] sessionKey() {
        return sessionKey.clone();
    }

    /** The key the events' chained seals (HMAC-SHA256) are made with. */
    public byte[] auditKey() {
        return auditKey.clone();
    }

    private static byte[] decode(String text) {
        try {
            return Base64.getDecoder().decode(text.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("care-sync.session.signing-key must be base64", e);
        }
    }

    private static synchronized Properties loadOrCreate(Path file) {
        Properties properties = new Properties();
        try {
            if (Files.exists(file)) {
                try (InputStream in = Files.newInputStream(file)) {
                    properties.load(in);
                }
            }
            boolean changed = false;
            if (isBlank(properties.getProperty("vault-key"))) {
                properties.setProperty("vault-key", random());
                changed = true;
            }
            if (isBlank(properties.getProperty("session-signing-key"))) {
                properties.setProperty("session-signing-key", random());
                changed = true;
            }
            if (isBlank(properties.getProperty("audit-key"))) {
                properties.setProperty("audit-key", random());
                changed = true;
            }
            if (changed) {
                Files.createDirectories(file.getParent());
                Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
                try (OutputStream out = Files.newOutputStream(temporary)) {
                    properties.store(out, "care-sync secrets, generated at first start; keep this file private");
                }
                try {
                    Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString("rw-------"));
                } catch (UnsupportedOperationException notPosix) {
                    // best effort on file systems without POSIX permissions
                }
                Files.move(temporary, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                        java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            }
            return properties;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep generated secrets in " + file, e);
        }
    }

    private static String random() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
