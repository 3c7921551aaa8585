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

    /**
     * Signs in; like a person, tries again while CARE answers with errors (a 5xx from care-sync) or care-sync signed
     * the user in offline (CARE unreachable: no CARE token, so their writes would keep waiting for a sign-in).
     */
    public Session login(String username) {
        Http.Answer answer = null;
        for (int attempt = 0; attempt < 40; attempt++) {
            answer = call(() -> http.post("/api/v1/auth/login", null,
                    Map.of("username", username, "password", Simulator.PASSWORD)));
            if (answer.status() < 500 && !Boolean.TRUE.equals(answer.json().get("offline"))) {
                break;
            }
            Processes.sleep(500);
        }
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

    /** Waits until the write, as the API shows it (with its history), meets the condition. */
    public Map<String, Object> awaitWrite(Session session, String id, java.util.function.Predicate<Map<String, Object>> condition,
                                          java.time.Duration within) {
        java.time.Instant deadline = java.time.Instant.now().plus(within);
        Object last = null;
        while (java.time.Instant.now().isBefore(deadline)) {
            try {
                Http.Answer answer = http.get("/api/v1/offline-writes/" + id, session.token());
                last = answer;
                if (answer.status() == 200 && !Boolean.TRUE.equals(answer.json().get("catchingUp"))
                        && condition.test(answer.json())) {
                    return answer.json();
                }
            } catch (IOException restarting) {
                last = restarting;
            }
            Processes.sleep(200);
        }
        throw new AssertionError("write " + id + " did not reach the expected state within " + within
                + "; last seen: " + last);
    }

    public static java.util.function.Predicate<Map<String, Object>> status(String status) {
        return w -> status.equals(w.get("syncStatus"));
    }

    @SuppressWarnings("unchecked")
    public static List<String> historyTypes(Map<String, Object> write) {
        return ((List<Map<String, Object>>) write.get("history")).stream().map(h -> (String) h.get("type")).toList();
    }

    public Http.Answer post(Session session, String path, Object body) {
        return call(() -> http.post(path, session.token(), body));
    }

    /** A request that may fail to get an answer. */
    public interface Call {
        Http.Answer run() throws IOException;
    }

    public static Http.Answer call(Call call) {
        try {
            return call.run();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
