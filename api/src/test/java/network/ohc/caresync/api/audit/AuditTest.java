package network.ohc.caresync.api.audit;

import network.ohc.caresync.api.support.Api;
import network.ohc.caresync.api.support.CareSyncTest;
import network.ohc.caresync.api.support.Simulator;
import network.ohc.caresync.api.support.Users;
import network.ohc.caresync.api.support.Writes;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** What the audit tests share: signing in from a device, reading the event history as an auditor. */
abstract class AuditTest extends CareSyncTest {

    /** Signs in with a device id, so the device appears in the metadata of what the session causes. */
    protected String login(String username, String deviceId) {
        Api.Answer answer = api.post("/api/v1/auth/login", null,
                Map.of("username", username, "password", Simulator.PASSWORD, "deviceId", deviceId));
        assertThat(answer.status()).as("sign-in of %s: %s", username, answer).isEqualTo(200);
        return (String) answer.json().get("token");
    }

    /** Every event matching the query, following the cursor page by page. */
    @SuppressWarnings("unchecked")
    protected List<Map<String, Object>> events(String token, String query) {
        List<Map<String, Object>> all = new ArrayList<>();
        String after = null;
        do {
            Api.Answer answer = api.get("/api/v1/audit/events?" + query + (after == null ? "" : "&after=" + after),
                    token);
            assertThat(answer.status()).as("events?%s: %s", query, answer).isEqualTo(200);
            all.addAll((List<Map<String, Object>>) answer.json().get("events"));
            after = (String) answer.json().get("next");
        } while (after != null);
        return all;
    }

    protected List<Map<String, Object>> awaitEvents(String token, String query,
                                                    Predicate<List<Map<String, Object>>> condition) {
        List<List<Map<String, Object>>> last = new ArrayList<>(List.of(List.of()));
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            last.set(0, events(token, query));
            assertThat(condition.test(last.get(0))).as("events?%s: %s", query, types(last.get(0))).isTrue();
        });
        return last.get(0);
    }

    protected static List<String> types(List<Map<String, Object>> events) {
        return events.stream().map(e -> (String) e.get("type")).toList();
    }

    @SuppressWarnings("unchecked")
    protected static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }

    protected static Map<String, Object> first(List<Map<String, Object>> events, String type) {
        return events.stream().filter(e -> type.equals(e.get("type"))).findFirst()
                .orElseThrow(() -> new AssertionError("no " + type + " in " + types(events)));
    }

    protected static Map<String, Object> last(List<Map<String, Object>> events, String type) {
        return events.stream().filter(e -> type.equals(e.get("type"))).reduce((a, b) -> b)
                .orElseThrow(() -> new AssertionError("no " + type + " in " + types(events)));
    }

    /** A patient create that CARE answers 503 once, then accepts: pending, failed, retried, synced. */
    protected String aPatientThatFailsOnceThenSyncs(String token) {
        simulator.faults(Map.of("errorRate", 1.0, "errorStatus", 503,
                "faultRoutes", List.of("POST /api/v1/patient/")));
        String id = Writes.newId();
        Api.Answer handedOver = handOver(token, Writes.createPatient(id, Users.ASHA_ID));
        assertThat(handedOver.status()).isEqualTo(202);
        awaitWrite(token, id, w -> "failed".equals(w.get("syncStatus")) && Boolean.TRUE.equals(w.get("retryable")));
        simulator.faults(Map.of("errorRate", 0.0));
        awaitStatus(token, id, "success");
        return id;
    }

    /** Waits until care-sync itself has noticed CARE is unreachable. */
    protected void goOffline() {
        String token = api.login(Users.MEENA);
        simulator.offline();
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100)).until(() ->
                "offline".equals(api.get("/api/v1/sync/connectivity", token).json().get("upstream")));
    }
}
