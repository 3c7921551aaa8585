package network.ohc.caresync.domain.write;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** A person points a blocked child at another parent write, or at a record that already exists upstream. */
public record RepointParent(@TargetAggregateIdentifier String writeId, Actor actor, String fromParentWriteId, String toParentWriteId, String toRealId, Instant at) {
}
