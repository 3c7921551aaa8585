package network.ohc.caresync.domain.write;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** A parent was created upstream: put its real id wherever its temporary id stands in this write. */
public record ResolveDependency(@TargetAggregateIdentifier String writeId, String parentWriteId, String realId, Instant at) {
}
