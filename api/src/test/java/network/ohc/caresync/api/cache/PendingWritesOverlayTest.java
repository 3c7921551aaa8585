package network.ohc.caresync.api.cache;

import network.ohc.caresync.api.support.Api;
import network.ohc.caresync.api.support.Simulator;
import network.ohc.caresync.api.support.Users;
import network.ohc.caresync.api.support.Writes;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class PendingWritesOverlayTest extends CacheScenario {

    private static final String CARE_TIME = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{6}Z";

    @Test
    @SuppressWarnings("unchecked")
    void pendingWritesShowInDetailsAndListsUntilTheRealRecordsReplaceThem() {
        String token = api.login(Users.ASHA);
        Map<String, Object> known = patientInCare(simulator.careToken(Users.ASHA), "Overlay Uma");
        String patientId = (String) known.get("id");
        assertThat(patient(token, patientId).status()).isEqualTo(200);
        assertThat(read(token, "listEncounters", "patient=" + patientId).json()).containsEntry("count", 0);

        simulator.offline();
        String update = Writes.newId();
        String encounter = Writes.newId();
        String newPatient = Writes.newId();
        String childEncounter = Writes.newId();
        Map<String, Object> newPayload = Writes.patientPayload("Pending Pooja");
        assertThat(handOver(token, Writes.updatePatient(update, Users.ASHA_ID, patientId,
                Map.of("address", "12 Offline Lane"), (String) known.get("modified_date"))).status()).isEqualTo(202);
        assertThat(handOver(token, Writes.createEncounter(encounter, Users.ASHA_ID, patientId)).status())
                .isEqualTo(202);
        assertThat(handOver(token, Writes.createPatient(newPatient, Users.ASHA_ID, newPayload)).status())
                .isEqualTo(202);
        assertThat(handOver(token, Writes.createEncounter(childEncounter, Users.ASHA_ID, newPatient, newPatient))
                .status()).isEqualTo(202);

        // the detail: the cached record with the pending update laid over it
        Api.Answer detail = awaitRead(token, "getPatient", "id=" + patientId,
                a -> "12 Offline Lane".equals(a.json().get("address")));
        assertThat(detail.header("X-Care-Sync-Source")).isEqualTo("cache");
        assertThat(detail.json()).containsEntry("name", "Overlay Uma").containsEntry("is_updated_offline", true)
                .containsEntry("offline_write_ids", List.of(update))
                .containsEntry("modified_date", known.get("modified_date"));
        assertThat(detail.json().get("offline_sync_status")).isIn("pending", "in_flight");

        // the list: the cached (empty) list with the pending create, in the API's shape
        Api.Answer list = awaitRead(token, "listEncounters", "patient=" + patientId,
                a -> ((Number) a.json().get("count")).intValue() == 1);
        Map<String, Object> pending = ((List<Map<String, Object>>) list.json().get("results")).get(0);
        assertThat(pending).containsEntry("id", encounter).containsEntry("offline_write_id", encounter)
                .containsEntry("is_updated_offline", true).containsEntry("status", "in_progress")
                .containsEntry("facility", Map.of("id", Simulator.FACILITY))
                .containsEntry("status_history", List.of());
        assertThat(pending.get("offline_sync_status")).isIn("pending", "in_flight", "blocked");
        assertThat((Map<String, Object>) pending.get("patient")).containsEntry("id", patientId)
                .containsEntry("name", "Overlay Uma");
        assertThat((Map<String, Object>) pending.get("created_by")).containsEntry("id", Users.ASHA_ID)
                .containsEntry("username", Users.ASHA);
        assertThat((String) pending.get("created_date")).matches(CARE_TIME);
        assertThat(pending.get("modified_date")).isEqualTo(pending.get("created_date"));

        // a temporary id names the pending record, never fetched from CARE
        Api.Answer temporary = awaitRead(token, "getPatient", "id=" + newPatient, a -> a.status() == 200);
        assertThat(temporary.header("X-Care-Sync-Source")).isEqualTo("local");
        assertThat(temporary.json()).containsEntry("id", newPatient).containsEntry("name", "Pending Pooja")
                .containsEntry("phone_number", newPayload.get("phone_number"))
                .containsEntry("geo_organization", Map.of("id", Simulator.ORGANIZATION))
                .containsEntry("is_updated_offline", true).containsEntry("identifiers", List.of());
        Api.Answer children = awaitRead(token, "listEncounters", "patient=" + newPatient,
                a -> ((Number) a.json().get("count")).intValue() == 1);
        assertThat(children.header("X-Care-Sync-Source")).isEqualTo("local");
        Map<String, Object> child = ((List<Map<String, Object>>) children.json().get("results")).get(0);
        assertThat(child).containsEntry("id", childEncounter);
        assertThat((Map<String, Object>) child.get("patient")).containsEntry("id", newPatient)
                .containsEntry("name", "Pending Pooja");

        simulator.online();
        awaitStatus(token, update, "success");
        String encounterId = (String) awaitStatus(token, encounter, "success").get("realId");
        String newPatientId = (String) awaitStatus(token, newPatient, "success").get("realId");
        String childId = (String) awaitStatus(token, childEncounter, "success").get("realId");

        // CARE unreachable again before anything was read afresh: the synced records replace the pending ones
        simulator.offline();
        Api.Answer stale = patient(token, patientId);
        assertThat(stale.header("X-Care-Sync-Source")).isEqualTo("cache");
        assertThat(stale.json()).containsEntry("address", "12 Offline Lane").doesNotContainKey("is_updated_offline");
        Map<String, Object> staleList = read(token, "listEncounters", "patient=" + patientId).json();
        assertThat((List<Map<String, Object>>) staleList.get("results")).extracting(r -> r.get("id"))
                .containsExactly(encounterId);
        assertThat(patient(token, newPatient).json()).containsEntry("id", newPatientId)
                .doesNotContainKey("is_updated_offline");

        // and once CARE answers again (the probe notices), its records are all there is
        simulator.online();
        await().atMost(Duration.ofSeconds(10)).until(() ->
                "online".equals(api.get("/api/v1/sync/connectivity", token).json().get("upstream")));
        Api.Answer fresh = patient(token, patientId);
        assertThat(fresh.header("X-Care-Sync-Source")).isEqualTo("upstream");
        assertThat(fresh.json()).containsEntry("address", "12 Offline Lane").doesNotContainKey("is_updated_offline");
        Map<String, Object> freshList = read(token, "listEncounters", "patient=" + patientId).json();
        assertThat(freshList).containsEntry("count", 1);
        assertThat((List<Map<String, Object>>) freshList.get("results")).extracting(r -> r.get("id"))
                .containsExactly(encounterId);
        Api.Answer real = patient(token, newPatient);
        assertThat(real.header("X-Care-Sync-Source")).isEqualTo("upstream");
        assertThat(real.json()).containsEntry("id", newPatientId).doesNotContainKey("is_updated_offline");
        assertThat((List<Map<String, Object>>) read(token, "listEncounters", "patient=" + newPatient).json()
                .get("results")).extracting(r -> r.get("id")).containsExactly(childId);
    }

    @Test
    void anUpdateThatConflictsSaysSoInTheRecord() {
        String token = api.login(Users.ASHA);
        Map<String, Object> known = patientInCare(simulator.careToken(Users.ASHA), "Conflicted Chitra");
        Object patientId = known.get("id");
        changeInCare(simulator.careToken(Users.RAVI), patientId, Map.of("address", "Changed by Ravi"));
        String update = Writes.newId();

        handOver(token, Writes.updatePatient(update, Users.ASHA_ID, (String) patientId,
                Map.of("address", "Changed by Asha"), (String) known.get("modified_date")));
        awaitStatus(token, update, "conflict");

        Api.Answer detail = patient(token, patientId);
        assertThat(detail.header("X-Care-Sync-Source")).isEqualTo("upstream");
        assertThat(detail.json()).containsEntry("address", "Changed by Asha")
                .containsEntry("offline_sync_status", "conflict").containsEntry("offline_write_ids", List.of(update));
    }

    private Api.Answer awaitRead(String token, String route, String query,
                                 java.util.function.Predicate<Api.Answer> condition) {
        Api.Answer[] last = new Api.Answer[1];
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100)).until(() -> {
            last[0] = read(token, route, query);
            return last[0].status() == 200 && condition.test(last[0]);
        });
        return last[0];
    }
}
