package network.ohc.caresync.application.audit;

import java.time.Instant;
import java.util.Set;

/**
 * Which events an auditor asks for; every part is optional. {@code userId} and {@code deviceId} select the writes
 * handed over by that user or from that device; {@code resource} the writes that mention an id (a temporary id, a
 * real id, in path params, query params or payload); {@code payloadTypes} are full class names; the time range is
 * {@code from} inclusive, {@code to} exclusive.
 */
public record AuditFilter(String writeId, String userId, String deviceId, String resource, Set<String> payloadTypes,
                          Instant from, Instant to) {

    public AuditFilter {
        payloadTypes = payloadTypes == null ? Set.of() : Set.copyOf(payloadTypes);
    }

    public static AuditFilter ofWrite(String writeId) {
        return new AuditFilter(writeId, null, null, null, Set.of(), null, null);
    }
}
