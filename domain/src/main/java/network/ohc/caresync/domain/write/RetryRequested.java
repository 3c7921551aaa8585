package network.ohc.caresync.domain.write;

import org.axonframework.serialization.Revision;

import java.time.Instant;

/** The write goes back to pending: by its retry timer, or because a person asked. */
@Revision("1")
public record RetryRequested(String writeId, boolean automatic, Actor by, Instant at) {
}
