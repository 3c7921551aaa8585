package network.ohc.caresync.domain.write;

import org.axonframework.serialization.Revision;

import java.time.Instant;

/** A person gave the write up; it is never sent. */
@Revision("1")
public record WriteDiscarded(String writeId, Actor by, String reason, Instant at) {
}
