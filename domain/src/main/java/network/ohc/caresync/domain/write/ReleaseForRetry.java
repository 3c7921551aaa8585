package network.ohc.caresync.domain.write;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** The retry timer of a failed attempt fired. */
public record ReleaseForRetry(@TargetAggregateIdentifier String writeId, int failedAttempt, Instant at) {
}
