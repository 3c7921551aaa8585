package network.ohc.caresync.domain.write;

import org.axonframework.serialization.Revision;

import java.time.Instant;

/** An attempt failed: why, how many failures so far, and whether and when it is retried. */
@Revision("1")
public record SyncFailed(String writeId, int attempt, UpstreamFailure failure, int retries, boolean retryable,
                         Instant nextAttemptAt, Instant at) {
}
