package network.ohc.caresync.api.web;

import network.ohc.caresync.application.sync.BaseVersions;
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
     * The version of the record the write was made against, as care-sync holds it for a three-way merge: the
     * {@code basePayload} the device sent ({@code source: device}), or the copy of the user's cached record kept
     * when the write arrived ({@code source: cache}); null when care-sync holds none.
     */
    static Map<String, Object> base(WriteView v, BaseVersions bases) {
        if (v.basePayload() == null && (v.queryRouteKey() == null || v.serverTimestamp() == null)) {
            return null;
        }
        return bases.baseOf(v).map(payload -> {
            Map<String, Object> base = new LinkedHashMap<>();
            base.put("source", v.basePayload() != null ? "device" : "cache");
            base.put("payload", payload);
            return base;
        }).orElse(null);
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
