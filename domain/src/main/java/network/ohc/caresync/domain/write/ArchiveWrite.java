package network.ohc.caresync.domain.write;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** Cleanup of an old success: it leaves the views, its events stay. */
public record ArchiveWrite(@TargetAggregateIdentifier String writeId, Instant at) {
}
