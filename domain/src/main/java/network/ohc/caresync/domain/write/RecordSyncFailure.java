package network.ohc.caresync.domain.write;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** The attempt failed; the retry policy decides whether and when it is tried again. */
public record RecordSyncFailure(@TargetAggregateIdentifier String writeId, int attempt, UpstreamFailure failure, Instant at) {
}
