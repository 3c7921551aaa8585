package network.ohc.caresync.domain.write;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** The owner signed in again: a write waiting for that goes back to pending. */
public record ReleaseAfterSignIn(@TargetAggregateIdentifier String writeId, Instant at) {
}
