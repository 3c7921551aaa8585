package network.ohc.caresync.domain.write;

import org.axonframework.serialization.Revision;

import java.time.Instant;

/** An attempt started: its number, the node that makes it and what it sends. */
@Revision("1")
public record SyncAttempted(String writeId, int attempt, String node, AttemptRequest request, Instant at) {
}
