package network.ohc.caresync.domain.write;

import org.axonframework.serialization.Revision;

import java.time.Instant;

/** The attempt never reached the upstream; no retry was spent. */
@Revision("1")
public record AttemptAborted(String writeId, int attempt, String reason, Instant at) {
}
