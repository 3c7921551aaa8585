package network.ohc.caresync.domain.write;

import org.axonframework.serialization.Revision;

import java.time.Instant;

/** An in-doubt attempt was found applied (with the record found) or not applied. */
@Revision("1")
public record InDoubtReconciled(String writeId, int attempt, boolean applied, String realId, Object record, String modifiedDate,
                                String method, Actor by, Instant at) {
}
