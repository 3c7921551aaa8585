package network.ohc.caresync.api.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import network.ohc.caresync.api.support.Api;
import network.ohc.caresync.api.support.Users;
import network.ohc.caresync.api.support.Writes;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Large ranges of the history leave as NDJSON, one event a line, streamed in store order. */
class AuditExportTest extends AuditTest {

    /** Each child makes three events (created, blocked waiting for its parent, discarded); the parent two. */
    private static final int CHILDREN = 3333;
    private static final int EVENTS = 3 * CHILDREN + 2;
    private static final int BATCH = 250;
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void tenThousandEventsExportAsOneJsonObjectALineInStoreOrder() throws Exception {
        String device = "export-" + UUID.randomUUID();
        String token = login(Users.ASHA, device);
        String auditor = api.login(Users.MEENA);
        goOffline();
        String parent = Writes.newId();
        assertThat(handOver(token, Writes.createPatient(parent, Users.ASHA_ID)).status()).isEqualTo(202);
        List<String> children = handOverChildren(token, parent);
        discardAll(token, children);
        discardAll(token, List.of(parent));
        List<String> ids = new ArrayList<>(children);
        ids.add(parent);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> jdbc.queryForObject(
                "SELECT count(*) FROM audit_write_index WHERE device_id = ?", Long.class, device) == ids.size());
        Api.Answer export = api.sendRaw("GET", "/api/v1/audit/events/export?deviceId=" + device, auditor, null, null);

        assertThat(export.status()).isEqualTo(200);
        assertThat(export.header("Content-Type")).startsWith("application/x-ndjson");
        assertThat(export.header("Content-Length")).as("streamed, not sized up front").isNull();
        List<Map<String, Object>> lines = lines(export);
        assertThat(lines).hasSize(EVENTS).hasSizeGreaterThan(10_000);
        assertThat(lines).extracting(e -> ((Number) e.get("globalIndex")).longValue()).isSorted().doesNotHaveDuplicates();
        assertThat(lines).filteredOn(e -> "OfflineWriteCreated".equals(e.get("type"))).hasSize(ids.size());
        assertThat(lines).filteredOn(e -> "WriteBlocked".equals(e.get("type"))).hasSize(CHILDREN);
        assertThat(lines).filteredOn(e -> "WriteDiscarded".equals(e.get("type"))).hasSize(ids.size());
        assertThat(lines.stream().map(e -> (String) e.get("aggregateId")).distinct().toList())
                .containsExactlyInAnyOrderElementsOf(ids);
        assertThat(lines.get(0)).containsKeys("revision", "timestamp", "sequence", "payload", "metadata");

        Object middle = lines.get(EVENTS / 2).get("globalIndex");
        Api.Answer rest = api.sendRaw("GET", "/api/v1/audit/events/export?deviceId=" + device + "&after=" + middle
                + "&type=WriteDiscarded", auditor, null, null);
        // every write was given up after all of them were handed over: the second half holds all the discards
        assertThat(lines(rest)).hasSize(ids.size())
                .allSatisfy(e -> assertThat(e).containsEntry("type", "WriteDiscarded"))
                .extracting(e -> ((Number) e.get("globalIndex")).longValue())
                .allSatisfy(index -> assertThat(index).isGreaterThan(((Number) middle).longValue()));
    }

    /** Encounters of a patient not yet created: each one's hand-over stores two events in one command. */
    private List<String> handOverChildren(String token, String parent) {
        List<String> ids = new ArrayList<>();
        for (int start = 0; start < CHILDREN; start += BATCH) {
            List<Map<String, Object>> batch = new ArrayList<>();
            for (int i = start; i < Math.min(CHILDREN, start + BATCH); i++) {
                String id = Writes.newId();
                ids.add(id);
                batch.add(Writes.createEncounter(id, Users.ASHA_ID, parent, parent));
            }
            Api.Answer answer = api.post("/api/v1/offline-writes/batch", token, batch);
            assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
            assertThat(answer.json()).containsEntry("accepted", batch.size());
        }
        return ids;
    }

    private void discardAll(String token, List<String> ids) throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(4);
        try {
            List<Future<Integer>> answers = new ArrayList<>();
            for (String id : ids) {
                answers.add(clients.submit(() -> api.post("/api/v1/offline-writes/" + id + "/discard", token,
                        Map.of("reason", "export test")).status()));
            }
            Set<Integer> statuses = new HashSet<>();
            for (Future<Integer> answer : answers) {
                statuses.add(answer.get());
            }
            assertThat(statuses).containsOnly(200);
        } finally {
            clients.shutdownNow();
        }
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> lines(Api.Answer answer) throws Exception {
        List<Map<String, Object>> lines = new ArrayList<>();
        for (String line : answer.raw().body().split("\n")) {
            if (!line.isEmpty()) {
                lines.add(JSON.readValue(line, Map.class));
            }
        }
        return lines;
    }
}
