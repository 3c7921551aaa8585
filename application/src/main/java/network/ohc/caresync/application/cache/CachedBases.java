package network.ohc.caresync.application.cache;

import network.ohc.caresync.application.json.Json;

import java.time.Clock;
import java.util.Map;
import java.util.Optional;

/**
 * The version of a record a write was made against, as the user's cache holds it: the stored answer of the write's
 * query route (with its query params, else its path params, as the conflict check uses them) whose
 * {@code modified_date} is the write's {@code serverTimestamp}. Any other version is not a base.
 */
final class CachedBases {

    private final QueryCacheStore store;
    private final Clock clock;

    CachedBases(QueryCacheStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    Optional<Map<String, Object>> of(String userId, String queryRouteKey, Map<String, Object> queryParams,
                                     Map<String, Object> pathParams, String serverTimestamp) {
        if (queryRouteKey == null || serverTimestamp == null) {
            return Optional.empty();
        }
        Map<String, Object> params = queryParams != null ? queryParams : pathParams;
        return store.peek(userId, CacheKey.of(queryRouteKey, params == null ? Map.of() : params), clock.instant())
                .map(entry -> {
                    try {
                        return Json.asObject(Json.parse(entry.body()));
                    } catch (RuntimeException notJson) {
                        return null;
                    }
                })
                .filter(record -> CareDates.same(record.get("modified_date"), serverTimestamp));
    }
}
