package network.ohc.caresync.domain.write;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A device hands over a write. Idempotent on the write id when the content is the same. */
public record RecordOfflineWrite(@TargetAggregateIdentifier String writeId, String userId, String deviceId, String syncRouteKey, String type, String resourceType,
                                 String recordKey, Map<String, Object> pathParams, Map<String, Object> queryParams,
                                 Map<String, Object> payload, List<String> parentMutationIds, Long clientTimestamp,
                                 String serverTimestamp, String queryRouteKey, Map<String, Object> basePayload,
                                 String contentHash, Instant receivedAt) {
}
