package network.ohc.caresync.domain.write;

import network.ohc.caresync.domain.dependency.Replacement;
import org.axonframework.serialization.Revision;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A parent was created upstream and its real id replaced its temporary id in this write. When the write edits the
 * parent's own record (an update of a patient registered offline), {@code serverTimestamp} is the version it now
 * expects: the parent's {@code modified_date} after its sync; otherwise null (unchanged). Revision 2 added it.
 */
@Revision("2")
public record DependencyResolved(String writeId, String parentWriteId, String temporaryId, String realId,
                                 List<Replacement> replacements, Map<String, Object> pathParams,
                                 Map<String, Object> queryParams, Map<String, Object> payload, String recordKey,
                                 String serverTimestamp, Instant at) {
}
