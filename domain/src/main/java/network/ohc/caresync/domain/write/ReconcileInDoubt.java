package network.ohc.caresync.domain.write;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** Someone (the engine by a lookup, or a person) found out whether an in-doubt attempt was applied. */
public record ReconcileInDoubt(@TargetAggregateIdentifier String writeId, int attempt, boolean applied, String realId, Object record, String modifiedDate, String method,
                               Actor actor, Instant at) {
}
