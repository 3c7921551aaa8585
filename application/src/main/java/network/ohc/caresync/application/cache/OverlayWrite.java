package network.ohc.caresync.application.cache;

import network.ohc.caresync.domain.write.WriteStatus;

import java.time.Instant;
import java.util.Map;

/**
 * One of the user's writes as the query cache lays it over CARE's answers: what it changes or creates, where it
 * stands, and for a synced write CARE's answer to it and when it synced.
 */
public record OverlayWrite(String writeId, long seq, String syncRouteKey, WriteStatus status,
                           Map<String, Object> pathParams, Map<String, Object> queryParams,
                           Map<String, Object> payload, Instant receivedAt, String realId, Object response,
                           Instant updatedAt) {

    /** Not in CARE yet, as far as care-sync knows (anything but synced and discarded). */
    public boolean isUnsynced() {
        return !status.isTerminal();
    }
}
