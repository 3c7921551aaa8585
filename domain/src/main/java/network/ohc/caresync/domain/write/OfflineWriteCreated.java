package network.ohc.caresync.domain.write;

import org.axonframework.serialization.Revision;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A device handed over a write: all of its fields, the device and the time care-sync received it.
 * {@code temporaryIds} are the places where the write's route allows temporary ids (null: anywhere; events stored
 * before the field existed lack it and mean the same).
 */
@Revision("1")
public record OfflineWriteCreated(String writeId, String userId, String deviceId, String syncRouteKey, String type,
                                  String resourceType, String recordKey, Map<String, Object> pathParams,
                                  Map<String, Object> queryParams, Map<String, Object> payload,
                                  List<String> parentMutationIds, Long clientTimestamp, String serverTimestamp,
                                  String queryRouteKey, Map<String, Object> basePayload, String contentHash,
                                  Instant receivedAt, List<String> temporaryIds) {

    /** A write whose temporary ids may sit anywhere. */
    public OfflineWriteCreated(String writeId, String userId, String deviceId, String syncRouteKey, String type,
                               String resourceType, String recordKey, Map<String, Object> pathParams,
                               Map<String, Object> queryParams, Map<String, Object> payload,
                               List<String> parentMutationIds, Long clientTimestamp, String serverTimestamp,
                               String queryRouteKey, Map<String, Object> basePayload, String contentHash,
                               Instant receivedAt) {
        this(writeId, userId, deviceId, syncRouteKey, type, resourceType, recordKey, pathParams, queryParams, payload,
                parentMutationIds, clientTimestamp, serverTimestamp, queryRouteKey, basePayload, contentHash,
                receivedAt, null);
    }
}
