package network.ohc.caresync.domain.write;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** A parent that had failed is on its way again: this write waits for it instead of being held back. */
public record MarkParentRecovering(@TargetAggregateIdentifier String writeId, String parentWriteId, Instant at) {
}
