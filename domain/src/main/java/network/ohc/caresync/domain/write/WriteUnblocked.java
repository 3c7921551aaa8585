package network.ohc.caresync.domain.write;

import org.axonframework.serialization.Revision;

import java.time.Instant;

/** The write was released and is pending again. */
@Revision("1")
public record WriteUnblocked(String writeId, BlockReason previousReason, Instant at) {
}
