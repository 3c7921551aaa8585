package network.ohc.caresync.domain.write;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A device hands over a write. Idempotent on the write id when the content is the same. {@code syncedParents} are
 * the parents already created upstream, whose real ids the write takes at once; {@code temporaryIds} the places of
 * the write where its route allows temporary ids (null: anywhere).
 */
public record RecordOfflineWrite(@TargetAggregateIdentifier String writeId, String userId, String deviceId, String syncRouteKey, String type, String resourceType,
                                 String recordKey, Map<String, Object> pathParams, Map<String, Object> queryParams,
                                 Map<String, Object> payload, List<String> parentMutationIds, Long clientTimestamp,
                                 String serverTimestamp, String queryRouteKey, Map<String, Object> basePayload,
                                 String contentHash, Instant receivedAt, List<SyncedParent> syncedParents,
                                 List<String> temporaryIds) {

    public RecordOfflineWrite {
        syncedParents = syncedParents == null ? List.of() : List.copyOf(syncedParents);
    }

    /** A write none of whose parents is synced yet, its temporary ids anywhere. */
    public RecordOfflineWrite(String writeId, String userId, String deviceId, String syncRouteKey, String type,
                              String resourceType, String recordKey, Map<String, Object> pathParams,
                              Map<String, Object> queryParams, Map<String, Object> payload,
                              List<String> parentMutationIds, Long clientTimestamp, String serverTimestamp,
                              String queryRouteKey, Map<String, Object> basePayload, String contentHash,
                              Instant receivedAt) {
        this(writeId, userId, deviceId, syncRouteKey, type, resourceType, recordKey, pathParams, queryParams, payload,
                parentMutationIds, clientTimestamp, serverTimestamp, queryRouteKey, basePayload, contentHash,
                receivedAt, List.of(), null);
    }
}
