package network.ohc.caresync.infrastructure.audit;

/**
 * One event as the event store keeps it: the columns of {@code domainevententry}, payload and metadata as the stored
 * JSON bytes, the time as the stored text.
 */
public record StoredEvent(long globalIndex, String eventId, String aggregateId, long sequence, String aggregateType,
                          String payloadType, String revision, String timestamp, byte[] payload, byte[] metadata) {
}
