package network.ohc.caresync.domain.write;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/**
 * Someone (the engine by a lookup, or a person) found out whether an in-doubt attempt was applied. {@code lookup}:
 * the engine's last request to find out (null for a person, or when nothing was asked).
 */
public record ReconcileInDoubt(@TargetAggregateIdentifier String writeId, int attempt, boolean applied, String realId, Object record, String modifiedDate, String method,
                               Actor actor, Instant at, UpstreamExchange lookup) {

    public ReconcileInDoubt(String writeId, int attempt, boolean applied, String realId, Object record,
                            String modifiedDate, String method, Actor actor, Instant at) {
        this(writeId, attempt, applied, realId, record, modifiedDate, method, actor, at, null);
    }
}
