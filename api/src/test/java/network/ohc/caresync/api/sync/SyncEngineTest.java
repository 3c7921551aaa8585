package network.ohc.caresync.api.sync;

import network.ohc.caresync.api.support.Api;
import network.ohc.caresync.api.support.CareSyncTest;
import network.ohc.caresync.api.support.Simulator;
import network.ohc.caresync.api.support.Users;
import network.ohc.caresync.api.support.Writes;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

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
        String encounterId = (String) createEncounterDirectly(care, patientId).get("id");
        simulator.offline();
        String failing = Writes.newId();
        handOver(token, Writes.createEncounter(failing, Users.RAVI_ID, UUID.randomUUID().toString()));
        List<String> addresses = List.of("First", "Second", "Third");
        List<String> statuses = List.of("on_hold", "in_progress", "completed");
        List<String> patientUpdates = new ArrayList<>();
        List<String> encounterUpdates = new ArrayList<>();
        List<String> others = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String address = Writes.newId();
            handOver(token, Writes.updatePatient(address, Users.RAVI_ID, patientId,
                    Map.of("address", addresses.get(i)), seen));
            patientUpdates.add(address);
            String status = Writes.newId();
            handOver(token, updateEncounter(status, encounterId, statuses.get(i)));
            encounterUpdates.add(status);
            String other = Writes.newId();
            handOver(token, Writes.createPatient(other, Users.RAVI_ID));
            others.add(other);
        }

        simulator.online();

        awaitStatus(token, failing, "failed");
        others.forEach(other -> awaitStatus(token, other, "success"));
        for (List<String> updates : List.of(patientUpdates, encounterUpdates)) {
            for (int i = 1; i < updates.size(); i++) {
                Map<String, Object> before = awaitStatus(token, updates.get(i - 1), "success");
                Map<String, Object> after = awaitStatus(token, updates.get(i), "success");
                assertThat(at(before, "Synced")).as("update %s synced before update %s was attempted", i, i + 1)
                        .isBeforeOrEqualTo(at(after, "SyncAttempted"));
            }
        }
        Map<String, Object> upstreamPatient = simulator.records("patient").stream()
                .filter(p -> p.get("id").equals(patientId)).findFirst().orElseThrow();
        assertThat(upstreamPatient).containsEntry("address", "Third");
        Map<String, Object> upstreamEncounter = simulator.records("encounter").stream()
                .filter(e -> e.get("id").equals(encounterId)).findFirst().orElseThrow();
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> moves = (List<Map<String, Object>>) upstreamEncounter.get("status_history");
        assertThat(moves).as("CARE's own record of the status changes, in the order it applied them")
                .extracting(m -> m.get("status"))
                .containsExactly("in_progress", "on_hold", "in_progress", "completed");
    }

    @Test
    void writesOfOtherRecordsPassAWriteWaitingOutItsBackoff() {
        String token = api.login(Users.MEENA);
        String care = simulator.careToken(Users.MEENA);
        String patientId = (String) createDirectly(care, "Passing").get("id");
        simulator.faults(Map.of("errorRate", 1.0, "errorStatus", 503,
                "faultRoutes", List.of("POST /api/v1/encounter/")));
        String backingOff = Writes.newId();
        handOver(token, Writes.createEncounter(backingOff, Users.MEENA_ID, patientId));
        Map<String, Object> waiting = awaitWrite(token, backingOff, w -> "failed".equals(w.get("syncStatus"))
                && Boolean.TRUE.equals(w.get("retryable")));
        assertThat(waiting.get("nextAttemptAt")).isNotNull();

        List<String> passing = new ArrayList<>();
        for (String address : List.of("One", "Two")) {
            String update = Writes.newId();
            handOver(token, Writes.updatePatient(update, Users.MEENA_ID, patientId, Map.of("address", address), null));
            passing.add(update);
        }
        for (int i = 0; i < 3; i++) {
            String create = Writes.newId();
            handOver(token, Writes.createPatient(create, Users.MEENA_ID));
            passing.add(create);
        }

        passing.forEach(id -> awaitStatus(token, id, "success"));
        Map<String, Object> meanwhile = write(token, backingOff);
        assertThat(meanwhile.get("syncStatus")).isNotEqualTo("success");
        assertThat(historyTypes(meanwhile)).contains("SyncFailed").doesNotContain("Synced");
        assertThat(simulator.records("patient")).filteredOn(p -> p.get("id").equals(patientId)).singleElement()
                .satisfies(p -> assertThat(p.get("address")).isEqualTo("Two"));

        simulator.faults(Map.of("errorRate", 0.0));
        Map<String, Object> settled = awaitWrite(token, backingOff, w -> "success".equals(w.get("syncStatus"))
                || Boolean.FALSE.equals(w.get("retryable")) && "failed".equals(w.get("syncStatus")));
        if (!"success".equals(settled.get("syncStatus"))) {
            // it used up its attempts while the others passed it: a person retries it
            assertThat(api.post("/api/v1/offline-writes/" + backingOff + "/retry", token, Map.of()).status())
                    .isEqualTo(202);
        }
        awaitStatus(token, backingOff, "success");
        assertThat(simulator.applied(backingOff)).isEqualTo(1);
    }

    @Test
    void anEncounterWhoseAnswerIsLostIsFoundByTheExternalIdentifierCareSyncStamped() {
        String token = api.login(Users.ASHA);
        String care = simulator.careToken(Users.ASHA);
        String patientId = (String) createDirectly(care, "Encounter Answer Lost").get("id");
        String id = Writes.newId();
        simulator.faults(Map.of("dropAfterApplyRate", 1.0, "faultRoutes", List.of("POST /api/v1/encounter/")));

        handOver(token, Writes.createEncounter(id, Users.ASHA_ID, patientId));
        awaitWrite(token, id, w -> historyTypes(w).contains("OutcomeInDoubt"));
        simulator.faults(Map.of("dropAfterApplyRate", 0.0, "faultRoutes", List.of()));

        Map<String, Object> write = awaitStatus(token, id, "success");
        assertThat(historyTypes(write).stream().filter("SyncAttempted"::equals)).hasSize(1);
        assertThat(event(write, "InDoubtReconciled")).containsEntry("applied", true).containsEntry("method", "lookup");
        List<Map<String, Object>> encounters = simulator.records("encounter").stream()
                .filter(e -> patientId.equals(((Map<?, ?>) e.get("patient")).get("id"))).toList();
        assertThat(encounters).singleElement().satisfies(e -> {
            assertThat(e.get("id")).isEqualTo(write.get("realId"));
            assertThat(e.get("external_identifier")).isEqualTo(id.substring("offline-".length()));
        });
        assertThat(simulator.applied(id)).isEqualTo(1);
    }

    @Test
    void aCreateInDoubtThatNeverLandedIsFoundMissingSentAgainAndLandsOnce() {
        String token = api.login(Users.ASHA);
        String care = simulator.careToken(Users.ASHA);
        String patientId = (String) createDirectly(care, "Encounter Never Landed").get("id");
        String id = Writes.newId();
        // the request is read and the connection reset before anything is applied: sent, not applied, no answer
        simulator.faults(Map.of("resetRate", 1.0, "faultRoutes", List.of("POST /api/v1/encounter/")));

        handOver(token, Writes.createEncounter(id, Users.ASHA_ID, patientId));
        Map<String, Object> looked = awaitWrite(token, id, w -> historyTypes(w).contains("InDoubtReconciled"));
        assertThat(event(looked, "InDoubtReconciled")).containsEntry("applied", false)
                .containsEntry("method", "lookup");
        simulator.faults(Map.of("resetRate", 0.0, "faultRoutes", List.of()));

        Map<String, Object> write = awaitStatus(token, id, "success");
        assertThat(historyTypes(write)).containsSubsequence("SyncAttempted", "OutcomeInDoubt", "InDoubtReconciled",
                "SyncAttempted", "Synced");
        assertThat(simulator.records("encounter"))
                .filteredOn(e -> patientId.equals(((Map<?, ?>) e.get("patient")).get("id")))
                .singleElement().satisfies(e -> assertThat(e.get("id")).isEqualTo(write.get("realId")));
        assertThat(simulator.applied(id)).isEqualTo(1);
    }

    @Test
    void aQuestionnaireInDoubtWaitsForAPersonAndIsNeverSentAgain() {
        String token = api.login(Users.ASHA);
        String care = simulator.careToken(Users.ASHA);
        String patientId = (String) createDirectly(care, "Questionnaire Answer Lost").get("id");
        String encounterId = (String) createEncounterDirectly(care, patientId).get("id");
        String id = Writes.newId();
        simulator.faults(Map.of("dropAfterApplyRate", 1.0, "faultRoutes", List.of("POST /api/v1/batch_requests/")));

        handOver(token, Writes.questionnaire(id, Users.ASHA_ID, patientId, encounterId));
        awaitStatus(token, id, "in_doubt");
        // a second sending would now be answered and applied: it must not happen
        simulator.faults(Map.of("dropAfterApplyRate", 0.0, "faultRoutes", List.of()));
        api.post("/api/v1/sync/run", token, Map.of());

        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200))
                .until(() -> "in_doubt".equals(write(token, id).get("syncStatus")));
        Map<String, Object> write = write(token, id);
        assertThat(historyTypes(write).stream().filter("SyncAttempted"::equals)).hasSize(1);
        assertThat(historyTypes(write)).doesNotContain("InDoubtReconciled");
        assertThat(simulator.applied(id)).isEqualTo(1);
        assertThat(simulator.records("symptom")).filteredOn(r -> encounterId.equals(r.get("encounter"))).hasSize(1);
        assertThat(requestsTo("POST", "/api/v1/batch_requests/")).isEqualTo(1);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> conflicts = (List<Map<String, Object>>) ((Map<String, Object>) api.get(
                "/api/v1/sync-status", token).json().get("queues")).get("conflicts");
        assertThat(conflicts).extracting(w -> w.get("id")).contains(id);
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
                .contains("care_sync_requests_in_flight")
                .containsPattern("care_sync_event_processor_lag_events\\{processor=\"write-views\"} \\d")
                .containsPattern("care_sync_event_processor_lag_events\\{processor=\"DependencySagaProcessor\"} \\d");
    }

    @Test
    void aManualPassCanBeStartedAndConnectivityIsReported() {
        String token = api.login(Users.ASHA);

        Api.Answer run = api.post("/api/v1/sync/run", token, Map.of());

        assertThat(run.status()).isEqualTo(202);
        assertThat(run.json()).containsKeys("upstream", "since", "inFlight");
    }

    /** The fields of the write's last event of this type. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> event(Map<String, Object> write, String type) {
        List<Map<String, Object>> history = (List<Map<String, Object>>) write.get("history");
        return history.stream().filter(h -> type.equals(h.get("type"))).reduce((a, b) -> b).orElseThrow();
    }

    /** How many requests with this method and route template the simulator received, whatever it answered. */
    @SuppressWarnings("unchecked")
    private int requestsTo(String method, String route) {
        return ((List<Map<String, Object>>) simulator.stats().get("requests")).stream()
                .filter(r -> method.equals(r.get("method")) && route.equals(r.get("route")))
                .mapToInt(r -> ((Number) r.get("count")).intValue()).sum();
    }

    private static Map<String, Object> updateEncounter(String id, String encounterId, String status) {
        Map<String, Object> write = new java.util.LinkedHashMap<>();
        write.put("id", id);
        write.put("userId", Users.RAVI_ID);
        write.put("syncrouteKey", "update_encounter");
        write.put("type", "update");
        write.put("resourceType", "encounter");
        write.put("pathParams", Map.of("id", encounterId));
        write.put("payload", Map.of("status", status, "encounter_class", "amb", "priority", "routine"));
        write.put("clientTimestamp", System.currentTimeMillis());
        return write;
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> createEncounterDirectly(String careToken, String patientId) {
        Map<String, Object> payload = new java.util.LinkedHashMap<>(
                (Map<String, Object>) Writes.createEncounter(Writes.newId(), "", patientId).get("payload"));
        var response = simulator.care("POST", "/api/v1/encounter/", careToken, payload);
        assertThat(response.statusCode()).isEqualTo(200);
        return (Map<String, Object>) Simulator.body(response);
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
