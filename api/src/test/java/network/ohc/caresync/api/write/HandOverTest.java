package network.ohc.caresync.api.write;

import network.ohc.caresync.api.support.Api;
import network.ohc.caresync.api.support.CareSyncTest;
import network.ohc.caresync.api.support.Users;
import network.ohc.caresync.api.support.Writes;
import network.ohc.caresync.application.sync.ConnectivityMonitor;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class HandOverTest extends CareSyncTest {

    @Autowired
    ConnectivityMonitor connectivity;

    @Test
    void aWriteIsAcceptedOnlyOnceItIsStoredAndHandingItOverAgainStoresNothing() {
        String token = api.login(Users.ASHA);
        String id = Writes.newId();
        simulator.offline();
        Map<String, Object> write = Writes.createPatient(id, Users.ASHA_ID);

        Api.Answer first = handOver(token, write);
        Api.Answer again = handOver(token, write);

        assertThat(first.status()).isEqualTo(202);
        assertThat(first.json()).containsEntry("id", id).containsEntry("syncStatus", "pending")
                .containsEntry("syncrouteKey", "create_patient");
        assertThat(again.status()).isEqualTo(200);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM domainevententry WHERE aggregateidentifier = ?",
                Integer.class, id)).isEqualTo(1);
    }

    @Test
    void theSameIdWithOtherContentIsAConflict() {
        String token = api.login(Users.ASHA);
        simulator.offline();
        String id = Writes.newId();
        Map<String, Object> first = Writes.createPatient(id, Users.ASHA_ID);
        handOver(token, first);

        Api.Answer changed = handOver(token, Writes.createPatient(id, Users.ASHA_ID, Writes.patientPayload("Other")));

        assertThat(changed.status()).isEqualTo(409);
        assertThat(changed.header("Content-Type")).contains("application/problem+json");
        assertThat(changed.json()).containsEntry("status", 409);
        assertThat(eventsOf(id)).as("nothing new stored").isEqualTo(1);
        assertThat(awaitWrite(token, id, w -> true).get("payload")).isEqualTo(first.get("payload"));
    }

    @Test
    void everyBadFieldIsNamedAndNothingIsStored() {
        String token = api.login(Users.ASHA);
        Map<String, Object> write = new LinkedHashMap<>();
        String id = Writes.newId();
        write.put("id", id);
        write.put("userId", Users.ASHA_ID);
        write.put("syncrouteKey", "create_spaceship");
        write.put("payload", List.of("not", "an", "object"));
        write.put("clientTimestamp", "yesterday");
        write.put("serverTimestamp", "last tuesday");

        Api.Answer answer = handOver(token, write);

        assertThat(answer.status()).isEqualTo(400);
        assertThat(fields(answer)).contains("syncrouteKey", "payload", "clientTimestamp", "serverTimestamp");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM domainevententry WHERE aggregateidentifier = ?",
                Integer.class, id)).isZero();
    }

    @Test
    void thePayloadIsCheckedAgainstTheRoutesSchema() {
        String token = api.login(Users.ASHA);
        Map<String, Object> payload = Writes.patientPayload("Asha's patient");
        payload.remove("gender");
        payload.remove("date_of_birth");
        payload.put("phone_number", "98765");

        Api.Answer answer = handOver(token, Writes.createPatient(Writes.newId(), Users.ASHA_ID, payload));

        assertThat(answer.status()).isEqualTo(400);
        assertThat(fields(answer)).contains("payload.gender", "payload.phone_number", "payload");
        assertThat(answer.raw().body()).contains("one of date_of_birth, age is required");
    }

    @Test
    void requiredPathParametersAreChecked() {
        String token = api.login(Users.ASHA);
        Map<String, Object> update = Writes.updatePatient(Writes.newId(), Users.ASHA_ID, "x", Map.of("name", "A"),
                null);
        update.remove("pathParams");

        Api.Answer answer = handOver(token, update);

        assertThat(answer.status()).isEqualTo(400);
        assertThat(fields(answer)).contains("pathParams.id");
    }

    @Test
    void malformedJsonIsABadRequest() {
        String token = api.login(Users.ASHA);

        Api.Answer answer = api.sendRaw("POST", "/api/v1/offline-writes", token, "{\"id\": ", null);

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.header("Content-Type")).contains("application/problem+json");
        assertThat(answer.json()).containsEntry("title", "Bad Request");
    }

    @Test
    void aWriteOverTheSizeLimitIsRefusedWith413() {
        String token = api.login(Users.ASHA);
        Map<String, Object> payload = Writes.patientPayload("Big");
        payload.put("address", "x".repeat(70_000));
        String big = Writes.newId();
        String hugeId = Writes.newId();

        Api.Answer answer = handOver(token, Writes.createPatient(big, Users.ASHA_ID, payload));
        Map<String, Object> hugePayload = Writes.patientPayload("Huge");
        hugePayload.put("address", "y".repeat(1_100_000));
        Api.Answer huge = handOver(token, Writes.createPatient(hugeId, Users.ASHA_ID, hugePayload));

        assertThat(answer.status()).isEqualTo(413);
        assertThat(answer.header("Content-Type")).contains("application/problem+json");
        assertThat(huge.status()).isEqualTo(413);
        assertThat(eventsOf(big)).as("nothing stored").isZero();
        assertThat(eventsOf(hugeId)).as("nothing stored").isZero();
        assertThat(api.get("/api/v1/offline-writes/" + big, token).status()).isEqualTo(404);
    }

    @Test
    void aWriteOfAnotherUserIsRefused() {
        String token = api.login(Users.ASHA);

        Api.Answer answer = handOver(token, Writes.createPatient(Writes.newId(), Users.RAVI_ID));

        assertThat(answer.status()).isEqualTo(403);
        assertThat(fields(answer)).contains("userId");
    }

    @Test
    void parentsMustExistAndBeTheCallersOwn() {
        String asha = api.login(Users.ASHA);
        String ravi = api.login(Users.RAVI);
        simulator.offline();
        String ravisPatient = Writes.newId();
        assertThat(handOver(ravi, Writes.createPatient(ravisPatient, Users.RAVI_ID)).status()).isEqualTo(202);

        String unknown = Writes.newId();
        Api.Answer unknownParent = handOver(asha, Writes.createEncounter(Writes.newId(), Users.ASHA_ID,
                unknown, unknown));
        Api.Answer othersParent = handOver(asha, Writes.createEncounter(Writes.newId(), Users.ASHA_ID,
                ravisPatient, ravisPatient));

        assertThat(unknownParent.status()).isEqualTo(400);
        assertThat(fields(unknownParent)).contains("parentMutationIds[0]");
        assertThat(othersParent.status()).isEqualTo(400);
        assertThat(fields(othersParent)).contains("parentMutationIds[0]");
    }

    @Test
    void aUserSeesOnlyTheirOwnWrites() {
        String asha = api.login(Users.ASHA);
        String ravi = api.login(Users.RAVI);
        simulator.offline();
        String id = Writes.newId();
        handOver(asha, Writes.createPatient(id, Users.ASHA_ID));

        assertThat(api.get("/api/v1/offline-writes/" + id, asha).status()).isEqualTo(200);
        assertThat(api.get("/api/v1/offline-writes/" + id, ravi).status()).isEqualTo(404);
        assertThat(api.post("/api/v1/offline-writes/" + id + "/discard", ravi, Map.of("reason", "mine now"))
                .status()).isEqualTo(404);
        awaitStatus(asha, id, "pending");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> ravisItems = (List<Map<String, Object>>) api.get(
                "/api/v1/offline-writes?size=500", ravi).json().get("items");
        assertThat(ravisItems).noneMatch(w -> id.equals(w.get("id")));
    }

    @Test
    void listsFilterByStatusAndResourceTypeAndShowTheHistoryOfOne() {
        String token = api.login(Users.MEENA);
        simulator.offline();
        String patient = Writes.newId();
        String encounter = Writes.newId();
        handOver(token, Writes.createPatient(patient, Users.MEENA_ID));
        handOver(token, Writes.createEncounter(encounter, Users.MEENA_ID, patient, patient));
        awaitStatus(token, encounter, "blocked");

        Api.Answer blocked = api.get("/api/v1/offline-writes?status=blocked&resourceType=encounter", token);
        Map<String, Object> one = write(token, encounter);

        assertThat(blocked.status()).isEqualTo(200);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> items = (List<Map<String, Object>>) blocked.json().get("items");
        assertThat(items).anyMatch(w -> encounter.equals(w.get("id")));
        assertThat(items).allMatch(w -> "blocked".equals(w.get("syncStatus")) && "encounter".equals(w.get("resourceType")));
        assertThat(one).containsEntry("blockReason", "waiting_for_parent")
                .containsEntry("blockedBy", List.of(patient));
        assertThat(historyTypes(one)).containsExactly("OfflineWriteCreated", "WriteBlocked");
        assertThat(api.get("/api/v1/offline-writes?status=sleeping", token).status()).isEqualTo(400);
    }

    @Test
    void theListPagesNewestFirstWithTotalsAndFiltersByStatusAndResourceType() {
        String token = api.login(Users.MEENA);
        simulator.offline();
        await().atMost(Duration.ofSeconds(10)).until(() -> !connectivity.isOnline());
        int before = ((Number) api.get("/api/v1/offline-writes?size=1", token).json().get("total")).intValue();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String id = Writes.newId();
            assertThat(handOver(token, Writes.createPatient(id, Users.MEENA_ID)).status()).isEqualTo(202);
            ids.add(id);
        }
        String encounter = Writes.newId();
        handOver(token, Writes.createEncounter(encounter, Users.MEENA_ID, ids.get(4), ids.get(4)));
        ids.add(encounter);
        awaitStatus(token, encounter, "blocked");
        ids.forEach(id -> awaitWrite(token, id, w -> true));
        List<String> newestFirst = new ArrayList<>(ids);
        java.util.Collections.reverse(newestFirst);

        Map<String, Object> page0 = api.get("/api/v1/offline-writes?page=0&size=2", token).json();
        Map<String, Object> page1 = api.get("/api/v1/offline-writes?page=1&size=2", token).json();
        Map<String, Object> page2 = api.get("/api/v1/offline-writes?page=2&size=2", token).json();
        Map<String, Object> page1Again = api.get("/api/v1/offline-writes?page=1&size=2", token).json();
        int total = before + 6;
        Map<String, Object> beyond = api.get("/api/v1/offline-writes?page=" + (total / 2 + 1) + "&size=2", token)
                .json();

        assertThat(page0).containsEntry("page", 0).containsEntry("size", 2).containsEntry("total", total);
        assertThat(itemIds(page0)).containsExactlyElementsOf(newestFirst.subList(0, 2));
        assertThat(itemIds(page1)).containsExactlyElementsOf(newestFirst.subList(2, 4));
        assertThat(itemIds(page2)).containsExactlyElementsOf(newestFirst.subList(4, 6));
        assertThat(itemIds(page1Again)).isEqualTo(itemIds(page1));
        assertThat(page1).containsEntry("page", 1).containsEntry("total", total);
        assertThat(itemIds(beyond)).isEmpty();
        assertThat(beyond).containsEntry("total", total);

        Map<String, Object> pendingPatients = api.get("/api/v1/offline-writes?status=pending&resourceType=patient"
                + "&size=500", token).json();
        Map<String, Object> blockedEncounters = api.get("/api/v1/offline-writes?status=blocked"
                + "&resourceType=encounter&size=500", token).json();
        Map<String, Object> pendingOrBlocked = api.get("/api/v1/offline-writes?status=pending&status=blocked"
                + "&size=500", token).json();
        assertThat(itemIds(pendingPatients)).containsAll(ids.subList(0, 5)).doesNotContain(encounter);
        assertThat(items(pendingPatients)).allMatch(w -> "pending".equals(w.get("syncStatus"))
                && "patient".equals(w.get("resourceType")));
        assertThat(pendingPatients.get("total")).isEqualTo(items(pendingPatients).size());
        assertThat(itemIds(blockedEncounters)).contains(encounter).doesNotContainAnyElementsOf(ids.subList(0, 5));
        assertThat(items(blockedEncounters)).allMatch(w -> "blocked".equals(w.get("syncStatus"))
                && "encounter".equals(w.get("resourceType")));
        assertThat(itemIds(pendingOrBlocked)).containsAll(ids);
        assertThat(items(pendingOrBlocked)).allMatch(w -> List.of("pending", "blocked").contains(w.get("syncStatus")));

        assertThat(fields(api.get("/api/v1/offline-writes?page=-1", token))).containsExactly("page");
        assertThat(fields(api.get("/api/v1/offline-writes?size=0", token))).containsExactly("size");
        assertThat(fields(api.get("/api/v1/offline-writes?size=501", token))).containsExactly("size");
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> items(Map<String, Object> page) {
        return (List<Map<String, Object>>) page.get("items");
    }

    private static List<String> itemIds(Map<String, Object> page) {
        return items(page).stream().map(w -> (String) w.get("id")).toList();
    }

    private int eventsOf(String writeId) {
        return jdbc.queryForObject("SELECT count(*) FROM domainevententry WHERE aggregateidentifier = ?",
                Integer.class, writeId);
    }

    @Test
    void syncStatusHasCountsAndTheFourQueues() {
        String token = api.login(Users.ASHA);
        simulator.offline();
        String id = Writes.newId();
        handOver(token, Writes.createPatient(id, Users.ASHA_ID));
        awaitStatus(token, id, "pending");

        Api.Answer status = api.get("/api/v1/sync-status", token);

        assertThat(status.status()).isEqualTo(200);
        assertThat(status.json()).containsKeys("counts", "queues");
        @SuppressWarnings("unchecked")
        Map<String, Object> queues = (Map<String, Object>) status.json().get("queues");
        assertThat(queues).containsOnlyKeys("pending", "failed", "conflicts", "success");
        @SuppressWarnings("unchecked")
        Map<String, Object> counts = (Map<String, Object>) status.json().get("counts");
        assertThat(counts).containsKeys("pending", "blocked", "in_flight", "success", "failed", "conflict",
                "in_doubt", "discarded");
        assertThat(((Number) counts.get("pending")).intValue()).isPositive();
    }

    @Test
    void aBatchTakesFamiliesInAnyOrderAndRefusesCycles() {
        String token = api.login(Users.RAVI);
        simulator.offline();
        String patient = Writes.newId();
        String encounter = Writes.newId();
        String a = Writes.newId();
        String b = Writes.newId();
        List<Object> batch = new ArrayList<>();
        batch.add(Writes.createEncounter(encounter, Users.RAVI_ID, patient, patient));
        batch.add(Writes.createPatient(patient, Users.RAVI_ID));
        batch.add(Writes.createEncounter(a, Users.RAVI_ID, b, b));
        batch.add(Writes.createEncounter(b, Users.RAVI_ID, a, a));

        Api.Answer answer = api.post("/api/v1/offline-writes/batch", token, batch);

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.json()).containsEntry("accepted", 2).containsEntry("rejected", 2);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> results = (List<Map<String, Object>>) answer.json().get("results");
        assertThat(results.get(0)).containsEntry("id", encounter).containsEntry("status", 202);
        assertThat(results.get(1)).containsEntry("id", patient).containsEntry("status", 202);
        assertThat(results.get(2)).containsEntry("status", 400);
        assertThat(results.get(3)).containsEntry("status", 400);
        assertThat(answer.raw().body()).contains("cycle");
    }

    @Test
    void aBatchIsStoredInOneTransaction() {
        String token = api.login(Users.RAVI);
        simulator.offline();
        String patient = Writes.newId();
        String encounter = Writes.newId();
        String other = Writes.newId();
        List<Object> batch = List.of(Writes.createEncounter(encounter, Users.RAVI_ID, patient, patient),
                Writes.createPatient(patient, Users.RAVI_ID), Writes.createPatient(other, Users.RAVI_ID));

        Api.Answer answer = api.post("/api/v1/offline-writes/batch", token, batch);

        assertThat(answer.json()).containsEntry("accepted", 3).containsEntry("rejected", 0);
        // rows inserted by one transaction carry the same xmin
        assertThat(jdbc.queryForObject("SELECT count(*) FROM domainevententry WHERE aggregateidentifier IN (?, ?, ?)",
                Integer.class, patient, encounter, other)).isEqualTo(4);
        assertThat(jdbc.queryForObject("SELECT count(DISTINCT xmin::text) FROM domainevententry "
                + "WHERE aggregateidentifier IN (?, ?, ?)", Integer.class, patient, encounter, other)).isEqualTo(1);
    }

    @Test
    void aBatchHoldingAWriteThatCannotBeStoredStoresEveryOtherWriteOnce() {
        String token = api.login(Users.RAVI);
        simulator.offline();
        String taken = Writes.newId();
        handOver(token, Writes.createPatient(taken, Users.RAVI_ID));
        String patient = Writes.newId();
        String encounter = Writes.newId();
        List<Object> batch = List.of(Writes.createPatient(patient, Users.RAVI_ID),
                Writes.createPatient(taken, Users.RAVI_ID, Writes.patientPayload("Other")),
                Writes.createEncounter(encounter, Users.RAVI_ID, patient, patient));

        Api.Answer answer = api.post("/api/v1/offline-writes/batch", token, batch);

        assertThat(answer.status()).isEqualTo(200);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> results = (List<Map<String, Object>>) answer.json().get("results");
        assertThat(results).extracting(r -> r.get("status")).containsExactly(202, 409, 202);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM domainevententry WHERE aggregateidentifier = ?",
                Integer.class, patient)).isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM domainevententry WHERE aggregateidentifier = ?",
                Integer.class, encounter)).isEqualTo(2);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM domainevententry WHERE aggregateidentifier = ?",
                Integer.class, taken)).isEqualTo(1);
    }

    @Test
    void everyCallNeedsASession() {
        Api.Answer none = api.get("/api/v1/offline-writes", null);
        Api.Answer forged = api.get("/api/v1/offline-writes", "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl");

        assertThat(none.status()).isEqualTo(401);
        assertThat(none.header("Content-Type")).contains("application/problem+json");
        assertThat(forged.status()).isEqualTo(401);
    }

    @SuppressWarnings("unchecked")
    static List<String> fields(Api.Answer answer) {
        Object errors = answer.json().get("errors");
        if (!(errors instanceof List<?> list)) {
            return List.of();
        }
        return list.stream().map(e -> (String) ((Map<String, Object>) e).get("field")).toList();
    }
}
