package network.ohc.caresync.domain.write;

import org.axonframework.serialization.Revision;

import java.time.Instant;

/**
 * An attempt failed: why, how many failures so far, and whether and when it is retried. {@code exchange} is the
 * request that failed and CARE's whole answer, body included (an HTML error page too), up to a limit; it is null
 * when nothing was sent and in events stored before it was kept.
 */
@Revision("1")
public record SyncFailed(String writeId, int attempt, UpstreamFailure failure, int retries, boolean retryable,
                         Instant nextAttemptAt, Instant at, UpstreamExchange exchange) {

    public SyncFailed(String writeId, int attempt, UpstreamFailure failure, int retries, boolean retryable,
                      Instant nextAttemptAt, Instant at) {
        this(writeId, attempt, failure, retries, retryable, nextAttemptAt, at, null);
    }
}
