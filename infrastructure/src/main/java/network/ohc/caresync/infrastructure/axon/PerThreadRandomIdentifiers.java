package network.ohc.caresync.infrastructure.axon;

import org.axonframework.common.IdentifierFactory;

import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.UUID;

/**
 * The identifiers Axon gives every message, unit of work and saga: random (version 4) UUIDs, as Axon's default, but
 * drawn from a cryptographic generator of each thread's own. {@link UUID#randomUUID()} draws from one generator shared
 * by the whole JVM behind a lock, and Axon asks for several identifiers per write: with fifty devices handing writes
 * over at once, threads spent more time waiting for that lock than working (found by the benchmark's profile).
 * Axon finds this class through {@code META-INF/services/org.axonframework.common.IdentifierFactory}.
 */
public class PerThreadRandomIdentifiers extends IdentifierFactory {

    private static final ThreadLocal<SecureRandom> RANDOM = ThreadLocal.withInitial(PerThreadRandomIdentifiers::generator);

    @Override
    public String generateIdentifier() {
        return next().toString();
    }

    /** A random UUID (version 4, IETF variant) from this thread's generator. */
    public static UUID next() {
        byte[] bytes = new byte[16];
        RANDOM.get().nextBytes(bytes);
        bytes[6] = (byte) ((bytes[6] & 0x0f) | 0x40);
        bytes[8] = (byte) ((bytes[8] & 0x3f) | 0x80);
        long most = 0;
        long least = 0;
        for (int i = 0; i < 8; i++) {
            most = (most << 8) | (bytes[i] & 0xff);
            least = (least << 8) | (bytes[i + 8] & 0xff);
        }
        return new UUID(most, least);
    }

    private static SecureRandom generator() {
        try {
            // DRBG seeds itself from the operating system once and then needs no shared state
            return SecureRandom.getInstance("DRBG");
        } catch (NoSuchAlgorithmException unavailable) {
            return new SecureRandom();
        }
    }
}
