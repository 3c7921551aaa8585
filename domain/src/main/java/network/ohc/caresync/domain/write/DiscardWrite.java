package network.ohc.caresync.domain.write;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** A person gives a write up. */
public record DiscardWrite(@TargetAggregateIdentifier String writeId, Actor actor, String reason, Instant at) {
}
