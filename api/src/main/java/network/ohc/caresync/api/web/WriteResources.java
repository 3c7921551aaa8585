package network.ohc.caresync.api.web;

import network.ohc.caresync.application.view.WriteView;
import network.ohc.caresync.application.write.HandOverOutcome;
import network.ohc.caresync.application.write.Submission;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A write as the API shows it: the proposal's {@code offlineWrites} record (seed spelling {@code syncrouteKey},
 * {@code queryrouteKey}, times in milliseconds since the epoch) plus where it stands.
 */
final class WriteResources {

    private WriteResources() {
    }

    static Map<String, Object> of(WriteView v) {
        Map<String, Object> w = new LinkedHashMap<>();
        w.put("id", v.writeId());
        w.put("userId", v.userId());
        w.put("deviceId", v.deviceId());
        w.put("syncrouteKey", v.syncRouteKey());
        w.put("type", v.type());
        w.put("resourceType", v.resourceType());
        w.put("pathParams", v.pathParams());
        w.put("payload", v.payload());
        w.put("basePayload", v.basePayload());
        w.put("parentMutationIds", v.parentMutationIds());
        w.put("clientTimestamp", v.clientTimestamp());
        w.put("serverTimestamp", v.serverTimestamp());
        w.put("queryrouteKey", v.queryRouteKey());
        w.put("queryParams", v.queryParams());
        w.put("receivedAt", millis(v.receivedAt()));
        w.put("syncStatus", v.status().wireName());
        w.put("retries", v.retries());
        w.put("retryable", v.retryable());
        w.put("lastError", lastErrorMessage(v.lastError()));
        w.put("lastErrorDetail", v.lastError());
        w.put("lastAttemptAt", millis(v.lastAttemptAt()));
        w.put("nextAttemptAt", millis(v.nextAttemptAt()));
        w.put("blockedBy", v.blockedBy());
        w.put("blockReason", v.blockReason() == null ? null : v.blockReason().wireName());
        w.put("blockDetail", v.blockDetail());
        w.put("conflictData", v.conflictData());
        w.put("response", v.response());
        w.put("realId", v.realId());
        w.put("attempts", v.attempt());
        w.put("archived", v.archived());
        w.put("updatedAt", millis(v.updatedAt()));
        return w;
    }

    /**
     * The answer to a hand-over, before any view has caught up: what was handed over (with the real ids of parents
     * that were synced already) and its status now.
     */
    static Map<String, Object> of(HandOverOutcome outcome) {
        Submission s = outcome.submission();
        Map<String, Object> w = new LinkedHashMap<>();
        w.put("id", s.id());
        w.put("userId", s.userId());
        w.put("deviceId", s.deviceId());
        w.put("syncrouteKey", s.route().key());
        w.put("type", s.type());
        w.put("resourceType", s.resourceType());
        w.put("pathParams", outcome.pathParams());
        w.put("payload", outcome.payload());
        w.put("parentMutationIds", outcome.parents());
        w.put("clientTimestamp", s.clientTimestamp());
        w.put("serverTimestamp", s.serverTimestamp());
        w.put("queryrouteKey", s.queryRouteKey());
        w.put("queryParams", outcome.queryParams());
        w.put("receivedAt", millis(outcome.receivedAt()));
        w.put("syncStatus", outcome.status().wireName());
        w.put("retries", 0);
        w.put("blockedBy", outcome.blockedBy());
        w.put("blockReason", outcome.blockReason() == null ? null : outcome.blockReason().wireName());
        return w;
    }

    static List<Map<String, Object>> of(List<WriteView> views) {
        return views.stream().map(WriteResources::of).toList();
    }

    private static Object lastErrorMessage(Object lastError) {
        return lastError instanceof Map<?, ?> error ? error.get("message") : null;
    }

    private static Long millis(Instant instant) {
        return instant == null ? null : instant.toEpochMilli();
    }
}
