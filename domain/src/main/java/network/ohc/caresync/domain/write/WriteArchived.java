package network.ohc.caresync.domain.write;

import org.axonframework.serialization.Revision;

import java.time.Instant;

/** An old success left the views. Its events stay. */
@Revision("1")
public record WriteArchived(String writeId, Instant at) {
}
