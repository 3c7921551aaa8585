package network.ohc.caresync.domain.write;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/**
 * The attempt failed; the retry policy decides whether and when it is tried again. {@code exchange}: the request
 * that failed and CARE's answer (null when nothing was sent).
 */
public record RecordSyncFailure(@TargetAggregateIdentifier String writeId, int attempt, UpstreamFailure failure, Instant at,
                                UpstreamExchange exchange) {

    public RecordSyncFailure(String writeId, int attempt, UpstreamFailure failure, Instant at) {
        this(writeId, attempt, failure, at, null);
    }
}
