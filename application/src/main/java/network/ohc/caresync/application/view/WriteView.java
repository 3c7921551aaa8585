package network.ohc.caresync.application.view;

import network.ohc.caresync.domain.write.BlockReason;
import network.ohc.caresync.domain.write.WriteStatus;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A write as the views show it: what was handed over and where it stands now. */
public record WriteView(String writeId, long seq, String userId, String deviceId, String syncRouteKey, String type,
                        String resourceType, String recordKey, int partition, Map<String, Object> pathParams,
                        Map<String, Object> queryParams, Map<String, Object> payload,
                        Map<String, Object> basePayload, List<String> parentMutationIds, Long clientTimestamp,
                        String serverTimestamp, String queryRouteKey, Instant receivedAt, WriteStatus status,
                        BlockReason blockReason, List<String> blockedBy, String blockDetail, int attempt,
                        String attemptNode, int retries, Boolean retryable, Object lastError, Instant lastAttemptAt,
                        Instant nextAttemptAt, Map<String, Object> conflictData, String conflictModifiedDate,
                        Object response, String realId, String resultModifiedDate, int revision, boolean archived,
                        Instant updatedAt) {
}
