package network.ohc.caresync.domain.write;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** No valid CARE token exists for the owner: the write waits until the owner signs in again. */
public record RequireSignIn(@TargetAggregateIdentifier String writeId, Instant at) {
}
