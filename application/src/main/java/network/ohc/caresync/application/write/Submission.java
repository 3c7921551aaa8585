package network.ohc.caresync.application.write;

import network.ohc.caresync.application.route.Route;

import java.util.List;
import java.util.Map;

/** A write that passed field validation, in care-sync's spelling, with the route it names. */
public record Submission(String id, String userId, String deviceId, Route route, String type, String resourceType,
                         Map<String, Object> pathParams, Map<String, Object> queryParams, Map<String, Object> payload,
                         List<String> parentMutationIds, Long clientTimestamp, String serverTimestamp,
                         String queryRouteKey, Map<String, Object> basePayload) {

    /** What the device handed over, for the idempotency check: the same id must come with the same content. */
    public Map<String, Object> content() {
        Map<String, Object> content = new java.util.LinkedHashMap<>();
        content.put("id", id);
        content.put("userId", userId);
        content.put("syncRouteKey", route.key());
        content.put("type", type);
        content.put("resourceType", resourceType);
        content.put("pathParams", pathParams);
        content.put("queryParams", queryParams);
        content.put("payload", payload);
        content.put("parentMutationIds", parentMutationIds);
        content.put("clientTimestamp", clientTimestamp);
        content.put("serverTimestamp", serverTimestamp);
        content.put("queryRouteKey", queryRouteKey);
        content.put("basePayload", basePayload);
        return content;
    }
}
