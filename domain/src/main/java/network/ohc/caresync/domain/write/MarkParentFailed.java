package network.ohc.caresync.domain.write;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** A parent failed for good, conflicts, is in doubt or was discarded: hold this write back. */
public record MarkParentFailed(@TargetAggregateIdentifier String writeId, String parentWriteId, WriteStatus parentStatus, Instant at) {
}
