package network.ohc.caresync.api.audit;

import network.ohc.caresync.api.support.Api;
import network.ohc.caresync.api.support.Users;
import network.ohc.caresync.api.support.Writes;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A projection rebuilt from the first event holds what it held before, and nothing is sent upstream again. */
class ProjectionRebuildTest extends AuditTest {

    @Test
    void afterARebuildEveryViewAndIndexEntryIsWhatItWasBefore() {
        String token = api.login(Users.ASHA);
        String admin = api.login(Users.KIRAN);
        String retried = aPatientThatFailsOnceThenSyncs(token);
        String rejected = Writes.newId();
        handOver(token, Writes.createEncounter(rejected, Users.ASHA_ID, UUID.randomUUID().toString()));
        awaitStatus(token, rejected, "failed");
        List<String> mine = List.of(retried, rejected);
        Map<String, Row> viewsBefore = views();
        Set<String> indexBefore = index();
        // damage both projections: only a replay from the first event can bring these rows back as they were
        jdbc.update("DELETE FROM write_view WHERE write_id = ?", retried);
        jdbc.update("UPDATE write_view SET status = 'discarded', payload = '{}' WHERE write_id = ?", rejected);
        jdbc.update("DELETE FROM audit_write_resource WHERE write_id IN (?, ?)", retried, rejected);

        Api.Answer views = api.post("/api/v1/admin/projections/write-views/rebuild", admin, Map.of());
        Api.Answer index = api.post("/api/v1/admin/projections/audit-index/rebuild", admin, Map.of());
        assertThat(views.status()).isEqualTo(202);
        assertThat(views.header("Location")).endsWith("/api/v1/admin/projections/write-views");
        assertThat(views.json()).containsKeys("position", "head", "percent", "replaying").containsEntry("running", true);
        assertThat(index.status()).isEqualTo(202);
        awaitRebuilt(admin, "write-views", ((Number) views.json().get("head")).longValue());
        awaitRebuilt(admin, "audit-index", ((Number) index.json().get("head")).longValue());
        Map<String, Row> viewsAfter = views();

        assertThat(viewsAfter.keySet()).containsAll(viewsBefore.keySet());
        Set<String> compared = new HashSet<>();
        viewsBefore.forEach((id, before) -> {
            Row after = viewsAfter.get(id);
            // a write that moved on during the rebuild had new events; every other row must be as it was
            if (after.lastEventSequence() == before.lastEventSequence()) {
                assertThat(after.json()).as("write %s", id).isEqualTo(before.json());
                compared.add(id);
            }
        });
        assertThat(compared).containsAll(mine);
        assertThat(index()).containsAll(indexBefore);
        assertThat(simulator.applied(retried)).isEqualTo(1);
        assertThat(events(admin, "writeId=" + retried)).extracting(e -> e.get("type")).containsOnlyOnce("Synced");
    }

    @Test
    void rebuildingSomethingUnknownNamesWhatCanBeRebuilt() {
        Api.Answer answer = api.post("/api/v1/admin/projections/DependencySagaProcessor/rebuild",
                api.login(Users.KIRAN), Map.of());

        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.json().get("names").toString()).contains("write-views", "audit-index");
    }

    private void awaitRebuilt(String admin, String name, long headAtReset) {
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
            Map<String, Object> progress = api.get("/api/v1/admin/projections/" + name, admin).json();
            assertThat(progress).as(name).containsEntry("replaying", false).containsEntry("running", true)
                    .containsEntry("error", null);
            assertThat(((Number) progress.get("position")).longValue()).as(name).isGreaterThanOrEqualTo(headAtReset);
        });
    }

    private record Row(long lastEventSequence, String json) {
    }

    private Map<String, Row> views() {
        Map<String, Row> rows = new HashMap<>();
        jdbc.query("SELECT write_id, last_event_sequence, row_to_json(w)::text AS json FROM write_view w",
                rs -> {
                    rows.put(rs.getString("write_id"), new Row(rs.getLong("last_event_sequence"), rs.getString("json")));
                });
        return rows;
    }

    private Set<String> index() {
        Set<String> rows = new HashSet<>(jdbc.queryForList("SELECT write_id || ' ' || user_id || ' ' || "
                + "coalesce(device_id, '-') FROM audit_write_index", String.class));
        rows.addAll(jdbc.queryForList("SELECT resource || ' ' || write_id FROM audit_write_resource", String.class));
        return rows;
    }
}
