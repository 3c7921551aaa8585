package network.ohc.caresync.domain.write;

import org.axonframework.serialization.Revision;

import java.time.Instant;
import java.util.Map;

/** The upstream record changed since the device saw it (or CARE answered 409): the server's data. */
@Revision("1")
public record ConflictDetected(String writeId, int attempt, ConflictSource source, Map<String, Object> serverData,
                               String serverModifiedDate, String expectedTimestamp, Instant at) {
}
