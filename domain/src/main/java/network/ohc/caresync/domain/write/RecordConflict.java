package network.ohc.caresync.domain.write;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;
import java.util.Map;

/** The upstream record changed since the device saw it, or CARE answered 409. */
public record RecordConflict(@TargetAggregateIdentifier String writeId, int attempt, ConflictSource source, Map<String, Object> serverData, String serverModifiedDate,
                             String expectedTimestamp, Instant at) {
}
