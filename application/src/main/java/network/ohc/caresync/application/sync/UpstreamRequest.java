package network.ohc.caresync.application.sync;

import java.util.Map;

/**
 * A request to CARE: method, path (parameters filled), query parameters, JSON body, the user's CARE token and
 * the idempotency key (the write id) for upstreams that honour one.
 */
public record UpstreamRequest(String method, String path, Map<String, String> query, byte[] body, String bearerToken,
                              String idempotencyKey) {

    public UpstreamRequest {
        query = query == null ? Map.of() : Map.copyOf(query);
    }

    public UpstreamRequest withToken(String token) {
        return new UpstreamRequest(method, path, query, body, token, idempotencyKey);
    }

    public boolean isRead() {
        return "GET".equalsIgnoreCase(method);
    }
}
