package network.ohc.caresync.domain.write;

import org.axonframework.serialization.Revision;

import java.time.Instant;
import java.util.List;

/** The write waits: for its parents, because a parent failed, or for its owner to sign in again. */
@Revision("1")
public record WriteBlocked(String writeId, BlockReason reason, List<String> blockedBy, String detail, Instant at) {

    public WriteBlocked withAt(Instant when) {
        return new WriteBlocked(writeId, reason, blockedBy, detail, when);
    }
}
