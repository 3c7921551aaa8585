package network.ohc.caresync.domain.write;

import org.axonframework.serialization.Revision;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A device handed over a write: all of its fields, the device and the time care-sync received it. */
@Revision("1")
public record OfflineWriteCreated(String writeId, String userId, String deviceId, String syncRouteKey, String type,
                                  String resourceType, String recordKey, Map<String, Object> pathParams,
                                  Map<String, Object> queryParams, Map<String, Object> payload,
                                  List<String> parentMutationIds, Long clientTimestamp, String serverTimestamp,
                                  String queryRouteKey, Map<String, Object> basePayload, String contentHash,
                                  Instant receivedAt) {
}
