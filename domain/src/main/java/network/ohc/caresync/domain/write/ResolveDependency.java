package network.ohc.caresync.domain.write;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/**
 * A parent was created upstream: put its real id wherever its temporary id stands in this write. The parent's
 * {@code modified_date} after its sync lets a write that edits the parent's own record expect that version.
 */
public record ResolveDependency(@TargetAggregateIdentifier String writeId, String parentWriteId, String realId, String parentModifiedDate,
                                Instant at) {
}
