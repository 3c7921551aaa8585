package network.ohc.caresync.domain.write;

import org.axonframework.serialization.Revision;

import java.time.Instant;

/** A person pointed a blocked child at another parent write, or at a record that exists upstream. */
@Revision("1")
public record ParentRepointed(String writeId, String fromParentWriteId, String toParentWriteId, String toRealId, Actor by, Instant at) {
}
