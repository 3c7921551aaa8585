package network.ohc.caresync.domain.write;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** The request may have been applied but its answer was lost. */
public record RecordOutcomeInDoubt(@TargetAggregateIdentifier String writeId, int attempt, String reason, Instant at) {
}
