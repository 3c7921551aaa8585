package network.ohc.caresync.api.cache;

import network.ohc.caresync.api.support.Simulator;
import network.ohc.caresync.api.support.Users;
import network.ohc.caresync.api.support.Writes;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The three-way merge of a conflicting update whose base is the version the user read through the cache (issue 7):
 * the device sends no basePayload, only the modified_date it saw.
 */
class CachedBaseMergeTest extends CacheScenario {

    @Test
    @SuppressWarnings("unchecked")
    void fieldsChangedOnOneSideOnlyMergeByThemselvesEvenAfterTheCacheWasWiped() {
        String token = api.login(Users.ASHA);
        Map<String, Object> known = patientInCare(simulator.careToken(Users.ASHA), "Merged Malini");
        Object patientId = known.get("id");
        Map<String, Object> seen = patient(token, patientId).json();
        changeInCare(simulator.careToken(Users.RAVI), patientId, Map.of("address", "Changed by Ravi"));

        simulator.offline();
        String update = Writes.newId();
        String phone = Writes.phone();
        // the whole form as the device sends it: the organization as its id, CARE answers it as an object
        Map<String, Object> form = new LinkedHashMap<>();
        form.put("name", seen.get("name"));
        form.put("phone_number", phone);
        form.put("address", seen.get("address"));
        form.put("geo_organization", Simulator.ORGANIZATION);
        assertThat(handOver(token, Writes.updatePatient(update, Users.ASHA_ID, (String) patientId, form,
                (String) seen.get("modified_date"))).status()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.queryForObject(
                "SELECT count(*) FROM write_base WHERE write_id = ?", Integer.class, update) == 1);
        // logout wipes the cache: the base kept for the write is all that is left of the version Asha edited
        assertThat(api.post("/api/v1/auth/logout", token, null).status()).isEqualTo(204);
        assertThat(entriesOf(Users.ASHA_ID)).isZero();

        simulator.online();
        String again = api.login(Users.ASHA);
        Map<String, Object> write = awaitStatus(again, update, "success");

        List<String> history = historyTypes(write);
        assertThat(history).containsSubsequence("ConflictDetected", "ConflictResolved", "Synced");
        Map<String, Object> resolved = ((List<Map<String, Object>>) write.get("history")).stream()
                .filter(h -> "ConflictResolved".equals(h.get("type"))).findFirst().orElseThrow();
        assertThat(resolved).containsEntry("resolution", "auto_merged");
        assertThat((List<String>) resolved.get("autoMergedFields")).containsExactlyInAnyOrder("phone_number",
                "address");
        Map<String, Object> inCare = (Map<String, Object>) Simulator.body(simulator.care("GET",
                "/api/v1/patient/" + patientId + "/", simulator.careToken(Users.ASHA), null));
        assertThat(inCare).containsEntry("phone_number", phone).containsEntry("address", "Changed by Ravi");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM write_base WHERE write_id = ?", Integer.class, update))
                .isZero();
    }

    @Test
    @SuppressWarnings("unchecked")
    void aFieldChangedOnBothSidesGoesToAPerson() {
        String token = api.login(Users.ASHA);
        Map<String, Object> known = patientInCare(simulator.careToken(Users.ASHA), "Contested Kavya");
        Object patientId = known.get("id");
        Map<String, Object> seen = patient(token, patientId).json();
        changeInCare(simulator.careToken(Users.RAVI), patientId, Map.of("address", "Changed by Ravi"));
        String update = Writes.newId();

        handOver(token, Writes.updatePatient(update, Users.ASHA_ID, (String) patientId,
                Map.of("address", "Changed by Asha", "phone_number", Writes.phone()),
                (String) seen.get("modified_date")));

        Map<String, Object> write = awaitStatus(token, update, "conflict");
        assertThat(historyTypes(write)).contains("ConflictDetected").doesNotContain("ConflictResolved");
        assertThat((Map<String, Object>) write.get("conflictData")).containsEntry("address", "Changed by Ravi");
        assertThat(simulator.applied(update)).isZero();
        // the version she edited, as care-sync kept it from her cache, is shown for the person who resolves it
        assertThat(write.get("basePayload")).isNull();
        Map<String, Object> base = (Map<String, Object>) write.get("base");
        assertThat(base).containsEntry("source", "cache");
        assertThat((Map<String, Object>) base.get("payload")).containsEntry("address", "1 Old Street")
                .containsEntry("modified_date", seen.get("modified_date"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void aBaseTheDeviceSentMergesFieldsChangedOnOneSideOnly() {
        String token = api.login(Users.ASHA);
        // the device read the record straight from CARE (not through care-sync): only its basePayload knows it
        Map<String, Object> known = patientInCare(simulator.careToken(Users.ASHA), "Device-based Divya");
        Object patientId = known.get("id");
        changeInCare(simulator.careToken(Users.RAVI), patientId, Map.of("address", "Changed by Ravi"));
        String update = Writes.newId();
        String phone = Writes.phone();
        Map<String, Object> form = new LinkedHashMap<>();
        form.put("name", known.get("name"));
        form.put("phone_number", phone);
        form.put("address", known.get("address"));
        Map<String, Object> write = Writes.updatePatient(update, Users.ASHA_ID, (String) patientId, form,
                (String) known.get("modified_date"));
        write.put("basePayload", known);

        assertThat(handOver(token, write).status()).isEqualTo(202);
        Map<String, Object> synced = awaitStatus(token, update, "success");

        assertThat(historyTypes(synced)).containsSubsequence("ConflictDetected", "ConflictResolved", "Synced");
        Map<String, Object> resolved = ((List<Map<String, Object>>) synced.get("history")).stream()
                .filter(h -> "ConflictResolved".equals(h.get("type"))).findFirst().orElseThrow();
        assertThat(resolved).containsEntry("resolution", "auto_merged");
        assertThat((List<String>) resolved.get("autoMergedFields")).containsExactlyInAnyOrder("phone_number",
                "address");
        Map<String, Object> inCare = (Map<String, Object>) Simulator.body(simulator.care("GET",
                "/api/v1/patient/" + patientId + "/", simulator.careToken(Users.ASHA), null));
        assertThat(inCare).containsEntry("phone_number", phone).containsEntry("address", "Changed by Ravi");
        assertThat(simulator.applied(update)).isEqualTo(1);
        assertThat((Map<String, Object>) synced.get("base")).containsEntry("source", "device")
                .containsEntry("payload", known);
    }

    @Test
    @SuppressWarnings("unchecked")
    void aFieldTheRouteKeepsForAPersonIsNotMergedEvenWhenOnlyTheDeviceChangedIt() {
        String token = api.login(Users.ASHA);
        Map<String, Object> known = patientInCare(simulator.careToken(Users.ASHA), "Blood-group Bhavana");
        Object patientId = known.get("id");
        changeInCare(simulator.careToken(Users.RAVI), patientId, Map.of("address", "Changed by Ravi"));
        String update = Writes.newId();
        Map<String, Object> write = Writes.updatePatient(update, Users.ASHA_ID, (String) patientId,
                Map.of("blood_group", "O_positive"), (String) known.get("modified_date"));
        write.put("basePayload", known);

        handOver(token, write);

        Map<String, Object> conflict = awaitStatus(token, update, "conflict");
        assertThat(historyTypes(conflict)).contains("ConflictDetected").doesNotContain("ConflictResolved");
        assertThat(simulator.applied(update)).isZero();
        assertThat((Map<String, Object>) conflict.get("base")).containsEntry("source", "device");
    }
}
