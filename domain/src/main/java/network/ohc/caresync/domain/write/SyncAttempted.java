package network.ohc.caresync.domain.write;

import org.axonframework.serialization.Revision;

import java.time.Instant;

/**
 * An attempt started: its number, the node that makes it and what it sends. Revision 2 added the request's
 * idempotency key; revision 1 events are upcast (their key was always the write id).
 */
@Revision("2")
public record SyncAttempted(String writeId, int attempt, String node, AttemptRequest request, Instant at) {
}
