package network.ohc.caresync.application.audit;

import java.time.Instant;

/**
 * One event as stored: its place in the store, its type and revision as written, its write and sequence, and its
 * payload and metadata as parsed JSON (maps, lists and plain values).
 */
public record AuditEvent(long globalIndex, String payloadType, String revision, Instant timestamp, String aggregateId,
                         long sequence, Object payload, Object metadata) {

    /** The event's simple name, such as {@code SyncAttempted}. */
    public String type() {
        int dot = Math.max(payloadType.lastIndexOf('.'), payloadType.lastIndexOf('$'));
        return payloadType.substring(dot + 1);
    }
}
