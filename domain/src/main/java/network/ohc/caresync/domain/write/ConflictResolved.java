package network.ohc.caresync.domain.write;

import org.axonframework.serialization.Revision;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A conflict was resolved: keep mine, take theirs, a merged payload or an automatic merge; who and why. */
@Revision("1")
public record ConflictResolved(String writeId, Resolution resolution, Actor by, String reason, Map<String, Object> payload,
                               String serverTimestamp, List<String> autoMergedFields, Instant at) {
}
