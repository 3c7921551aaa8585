package network.ohc.caresync.domain.write;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** The upstream accepted the attempt. */
public record RecordSyncSuccess(@TargetAggregateIdentifier String writeId, int attempt, int httpStatus, Object response, String modifiedDate, String realId, Instant at) {
}
