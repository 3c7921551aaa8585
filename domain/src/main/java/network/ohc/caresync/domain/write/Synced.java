package network.ohc.caresync.domain.write;

import org.axonframework.serialization.Revision;

import java.time.Instant;

/** The upstream accepted the write: its answer, the record's new modified_date and its real id. */
@Revision("1")
public record Synced(String writeId, int attempt, int httpStatus, Object response, String modifiedDate, String realId, Instant at) {
}
