package network.ohc.caresync.api.support;

import network.ohc.caresync.api.CareSyncApplication;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import static org.awaitility.Awaitility.await;

/**
 * care-sync as it runs, on the embedded PostgreSQL, talking to the CARE simulator on a real port. Every test class
 * extends this one and adds no configuration, so they all share one application context and one database.
 * Timings are shortened (probes, retries) so that tests see in seconds what takes minutes in a facility.
 */
@SpringBootTest(classes = CareSyncApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureObservability
public abstract class CareSyncTest {

    private static final Path DATA;
    /** The extra port where CARE's paths are served at the root (the transparent mode). */
    protected static final int TRANSPARENT_PORT;

    static {
        try {
            DATA = Files.createTempDirectory("care-sync-test");
            try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
                TRANSPARENT_PORT = socket.getLocalPort();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("care-sync.upstream.base-url", () -> Simulator.get().baseUrl());
        registry.add("care-sync.data-dir", DATA::toString);
        registry.add("care-sync.embedded-db.clean", () -> "true");
        registry.add("care-sync.node-id", () -> "test-node");
        registry.add("care-sync.admins", () -> Users.KIRAN);
        registry.add("care-sync.auditors", () -> Users.KIRAN + "," + Users.MEENA);
        registry.add("care-sync.upstream.probe-interval", () -> "150ms");
        registry.add("care-sync.upstream.up-after", () -> "1");
        registry.add("care-sync.upstream.down-after", () -> "1");
        registry.add("care-sync.upstream.read-timeout", () -> "3s");
        registry.add("care-sync.sync.pass-interval", () -> "200ms");
        registry.add("care-sync.sync.in-doubt-delay", () -> "300ms");
        registry.add("care-sync.sync.abandoned-after", () -> "15s");
        registry.add("care-sync.retry.base", () -> "300ms");
        registry.add("care-sync.retry.cap", () -> "2s");
        registry.add("care-sync.retry.max-attempts", () -> "4");
        registry.add("care-sync.retry.jitter", () -> "0");
        registry.add("care-sync.sign-in.max-failed-attempts", () -> "3");
        registry.add("care-sync.writes.max-request-bytes", () -> "1048576");
        registry.add("care-sync.writes.max-write-bytes", () -> "65536");
        registry.add("care-sync.writes.max-batch", () -> "300");
        registry.add("db-scheduler.polling-interval", () -> "200ms");
        // the cleanup of old successes (default: hourly) runs often enough for a test to see it
        registry.add("care-sync.cleanup.interval", () -> "1s");
        registry.add("care-sync.transparent.port", () -> Integer.toString(TRANSPARENT_PORT));
    }

    @LocalServerPort
    protected int port;

    @Autowired
    protected JdbcTemplate jdbc;

    @Autowired
    private network.ohc.caresync.application.sync.ConnectivityMonitor connectivity;

    protected Api api;
    protected Simulator simulator;

    @BeforeEach
    void connect() {
        simulator = Simulator.get();
        simulator.reset();
        api = new Api("http://127.0.0.1:" + port);
        // a test before may have left CARE offline: start every test with care-sync seeing it online
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50)).until(connectivity::isOnline);
    }

    /** A write as the API shows it, with its history. */
    protected Map<String, Object> write(String token, String id) {
        Api.Answer answer = api.get("/api/v1/offline-writes/" + id, token);
        if (answer.status() != 200) {
            throw new AssertionError("GET write " + id + " answered " + answer);
        }
        return answer.json();
    }

    protected Map<String, Object> awaitWrite(String token, String id, Predicate<Map<String, Object>> condition) {
        return awaitWrite(token, id, condition, Duration.ofSeconds(30));
    }

    protected Map<String, Object> awaitWrite(String token, String id, Predicate<Map<String, Object>> condition,
                                             Duration timeout) {
        Object[] last = new Object[1];
        try {
            await().atMost(timeout).pollInterval(Duration.ofMillis(100)).until(() -> {
                Api.Answer answer = api.get("/api/v1/offline-writes/" + id, token);
                last[0] = answer;
                return answer.status() == 200 && !Boolean.TRUE.equals(answer.json().get("catchingUp"))
                        && condition.test(answer.json());
            });
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError("write " + id + " did not reach the expected state; last seen: " + last[0]
                    + diagnostics(token, last[0]), e);
        }
        return write(token, id);
    }

    /** What the parents of a write that got stuck look like, and which sagas wait on them: for the failure message. */
    private String diagnostics(String token, Object last) {
        StringBuilder out = new StringBuilder();
        try {
            if (last instanceof Api.Answer answer && answer.status() == 200
                    && answer.json().get("parentMutationIds") instanceof List<?> parents) {
                for (Object parent : parents) {
                    Map<String, Object> p = write(token, (String) parent);
                    out.append("\n  parent ").append(parent).append(": ").append(p.get("syncStatus"))
                            .append(" ").append(historyTypes(p));
                    out.append("\n  sagas waiting on it: ").append(jdbc.queryForList(
                            "SELECT sagatype, sagaid FROM associationvalueentry WHERE associationvalue = ?", parent));
                }
            }
        } catch (RuntimeException | AssertionError e) {
            out.append("\n  (diagnostics failed: ").append(e).append(")");
        }
        return out.toString();
    }

    protected Map<String, Object> awaitStatus(String token, String id, String status) {
        return awaitWrite(token, id, w -> status.equals(w.get("syncStatus")));
    }

    protected static Predicate<Map<String, Object>> status(String status) {
        return w -> status.equals(w.get("syncStatus"));
    }

    protected Api.Answer handOver(String token, Map<String, Object> write) {
        return api.post("/api/v1/offline-writes", token, write);
    }

    @SuppressWarnings("unchecked")
    protected static List<String> historyTypes(Map<String, Object> write) {
        return ((List<Map<String, Object>>) write.get("history")).stream().map(h -> (String) h.get("type")).toList();
    }
}
