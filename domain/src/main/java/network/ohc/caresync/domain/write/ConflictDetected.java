package network.ohc.caresync.domain.write;

import org.axonframework.serialization.Revision;

import java.time.Instant;
import java.util.Map;

/**
 * The upstream record changed since the device saw it (or CARE answered 409): the server's data. {@code check} is
 * the read of the server's record (method, path, status; its body is {@code serverData}); {@code answer} is CARE's
 * 409 to the write itself, body included. Both are null in events stored before they were kept.
 */
@Revision("1")
public record ConflictDetected(String writeId, int attempt, ConflictSource source, Map<String, Object> serverData,
                               String serverModifiedDate, String expectedTimestamp, Instant at,
                               UpstreamExchange check, UpstreamExchange answer) {

    public ConflictDetected(String writeId, int attempt, ConflictSource source, Map<String, Object> serverData,
                            String serverModifiedDate, String expectedTimestamp, Instant at) {
        this(writeId, attempt, source, serverData, serverModifiedDate, expectedTimestamp, at, null, null);
    }
}
