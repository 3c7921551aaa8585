package network.ohc.caresync.application.cache;

import network.ohc.caresync.application.json.Json;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/** Names one cached answer: the query route and its parameters in canonical order, hashed. */
public record CacheKey(String routeKey, Map<String, String> params, String value) {

    public static CacheKey of(String routeKey, Map<String, ?> params) {
        Map<String, String> canonical = new TreeMap<>();
        if (params != null) {
            params.forEach((name, v) -> {
                if (v != null) {
                    canonical.put(name, v.toString());
                }
            });
        }
        Map<String, Object> named = new LinkedHashMap<>();
        named.put("route", routeKey);
        named.put("params", canonical);
        return new CacheKey(routeKey, Map.copyOf(canonical), Json.sha256(named));
    }
}
