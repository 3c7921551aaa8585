package network.ohc.caresync.domain.write;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** A person retries a failed or conflicted write. */
public record RequestRetry(@TargetAggregateIdentifier String writeId, Actor actor, Instant at) {
}
