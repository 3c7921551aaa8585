package network.ohc.caresync.domain.write;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;
import java.util.Map;

/**
 * The upstream record changed since the device saw it, or CARE answered 409. {@code check}: the read of the server's
 * record; {@code answer}: CARE's 409 to the write (null when the write was not sent).
 */
public record RecordConflict(@TargetAggregateIdentifier String writeId, int attempt, ConflictSource source, Map<String, Object> serverData, String serverModifiedDate,
                             String expectedTimestamp, Instant at, UpstreamExchange check, UpstreamExchange answer) {

    public RecordConflict(String writeId, int attempt, ConflictSource source, Map<String, Object> serverData,
                          String serverModifiedDate, String expectedTimestamp, Instant at) {
        this(writeId, attempt, source, serverData, serverModifiedDate, expectedTimestamp, at, null, null);
    }
}
