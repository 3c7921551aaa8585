package network.ohc.caresync.domain.write;

import org.axonframework.serialization.Revision;

import java.time.Instant;

/**
 * An in-doubt attempt was found applied (with the record found) or not applied. {@code lookup} is the engine's last
 * request to find out (method, path with its query, status); null when a person settled it, when nothing needed to
 * be asked, and in events stored before it was kept.
 */
@Revision("1")
public record InDoubtReconciled(String writeId, int attempt, boolean applied, String realId, Object record, String modifiedDate,
                                String method, Actor by, Instant at, UpstreamExchange lookup) {

    public InDoubtReconciled(String writeId, int attempt, boolean applied, String realId, Object record,
                             String modifiedDate, String method, Actor by, Instant at) {
        this(writeId, attempt, applied, realId, record, modifiedDate, method, by, at, null);
    }
}
