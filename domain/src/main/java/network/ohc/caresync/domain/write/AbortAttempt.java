package network.ohc.caresync.domain.write;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** The attempt never reached the upstream (it was unreachable): back to pending, no retry spent. */
public record AbortAttempt(@TargetAggregateIdentifier String writeId, int attempt, String reason, Instant at) {
}
