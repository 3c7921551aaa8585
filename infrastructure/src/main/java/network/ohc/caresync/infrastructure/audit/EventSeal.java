package network.ohc.caresync.infrastructure.audit;

import network.ohc.caresync.application.json.Json;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The tamper-evidence seal of a stored event: HMAC-SHA256, keyed with care-sync's audit key, over the seal of the
 * event before it in the same write and the event's canonical form. The chain of a write starts from a fixed genesis
 * value, so altering, removing or reordering an event breaks the chain at that point, and forging a seal needs the key.
 * <p>
 * The canonical form is made from the stored JSON (parsed, and written again with keys sorted at every depth) and
 * leaves the seal itself out of the metadata, so sealing at append time and verifying later agree byte for byte.
 */
public final class EventSeal {

    /** The metadata key the seal is kept under. */
    public static final String METADATA_KEY = "chain";
    /** What the first event of every write is chained from. */
    public static final String GENESIS = "0".repeat(64);

    private final SecretKeySpec key;
    /**
     * One keyed MAC per thread (a {@link Mac} is not thread-safe; {@code doFinal} resets it for the next seal):
     * looking the algorithm up among the JVM's providers and keying it anew for every event was a tenth of sealing.
     */
    private final ThreadLocal<Mac> macs;

    public EventSeal(byte[] key) {
        this.key = new SecretKeySpec(key, "HmacSHA256");
        this.macs = ThreadLocal.withInitial(this::newMac);
    }

    /** The seal of {@code event} chained from {@code previous} (the seal of the event before it, or {@link #GENESIS}). */
    public String seal(String previous, StoredEvent event) {
        byte[] canonical = canonical(event);
        Mac mac = macs.get();
        mac.update(previous.getBytes(StandardCharsets.US_ASCII));
        mac.update((byte) '\n');
        return HexFormat.of().formatHex(mac.doFinal(canonical));
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JVM", e);
        }
    }

    /** The seal a stored event carries in its metadata, or null. */
    public static String sealOf(byte[] metadata) {
        Map<String, Object> fields = Json.parseObject(metadata);
        return fields != null && fields.get(METADATA_KEY) instanceof String seal ? seal : null;
    }

    static byte[] canonical(StoredEvent event) {
        Map<String, Object> metadata = metadata(event.metadata());
        metadata.remove(METADATA_KEY);
        Map<String, Object> form = new LinkedHashMap<>();
        form.put("eventId", event.eventId());
        form.put("aggregateId", event.aggregateId());
        form.put("sequence", event.sequence());
        form.put("aggregateType", event.aggregateType());
        form.put("payloadType", event.payloadType());
        form.put("revision", event.revision());
        form.put("timestamp", event.timestamp());
        form.put("payload", Json.parse(event.payload()));
        form.put("metadata", metadata);
        return Json.canonicalBytes(form);
    }

    private static Map<String, Object> metadata(byte[] stored) {
        Object parsed = Json.parse(stored);
        if (parsed == null) {
            return new LinkedHashMap<>();
        }
        if (!(parsed instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException("the metadata is not a JSON object");
        }
        Map<String, Object> fields = new LinkedHashMap<>();
        map.forEach((k, v) -> fields.put(String.valueOf(k), v));
        return fields;
    }
}
