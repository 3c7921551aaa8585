package network.ohc.caresync.reliability.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** care-sync's device API over real HTTP. */
public final class Api {

    private final Http http;

    Api(Http http) {
        this.http = http;
    }

    public Http http() {
        return http;
    }

    /** A signed-in user: care-sync's session token and the user's CARE id. */
    public record Session(String username, String userId, String token) {
    }

    public Session login(String username) {
        Http.Answer answer = call(() -> http.post("/api/v1/auth/login", null,
                Map.of("username", username, "password", Simulator.PASSWORD)));
        if (answer.status() != 200) {
            throw new IllegalStateException("sign-in of " + username + " failed: " + answer);
        }
        return new Session(username, (String) answer.json().get("userId"), (String) answer.json().get("token"));
    }

    public Http.Answer handOver(Session session, Map<String, Object> write) throws IOException {
        return http.post("/api/v1/offline-writes", session.token(), write);
    }

    public Http.Answer handOverBatch(Session session, List<Map<String, Object>> writes) throws IOException {
        return http.post("/api/v1/offline-writes/batch", session.token(), writes);
    }

    public Http.Answer write(Session session, String id) {
        return call(() -> http.get("/api/v1/offline-writes/" + id, session.token()));
    }

    /** Every write of the user as the API lists them (all pages). */
    @SuppressWarnings("unchecked")
    public List<Map<String, Object>> writes(Session session) {
        List<Map<String, Object>> all = new ArrayList<>();
        for (int page = 0; ; page++) {
            int p = page;
            Http.Answer answer = call(() -> http.get("/api/v1/offline-writes?size=500&page=" + p, session.token()));
            if (answer.status() != 200) {
                throw new IllegalStateException("listing the writes of " + session.username() + ": " + answer);
            }
            List<Map<String, Object>> items = (List<Map<String, Object>>) answer.json().get("items");
            all.addAll(items);
            if (items.size() < 500) {
                return all;
            }
        }
    }

    public Http.Answer post(Session session, String path, Object body) {
        return call(() -> http.post(path, session.token(), body));
    }

    interface Call {
        Http.Answer run() throws IOException;
    }

    static Http.Answer call(Call call) {
        try {
            return call.run();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
