package network.ohc.caresync.reliability;

import network.ohc.caresync.reliability.support.Api;
import network.ohc.caresync.reliability.support.CareSyncNode;
import network.ohc.caresync.reliability.support.Scenario;
import network.ohc.caresync.reliability.support.Workload;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static network.ohc.caresync.reliability.support.Api.historyTypes;
import static network.ohc.caresync.reliability.support.Api.status;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * One SIGKILL while a write waits for its retry (issue 4) and while children wait for parents that CARE already
 * holds (issue 5); the fault is cleared while care-sync is down, and after the restart everything goes on by itself:
 * the retry deadline lives in PostgreSQL (db-scheduler), the dependency sagas too.
 */
@Order(2)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RestartIT {

    private static final Duration BACKOFF = Duration.ofSeconds(10);
    private static final Duration WAIT = Duration.ofSeconds(60);

    private Scenario scenario;
    private Api api;
    private Api.Session asha;
    private final String retried = Workload.newId();
    private final String parent = Workload.newId();
    private final String child = Workload.newId();
    private final String racedParent = Workload.newId();
    private final String racedChild = Workload.newId();
    private Instant restartedAt;
    private long deadlinesWhileDown;

    @BeforeAll
    void killWhileAWriteWaitsForItsRetryAndAChildForItsParent() throws Exception {
        scenario = Scenario.begin("restart");
        CareSyncNode node = scenario.node("a", Map.of("care-sync.retry.base", BACKOFF.toSeconds() + "s",
                "care-sync.retry.cap", "60s", "care-sync.retry.jitter", "0")).start();
        api = node.api();
        asha = api.login("nurse.asha");

        // encounter creates fail with 503: a patient syncs, its encounter gets the real id and waits to retry
        scenario.simulator().faults(Map.of("errorRate", 1, "errorStatus", 503,
                "faultRoutes", List.of("POST /api/v1/encounter/")));
        handOver(Workload.createPatient(parent, asha.userId(), "Restart parent"));
        handOver(Workload.createEncounter(child, asha.userId(), parent));
        Map<String, Object> synced = api.awaitWrite(asha, parent, status("success"), WAIT);
        api.awaitWrite(asha, child, w -> "failed".equals(w.get("syncStatus")), WAIT);

        // an encounter of a patient CARE holds fails too: its retry is due in 10 s
        Map<String, Object> encounter = Workload.createEncounter(retried, asha.userId(), (String) synced.get("realId"));
        encounter.remove("parentMutationIds");
        handOver(encounter);
        Map<String, Object> failed = api.awaitWrite(asha, retried, w -> "failed".equals(w.get("syncStatus"))
                && Boolean.TRUE.equals(w.get("retryable")), WAIT);
        Instant retryDue = Instant.ofEpochMilli(((Number) failed.get("nextAttemptAt")).longValue());

        // and a family whose patient CARE has just applied when the power goes: its child may not know yet
        handOver(Workload.createPatient(racedParent, asha.userId(), "Restart raced"));
        handOver(Workload.createEncounter(racedChild, asha.userId(), racedParent));
        while (scenario.simulator().applied().getOrDefault(racedParent, 0) == 0) {
            Thread.sleep(5);
        }
        node.kill();
        assertThat(Instant.now()).as("the kill came before the retry was due").isBefore(retryDue);

        scenario.simulator().clearFaults();
        deadlinesWhileDown = scenario.sql("SELECT count(*) AS n FROM scheduled_tasks WHERE task_name LIKE '%Deadline%'")
                .stream().mapToLong(r -> ((Number) r.get("n")).longValue()).sum();
        while (Instant.now().isBefore(retryDue.plusSeconds(1))) {
            Thread.sleep(100);
        }
        restartedAt = Instant.now();
        node.start();
        scenario.figure("retry deadlines kept in PostgreSQL while care-sync was down", deadlinesWhileDown);
        scenario.figure("restart took (ms)", node.lastStartup().toMillis());
    }

    @AfterAll
    void close() {
        scenario.close();
    }

    @Test
    void aRestartInTheMiddleOfABackoffStillRetries() {
        Map<String, Object> write = api.awaitWrite(asha, retried, status("success"), WAIT);

        assertThat(deadlinesWhileDown).isGreaterThanOrEqualTo(1);
        assertThat(historyTypes(write)).containsSubsequence("SyncAttempted", "SyncFailed", "RetryRequested",
                "SyncAttempted", "Synced");
        Map<String, Object> retry = event(write, "RetryRequested");
        assertThat(retry.get("automatic")).isEqualTo(true);
        assertThat(Instant.parse((String) retry.get("at"))).as("retried by the timer, after the restart")
                .isAfter(restartedAt);
        assertThat(scenario.simulator().applied().get(retried)).isEqualTo(1);
        scenario.figure("retry after restart", "synced, applied once");
        scenario.passed();
    }

    @Test
    void theEngineRestartedBetweenParentAndChildStillSendsTheChildWithTheParentsRealId() {
        for (String[] family : List.of(new String[]{parent, child}, new String[]{racedParent, racedChild})) {
            Map<String, Object> p = api.awaitWrite(asha, family[0], status("success"), WAIT);
            Map<String, Object> c = api.awaitWrite(asha, family[1], status("success"), WAIT);
            @SuppressWarnings("unchecked")
            Map<String, Object> sent = (Map<String, Object>) c.get("payload");
            assertThat(sent.get("patient")).isEqualTo(p.get("realId"));
            @SuppressWarnings("unchecked")
            Map<String, Object> created = (Map<String, Object>) ((Map<String, Object>) c.get("response")).get("patient");
            assertThat(created.get("id")).isEqualTo(p.get("realId"));
            assertThat(historyTypes(c)).contains("DependencyResolved");
            Map<String, Integer> applied = scenario.simulator().applied();
            assertThat(applied.get(family[0])).isEqualTo(1);
            assertThat(applied.get(family[1])).isEqualTo(1);
        }
        assertThat(scenario.simulator().records("encounter")).hasSize(3)
                .allSatisfy(e -> assertThat(e.toString()).doesNotContain("offline-"));
        assertThat(scenario.simulator().records("patient")).hasSize(2);
        scenario.figure("children after restart", "2 families synced, real ids in place, each applied once");
        scenario.passed();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> event(Map<String, Object> write, String type) {
        return ((List<Map<String, Object>>) write.get("history")).stream().filter(h -> type.equals(h.get("type")))
                .reduce((a, b) -> b).orElseThrow();
    }

    private void handOver(Map<String, Object> write) throws Exception {
        assertThat(api.handOver(asha, write).status()).isEqualTo(202);
    }
}
