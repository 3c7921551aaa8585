package network.ohc.caresync.api.sync;

import network.ohc.caresync.api.support.Api;
import network.ohc.caresync.api.support.CareSyncTest;
import network.ohc.caresync.api.support.Simulator;
import network.ohc.caresync.api.support.Users;
import network.ohc.caresync.api.support.Writes;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class SyncEngineTest extends CareSyncTest {

    @Test
    void writesMadeWhileCareWasUnreachableAllReachItOnceItIsBack() {
        String token = api.login(Users.ASHA);
        simulator.offline();
        List<String> patients = new ArrayList<>();
        List<String> encounters = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String patient = Writes.newId();
            String encounter = Writes.newId();
            assertThat(handOver(token, Writes.createPatient(patient, Users.ASHA_ID)).status()).isEqualTo(202);
            assertThat(handOver(token, Writes.createEncounter(encounter, Users.ASHA_ID, patient, patient)).status())
                    .isEqualTo(202);
            patients.add(patient);
            encounters.add(encounter);
        }
        awaitStatus(token, patients.get(4), "pending");
        assertThat(simulator.applied(patients.get(0))).isZero();

        simulator.online();

        for (int i = 0; i < 5; i++) {
            Map<String, Object> patient = awaitStatus(token, patients.get(i), "success");
            Map<String, Object> encounter = awaitStatus(token, encounters.get(i), "success");
            @SuppressWarnings("unchecked")
            Map<String, Object> created = (Map<String, Object>) encounter.get("response");
            @SuppressWarnings("unchecked")
            Map<String, Object> ofPatient = (Map<String, Object>) created.get("patient");
            assertThat(ofPatient.get("id")).isEqualTo(patient.get("realId"));
            assertThat(simulator.applied(patients.get(i))).isEqualTo(1);
            assertThat(simulator.applied(encounters.get(i))).isEqualTo(1);
        }
    }

    @Test
    void aStaleUpdateBecomesAConflictCarryingTheServersData() {
        String token = api.login(Users.ASHA);
        String care = simulator.careToken(Users.ASHA);
        Map<String, Object> patient = createDirectly(care, "Lakshmi");
        String seen = (String) patient.get("modified_date");
        simulator.care("PUT", "/api/v1/patient/" + patient.get("id") + "/", care, Map.of("address", "Changed upstream"));
        String id = Writes.newId();

        handOver(token, Writes.updatePatient(id, Users.ASHA_ID, (String) patient.get("id"),
                Map.of("address", "Changed offline"), seen));

        Map<String, Object> write = awaitStatus(token, id, "conflict");
        @SuppressWarnings("unchecked")
        Map<String, Object> server = (Map<String, Object>) write.get("conflictData");
        assertThat(server).containsEntry("address", "Changed upstream");
        assertThat(server.get("modified_date")).isNotEqualTo(seen);
        assertThat(simulator.applied(id)).isZero();
    }

    @Test
    void anUpdateBasedOnTheCurrentVersionIsApplied() {
        String token = api.login(Users.ASHA);
        String care = simulator.careToken(Users.ASHA);
        Map<String, Object> patient = createDirectly(care, "Radha");
        String id = Writes.newId();

        handOver(token, Writes.updatePatient(id, Users.ASHA_ID, (String) patient.get("id"),
                Map.of("address", "New address"), (String) patient.get("modified_date")));

        Map<String, Object> write = awaitStatus(token, id, "success");
        assertThat(write.get("realId")).isEqualTo(patient.get("id"));
        assertThat(simulator.records("patient")).filteredOn(p -> p.get("id").equals(patient.get("id")))
                .extracting(p -> p.get("address")).containsExactly("New address");
    }

    @Test
    void aValidationErrorRestsAsFailedWithCaresOwnMessage() {
        String token = api.login(Users.RAVI);
        String id = Writes.newId();

        handOver(token, Writes.createEncounter(id, Users.RAVI_ID, UUID.randomUUID().toString()));

        Map<String, Object> write = awaitStatus(token, id, "failed");
        assertThat(write).containsEntry("retryable", false);
        assertThat((String) write.get("lastError")).contains("400").contains("Patient does not exist");
        @SuppressWarnings("unchecked")
        Map<String, Object> detail = (Map<String, Object>) write.get("lastErrorDetail");
        assertThat(detail).containsEntry("kind", "validation");
        assertThat(detail.get("errors").toString()).contains("Patient does not exist");
    }

    @Test
    void aServerErrorIsRetriedWithBackoffUntilItSucceeds() {
        String token = api.login(Users.MEENA);
        simulator.faults(Map.of("errorRate", 1.0, "errorStatus", 503, "faultRoutes", List.of("POST /api/v1/patient/")));
        String id = Writes.newId();

        handOver(token, Writes.createPatient(id, Users.MEENA_ID));
        Map<String, Object> failed = awaitWrite(token, id, w -> "failed".equals(w.get("syncStatus"))
                && Boolean.TRUE.equals(w.get("retryable")));
        assertThat(failed.get("nextAttemptAt")).isNotNull();
        simulator.faults(Map.of("errorRate", 0.0));

        Map<String, Object> synced = awaitStatus(token, id, "success");
        assertThat(historyTypes(synced)).containsSubsequence("SyncFailed", "RetryRequested", "SyncAttempted", "Synced");
        assertThat(simulator.applied(id)).isEqualTo(1);
    }

    @Test
    void aFailureWithNoRetriesLeftRestsUntilAPersonRetriesIt() {
        String token = api.login(Users.MEENA);
        simulator.faults(Map.of("errorRate", 1.0, "errorStatus", 502, "faultRoutes", List.of("POST /api/v1/patient/")));
        String id = Writes.newId();
        handOver(token, Writes.createPatient(id, Users.MEENA_ID));

        Map<String, Object> exhausted = awaitWrite(token, id, w -> "failed".equals(w.get("syncStatus"))
                && Boolean.FALSE.equals(w.get("retryable")));
        assertThat(exhausted.get("retries")).isEqualTo(4);
        simulator.faults(Map.of("errorRate", 0.0));
        assertThat(api.post("/api/v1/offline-writes/" + id + "/retry", token, Map.of()).status()).isEqualTo(202);

        awaitStatus(token, id, "success");
    }

    @Test
    void expiredCareTokensAreRefreshedAndWhenThatFailsTheWritesWaitForSignIn() {
        String token = api.login(Users.KIRAN);
        simulator.offline();
        String refreshed = Writes.newId();
        handOver(token, Writes.createPatient(refreshed, Users.KIRAN_ID));
        simulator.expireTokens(false);
        simulator.online();
        awaitStatus(token, refreshed, "success");

        simulator.offline();
        String waiting = Writes.newId();
        handOver(token, Writes.createPatient(waiting, Users.KIRAN_ID));
        simulator.expireTokens(true);
        simulator.online();
        Map<String, Object> blocked = awaitWrite(token, waiting, w -> "blocked".equals(w.get("syncStatus")));
        assertThat(blocked).containsEntry("blockReason", "auth_required");

        String again = api.login(Users.KIRAN);
        Map<String, Object> synced = awaitStatus(again, waiting, "success");
        assertThat(historyTypes(synced)).contains("WriteBlocked", "WriteUnblocked", "Synced");
        assertThat(simulator.applied(waiting)).isEqualTo(1);
    }

    @Test
    void aCreateWhoseAnswerIsLostIsFoundUpstreamInsteadOfBeingSentTwice() {
        String token = api.login(Users.ASHA);
        String id = Writes.newId();
        Map<String, Object> payload = Writes.patientPayload("Lost Answer");
        simulator.faults(Map.of("dropAfterApplyRate", 1.0));

        handOver(token, Writes.createPatient(id, Users.ASHA_ID, payload));
        awaitWrite(token, id, w -> historyTypes(w).contains("OutcomeInDoubt"));
        simulator.faults(Map.of("dropAfterApplyRate", 0.0));

        Map<String, Object> write = awaitStatus(token, id, "success");
        assertThat(historyTypes(write)).contains("OutcomeInDoubt", "InDoubtReconciled");
        assertThat(simulator.records("patient")).filteredOn(p -> payload.get("phone_number").equals(p.get("phone_number")))
                .hasSize(1).extracting(p -> p.get("id")).containsExactly(write.get("realId"));
        assertThat(simulator.applied(id)).isEqualTo(1);
    }

    @Test
    void anUpdateWhoseAnswerIsLostIsFoundApplied() {
        String token = api.login(Users.ASHA);
        String care = simulator.careToken(Users.ASHA);
        Map<String, Object> patient = createDirectly(care, "Update Lost");
        String id = Writes.newId();
        simulator.faults(Map.of("dropAfterApplyRate", 1.0));

        handOver(token, Writes.updatePatient(id, Users.ASHA_ID, (String) patient.get("id"),
                Map.of("address", "Applied once"), null));
        awaitWrite(token, id, w -> historyTypes(w).contains("OutcomeInDoubt"));
        simulator.faults(Map.of("dropAfterApplyRate", 0.0));

        Map<String, Object> write = awaitStatus(token, id, "success");
        assertThat(historyTypes(write)).contains("InDoubtReconciled");
        assertThat(simulator.applied(id)).isEqualTo(1);
    }

    @Test
    void updatesOfOneRecordGoInDeviceOrderWhileOtherRecordsPassAFailingWrite() {
        String token = api.login(Users.RAVI);
        String care = simulator.careToken(Users.RAVI);
        Map<String, Object> patient = createDirectly(care, "Ordered");
        String patientId = (String) patient.get("id");
        String seen = (String) patient.get("modified_date");
        simulator.offline();
        String failing = Writes.newId();
        String first = Writes.newId();
        String second = Writes.newId();
        String third = Writes.newId();
        List<String> others = new ArrayList<>();
        handOver(token, Writes.createEncounter(failing, Users.RAVI_ID, UUID.randomUUID().toString()));
        handOver(token, Writes.updatePatient(first, Users.RAVI_ID, patientId, Map.of("address", "First"), seen));
        for (int i = 0; i < 3; i++) {
            String other = Writes.newId();
            handOver(token, Writes.createPatient(other, Users.RAVI_ID));
            others.add(other);
        }
        handOver(token, Writes.updatePatient(second, Users.RAVI_ID, patientId, Map.of("address", "Second"), seen));
        handOver(token, Writes.updatePatient(third, Users.RAVI_ID, patientId, Map.of("name", "Ordered Too"), seen));

        simulator.online();

        awaitStatus(token, failing, "failed");
        others.forEach(other -> awaitStatus(token, other, "success"));
        Map<String, Object> one = awaitStatus(token, first, "success");
        Map<String, Object> two = awaitStatus(token, second, "success");
        Map<String, Object> three = awaitStatus(token, third, "success");
        assertThat(at(one, "Synced")).as("first synced before the second was attempted: %s %s", one, two)
                .isBeforeOrEqualTo(at(two, "SyncAttempted"));
        assertThat(at(two, "Synced")).as("second synced before the third was attempted: %s %s", two, three)
                .isBeforeOrEqualTo(at(three, "SyncAttempted"));
        Map<String, Object> upstream = simulator.records("patient").stream()
                .filter(p -> p.get("id").equals(patientId)).findFirst().orElseThrow();
        assertThat(upstream).containsEntry("address", "Second").containsEntry("name", "Ordered Too");
    }

    @Test
    void oldSuccessesLeaveTheViewsButKeepTheirHistory() {
        String token = api.login(Users.ASHA);
        String id = Writes.newId();
        handOver(token, Writes.createPatient(id, Users.ASHA_ID));
        awaitStatus(token, id, "success");

        Api.Answer refused = api.delete("/api/v1/offline-writes?status=failed&olderThan=PT0S", token);
        Api.Answer cleaned = api.delete("/api/v1/offline-writes?status=success&olderThan=PT0S", token);

        assertThat(refused.status()).isEqualTo(400);
        assertThat(cleaned.status()).isEqualTo(200);
        assertThat(((Number) cleaned.json().get("archived")).intValue()).isPositive();
        Map<String, Object> archived = awaitWrite(token, id, w -> Boolean.TRUE.equals(w.get("archived")));
        assertThat(historyTypes(archived)).endsWith("WriteArchived");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> successes = (List<Map<String, Object>>) api.get(
                "/api/v1/offline-writes?status=success&size=500", token).json().get("items");
        assertThat(successes).noneMatch(w -> id.equals(w.get("id")));
    }

    @Test
    void attemptsAndUpstreamLatencyAreMeasured() {
        String token = api.login(Users.KIRAN);
        String id = Writes.newId();
        handOver(token, Writes.createPatient(id, Users.KIRAN_ID));
        awaitStatus(token, id, "success");

        String metrics = api.get("/actuator/prometheus", token).raw().body();

        assertThat(metrics).contains("care_sync_sync_attempts_total{outcome=\"synced\",route=\"create_patient\"}")
                .contains("care_sync_upstream_request_seconds_bucket")
                .contains("care_sync_writes_received_total{route=\"create_patient\"}")
                .contains("care_sync_oldest_waiting_write_age_seconds")
                .contains("care_sync_requests_in_flight");
    }

    @Test
    void aManualPassCanBeStartedAndConnectivityIsReported() {
        String token = api.login(Users.ASHA);

        Api.Answer run = api.post("/api/v1/sync/run", token, Map.of());

        assertThat(run.status()).isEqualTo(202);
        assertThat(run.json()).containsKeys("upstream", "since", "inFlight");
    }

    /** When the write's last event of this type happened. */
    @SuppressWarnings("unchecked")
    private static java.time.Instant at(Map<String, Object> write, String type) {
        List<Map<String, Object>> history = (List<Map<String, Object>>) write.get("history");
        return history.stream().filter(h -> type.equals(h.get("type"))).reduce((a, b) -> b)
                .map(h -> java.time.Instant.parse((String) h.get("at"))).orElseThrow();
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> createDirectly(String careToken, String name) {
        var response = simulator.care("POST", "/api/v1/patient/", careToken, Writes.patientPayload(name));
        assertThat(response.statusCode()).isEqualTo(200);
        return (Map<String, Object>) Simulator.body(response);
    }
}
