package network.ohc.caresync.api.write;

import network.ohc.caresync.api.support.Api;
import network.ohc.caresync.api.support.CareSyncTest;
import network.ohc.caresync.api.support.Simulator;
import network.ohc.caresync.api.support.Users;
import network.ohc.caresync.api.support.Writes;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class DependenciesTest extends CareSyncTest {

    @Test
    void patientEncounterAndQuestionnaireMadeOfflineArriveWithRealIds() {
        String token = api.login(Users.ASHA);
        simulator.offline();
        String patient = Writes.newId();
        String encounter = Writes.newId();
        String questionnaire = Writes.newId();
        handOver(token, Writes.createPatient(patient, Users.ASHA_ID));
        handOver(token, Writes.createEncounter(encounter, Users.ASHA_ID, patient, patient));
        Api.Answer q = handOver(token, Writes.questionnaire(questionnaire, Users.ASHA_ID, patient, encounter,
                encounter));
        assertThat(q.json().get("parentMutationIds")).isEqualTo(List.of(encounter, patient));

        simulator.online();

        String patientId = (String) awaitStatus(token, patient, "success").get("realId");
        String encounterId = (String) awaitStatus(token, encounter, "success").get("realId");
        Map<String, Object> done = awaitStatus(token, questionnaire, "success");
        assertThat(historyTypes(done).stream().filter("DependencyResolved"::equals)).hasSize(2);
        List<Map<String, Object>> encounters = simulator.records("encounter");
        assertThat(encounters).filteredOn(e -> e.get("id").equals(encounterId)).singleElement()
                .satisfies(e -> assertThat(((Map<?, ?>) e.get("patient")).get("id")).isEqualTo(patientId));
        assertThat(simulator.records("symptom")).filteredOn(s -> encounterId.equals(s.get("encounter")))
                .hasSize(1);
        for (String kind : List.of("patient", "encounter", "symptom")) {
            assertThat(simulator.records(kind).toString()).doesNotContain("offline-");
        }
    }

    @Test
    void aChildOfAParentSyncedAlreadyIsHandedOverPendingWithTheRealIdAndSyncsWithIt() {
        String token = api.login(Users.ASHA);
        String patient = Writes.newId();
        handOver(token, Writes.createPatient(patient, Users.ASHA_ID));
        String patientId = (String) awaitStatus(token, patient, "success").get("realId");
        String encounter = Writes.newId();

        Api.Answer answer = handOver(token, Writes.createEncounter(encounter, Users.ASHA_ID, patient, patient));

        assertThat(answer.status()).isEqualTo(202);
        assertThat(answer.json()).containsEntry("syncStatus", "pending").containsEntry("blockReason", null)
                .containsEntry("parentMutationIds", List.of(patient));
        assertThat(((Map<?, ?>) answer.json().get("payload")).get("patient")).isEqualTo(patientId);
        Map<String, Object> synced = awaitStatus(token, encounter, "success");
        assertThat(historyTypes(synced)).containsExactly("OfflineWriteCreated", "DependencyResolved",
                "SyncAttempted", "Synced");
        assertThat(simulator.records("encounter")).filteredOn(e -> e.get("id").equals(synced.get("realId")))
                .singleElement().satisfies(e -> assertThat(((Map<?, ?>) e.get("patient")).get("id"))
                        .isEqualTo(patientId));
        assertThat(simulator.records("encounter").toString()).doesNotContain("offline-");
    }

    @Test
    void aChildOfASyncedAndAnUnsyncedParentWaitsOnlyForTheUnsyncedOneWithTheOtherIdReplacedAlready() {
        String token = api.login(Users.ASHA);
        String patient = Writes.newId();
        handOver(token, Writes.createPatient(patient, Users.ASHA_ID));
        String patientId = (String) awaitStatus(token, patient, "success").get("realId");
        simulator.offline();
        String encounter = Writes.newId();
        String questionnaire = Writes.newId();
        Api.Answer encounterAnswer = handOver(token, Writes.createEncounter(encounter, Users.ASHA_ID, patient,
                patient));

        Api.Answer answer = handOver(token, Writes.questionnaire(questionnaire, Users.ASHA_ID, patient, encounter,
                encounter));

        assertThat(encounterAnswer.json()).containsEntry("syncStatus", "pending");
        assertThat(answer.json()).containsEntry("syncStatus", "blocked")
                .containsEntry("blockReason", "waiting_for_parent").containsEntry("blockedBy", List.of(encounter));
        assertThat(answer.json().get("payload").toString()).contains("/api/v1/patient/" + patientId + "/symptom/")
                .doesNotContain(patient).contains(encounter);
        simulator.online();
        String encounterId = (String) awaitStatus(token, encounter, "success").get("realId");
        Map<String, Object> done = awaitStatus(token, questionnaire, "success");
        assertThat(historyTypes(done)).containsSubsequence("OfflineWriteCreated", "DependencyResolved",
                "WriteBlocked", "DependencyResolved", "WriteUnblocked", "Synced");
        assertThat(simulator.records("symptom")).filteredOn(r -> encounterId.equals(r.get("encounter")))
                .singleElement().satisfies(r -> assertThat(r.get("patient")).isEqualTo(patientId));
    }

    @Test
    void aRejectedParentHoldsBackItsChildrenAndSaysWhy() {
        String token = api.login(Users.RAVI);
        simulator.offline();
        String patient = Writes.newId();
        String encounter = Writes.newId();
        String questionnaire = Writes.newId();
        Map<String, Object> payload = Writes.patientPayload("Rejected");
        payload.put("geo_organization", "0b0e7a3c-2f0d-4f0e-8f5c-1b2f4c6d8e01");
        handOver(token, Writes.createPatient(patient, Users.RAVI_ID, payload));
        handOver(token, Writes.createEncounter(encounter, Users.RAVI_ID, patient, patient));
        handOver(token, Writes.questionnaire(questionnaire, Users.RAVI_ID, patient, encounter, encounter));

        simulator.online();

        assertThat((String) awaitStatus(token, patient, "failed").get("lastError")).contains("400");
        Map<String, Object> child = awaitWrite(token, encounter, w -> "parent_failed".equals(w.get("blockReason")));
        assertThat(child).containsEntry("syncStatus", "blocked").containsEntry("blockedBy", List.of(patient));
        Map<String, Object> grandchild = awaitWrite(token, questionnaire,
                w -> "parent_failed".equals(w.get("blockReason")));
        assertThat((List<?>) grandchild.get("blockedBy")).isNotEmpty();
        assertThat(simulator.applied(encounter)).isZero();
    }

    @Test
    void childrenOfAParentThatIsRetriedAndSyncedFollowByThemselves() {
        String token = api.login(Users.MEENA);
        simulator.faults(Map.of("errorRate", 1.0, "errorStatus", 503, "faultRoutes",
                List.of("POST /api/v1/patient/")));
        String patient = Writes.newId();
        String encounter = Writes.newId();
        handOver(token, Writes.createPatient(patient, Users.MEENA_ID));
        handOver(token, Writes.createEncounter(encounter, Users.MEENA_ID, patient, patient));
        awaitWrite(token, patient, w -> Boolean.FALSE.equals(w.get("retryable")));
        awaitWrite(token, encounter, w -> "parent_failed".equals(w.get("blockReason")));

        simulator.faults(Map.of("errorRate", 0.0));
        assertThat(api.post("/api/v1/offline-writes/" + patient + "/retry", token, Map.of()).status()).isEqualTo(202);

        awaitStatus(token, patient, "success");
        Map<String, Object> child = awaitStatus(token, encounter, "success");
        assertThat(historyTypes(child)).containsSubsequence("WriteBlocked", "WriteBlocked", "WriteBlocked",
                "DependencyResolved", "WriteUnblocked", "Synced");
    }

    @Test
    void aChildOfADiscardedParentStaysBlockedUntilAPersonRepointsItAtAnExistingRecord() {
        String token = api.login(Users.MEENA);
        simulator.offline();
        String patient = Writes.newId();
        String encounter = Writes.newId();
        handOver(token, Writes.createPatient(patient, Users.MEENA_ID));
        handOver(token, Writes.createEncounter(encounter, Users.MEENA_ID, patient, patient));
        assertThat(api.post("/api/v1/offline-writes/" + patient + "/discard", token,
                Map.of("reason", "registered twice")).status()).isEqualTo(200);
        Map<String, Object> held = awaitWrite(token, encounter, w -> "parent_failed".equals(w.get("blockReason")));
        assertThat(held.get("blockDetail").toString()).contains("discarded");
        simulator.online();
        String care = simulator.careToken(Users.MEENA);
        @SuppressWarnings("unchecked")
        Map<String, Object> existing = (Map<String, Object>) Simulator.body(
                simulator.care("POST", "/api/v1/patient/", care, Writes.patientPayload("Already Registered")));

        assertThat(api.post("/api/v1/offline-writes/" + encounter + "/repoint", token,
                Map.of("from", patient, "toRealId", existing.get("id"))).status()).isEqualTo(202);

        Map<String, Object> synced = awaitStatus(token, encounter, "success");
        assertThat(historyTypes(synced)).contains("ParentRepointed", "DependencyResolved", "Synced");
        assertThat(simulator.records("encounter")).filteredOn(e -> e.get("id").equals(synced.get("realId")))
                .singleElement().satisfies(e -> assertThat(((Map<?, ?>) e.get("patient")).get("id"))
                        .isEqualTo(existing.get("id")));
        assertThat(simulator.applied(patient)).isZero();
    }

    @Test
    void anUpdateOfARecordWhoseCreateIsStillPendingWaitsForIt() {
        String token = api.login(Users.ASHA);
        simulator.offline();
        String patient = Writes.newId();
        String update = Writes.newId();
        handOver(token, Writes.createPatient(patient, Users.ASHA_ID));

        Api.Answer answer = handOver(token, Writes.updatePatient(update, Users.ASHA_ID, patient,
                Map.of("address", "Added offline"), null));

        assertThat(answer.json()).containsEntry("syncStatus", "blocked")
                .containsEntry("parentMutationIds", List.of(patient));
        simulator.online();
        String realId = (String) awaitStatus(token, patient, "success").get("realId");
        Map<String, Object> updated = awaitStatus(token, update, "success");
        assertThat(updated.get("pathParams")).isEqualTo(Map.of("id", realId));
        assertThat(simulator.records("patient")).filteredOn(p -> p.get("id").equals(realId)).singleElement()
                .satisfies(p -> assertThat(p.get("address")).isEqualTo("Added offline"));
    }

    @Test
    void anEditOfAPatientRegisteredOfflineIsNotAConflictWithItsOwnRegistration() {
        String token = api.login(Users.ASHA);
        simulator.offline();
        String patient = Writes.newId();
        String update = Writes.newId();
        handOver(token, Writes.createPatient(patient, Users.ASHA_ID));
        // the device saw the pending record the overlay made, with a placeholder modified_date
        handOver(token, Writes.updatePatient(update, Users.ASHA_ID, patient, Map.of("address", "Edited offline"),
                "2026-01-01T00:00:00.000000Z"));
        simulator.online();

        String realId = (String) awaitStatus(token, patient, "success").get("realId");
        Map<String, Object> edited = awaitStatus(token, update, "success");

        assertThat(historyTypes(edited)).doesNotContain("ConflictDetected");
        assertThat(simulator.records("patient")).filteredOn(p -> p.get("id").equals(realId)).singleElement()
                .satisfies(p -> assertThat(p.get("address")).isEqualTo("Edited offline"));
    }

    @Test
    void aFailingQuestionnaireIsShownPerSubRequest() {
        String token = api.login(Users.ASHA);
        String care = simulator.careToken(Users.ASHA);
        @SuppressWarnings("unchecked")
        Map<String, Object> patient = (Map<String, Object>) Simulator.body(
                simulator.care("POST", "/api/v1/patient/", care, Writes.patientPayload("Questionnaire")));
        String id = Writes.newId();

        handOver(token, Writes.questionnaire(id, Users.ASHA_ID, (String) patient.get("id"),
                "5b7e6c1a-8f43-4a9e-b0c2-2d1e3f4a5b6c"));

        Map<String, Object> failed = awaitStatus(token, id, "failed");
        assertThat(failed.get("lastErrorDetail").toString()).contains("symptoms").contains("Encounter does not exist");
        assertThat(simulator.records("symptom")).isEmpty();
    }

    @Test
    void aQuestionnaireOfSeveralSubRequestsShowsWhatBecameOfEachOne() {
        String token = api.login(Users.ASHA);
        String care = simulator.careToken(Users.ASHA);
        @SuppressWarnings("unchecked")
        Map<String, Object> patient = (Map<String, Object>) Simulator.body(
                simulator.care("POST", "/api/v1/patient/", care, Writes.patientPayload("Several Answers")));
        String patientId = (String) patient.get("id");
        @SuppressWarnings("unchecked")
        Map<String, Object> encounter = (Map<String, Object>) Simulator.body(simulator.care("POST",
                "/api/v1/encounter/", care, Writes.createEncounter(Writes.newId(), "", patientId).get("payload")));
        String id = Writes.newId();
        Map<String, Object> write = new LinkedHashMap<>();
        write.put("id", id);
        write.put("userId", Users.ASHA_ID);
        write.put("syncrouteKey", "questionnaire");
        write.put("type", "create");
        write.put("resourceType", "questionnaire_response");
        write.put("clientTimestamp", System.currentTimeMillis());
        write.put("payload", Map.of("requests", List.of(
                subRequest("symptoms", "/api/v1/patient/" + patientId + "/symptom/upsert/", encounter.get("id")),
                subRequest("diagnoses", "/api/v1/patient/" + patientId + "/diagnosis/upsert/",
                        "5b7e6c1a-8f43-4a9e-b0c2-2d1e3f4a5b6c"),
                subRequest("allergies", "/api/v1/patient/9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b6a"
                        + "/allergy_intolerance/upsert/", encounter.get("id")))));

        handOver(token, write);

        Map<String, Object> failed = awaitStatus(token, id, "failed");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> entries = (List<Map<String, Object>>) ((Map<String, Object>)
                failed.get("lastErrorDetail")).get("errors");
        assertThat(entries).extracting(e -> e.get("reference_id"))
                .containsExactly("symptoms", "diagnoses", "allergies");
        assertThat(failed).containsEntry("lastError", "HTTP 400: sub-request diagnoses: Encounter does not exist");
        assertThat(entries.get(0)).containsEntry("status_code", 200).containsEntry("msg",
                "sub-request symptoms: accepted, but not kept: CARE keeps all of a batch or nothing");
        assertThat(entries.get(1)).containsEntry("status_code", 400)
                .containsEntry("msg", "sub-request diagnoses: Encounter does not exist");
        assertThat(entries.get(2)).containsEntry("status_code", 404);
        assertThat((String) entries.get(2).get("msg")).startsWith("sub-request allergies: ")
                .contains("No Patient matches");
        assertThat(failed).containsEntry("retryable", false);
        for (String kind : List.of("symptom", "diagnosis", "allergy_intolerance")) {
            assertThat(simulator.records(kind)).as("CARE keeps all of a batch or nothing: %s", kind).isEmpty();
        }
    }

    @Test
    void fiftyFamiliesHandedOverInOneShuffledBatchAllArriveCorrectly() {
        String token = api.login(Users.KIRAN);
        simulator.offline();
        List<Object> batch = new ArrayList<>();
        List<String[]> families = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            String patient = Writes.newId();
            String encounter = Writes.newId();
            String questionnaire = Writes.newId();
            batch.add(Writes.createPatient(patient, Users.KIRAN_ID));
            batch.add(Writes.createEncounter(encounter, Users.KIRAN_ID, patient, patient));
            batch.add(Writes.questionnaire(questionnaire, Users.KIRAN_ID, patient, encounter, encounter));
            families.add(new String[]{patient, encounter, questionnaire});
        }
        Collections.shuffle(batch, new Random(7));

        Api.Answer answer = api.post("/api/v1/offline-writes/batch", token, batch);
        assertThat(answer.json()).containsEntry("accepted", 150).containsEntry("rejected", 0);
        simulator.online();

        for (String[] family : families) {
            awaitWrite(token, family[2], status("success"), Duration.ofSeconds(90));
        }
        List<Map<String, Object>> encounters = simulator.records("encounter");
        List<Map<String, Object>> symptoms = simulator.records("symptom");
        for (String[] family : families) {
            String patientId = (String) awaitStatus(token, family[0], "success").get("realId");
            String encounterId = (String) awaitStatus(token, family[1], "success").get("realId");
            assertThat(encounters).filteredOn(e -> e.get("id").equals(encounterId)).singleElement()
                    .satisfies(e -> assertThat(((Map<?, ?>) e.get("patient")).get("id")).isEqualTo(patientId));
            assertThat(symptoms).as("the questionnaire of family %s names its own encounter and patient", family[2])
                    .filteredOn(r -> encounterId.equals(r.get("encounter"))).singleElement()
                    .satisfies(r -> assertThat(r.get("patient")).isEqualTo(patientId));
            for (String write : family) {
                assertThat(simulator.applied(write)).as("write %s applied", write).isEqualTo(1);
            }
        }
        assertThat(simulator.records("patient")).hasSize(50);
        assertThat(encounters).hasSize(50);
        assertThat(symptoms).hasSize(50);
        for (String kind : List.of("patient", "encounter", "symptom")) {
            assertThat(simulator.records(kind).toString()).doesNotContain("offline-");
        }
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> requests = (List<Map<String, Object>>) simulator.stats().get("requests");
        assertThat(requests).as("no request carried an id CARE does not know (a temporary id): no 400 or 404")
                .noneMatch(r -> List.of(400, 404).contains(((Number) r.get("status")).intValue()));
    }

    private static Map<String, Object> subRequest(String referenceId, String url, Object encounter) {
        Map<String, Object> body = Map.of("datapoints", List.of(Map.of(
                "code", Map.of("code", "25064002", "display", "Headache"), "encounter", encounter)));
        return Map.of("reference_id", referenceId, "url", url, "method", "POST", "body", body);
    }
}
