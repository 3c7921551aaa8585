package network.ohc.caresync.reliability.support;

import java.util.List;
import java.util.Map;

/**
 * One care-sync node (database "shared") that the scenarios which never stop anything share: concurrency, hostile
 * input, properties. It runs until the JVM ends.
 */
public final class SharedNode {

    private static SharedNode instance;

    private final CareSyncNode node;
    private final Map<String, Api.Session> sessions = new java.util.concurrent.ConcurrentHashMap<>();

    private SharedNode() {
        Suite suite = Suite.get();
        if (!suite.database().isRunning()) {
            suite.database().start();
        }
        suite.database().create("shared");
        node = suite.node("shared", "s", Map.of("care-sync.writes.max-request-bytes", "4194304",
                "care-sync.writes.max-write-bytes", "65536", "care-sync.writes.max-batch", "200")).start();
    }

    public static synchronized SharedNode get() {
        if (instance == null) {
            instance = new SharedNode();
        }
        return instance;
    }

    public CareSyncNode node() {
        return node;
    }

    public Api api() {
        return node.api();
    }

    /** A session of the user (signed in once; {@code device} tells sessions of one user apart). */
    public Api.Session session(String username, String device) {
        return sessions.computeIfAbsent(username + "@" + device, k -> {
            Http.Answer answer = Api.call(() -> node.api().http().post("/api/v1/auth/login", null,
                    Map.of("username", username, "password", Simulator.PASSWORD, "deviceId", device)));
            if (answer.status() != 200) {
                throw new IllegalStateException("sign-in of " + username + " failed: " + answer);
            }
            return new Api.Session(username, (String) answer.json().get("userId"), (String) answer.json().get("token"));
        });
    }

    public Api.Session session(String username) {
        return session(username, "tablet-1");
    }

    /** Rows of a query on the shared database. */
    public List<Map<String, Object>> sql(String query, Object... args) {
        return Scenario.sql(Suite.get().database(), "shared", query, args);
    }
}
