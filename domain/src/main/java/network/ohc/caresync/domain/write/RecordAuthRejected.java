package network.ohc.caresync.domain.write;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** CARE refused the owner's token even after a refresh: the write waits for the owner to sign in. */
public record RecordAuthRejected(@TargetAggregateIdentifier String writeId, int attempt, Instant at) {
}
