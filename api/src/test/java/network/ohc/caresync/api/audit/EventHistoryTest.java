package network.ohc.caresync.api.audit;

import network.ohc.caresync.api.support.Api;
import network.ohc.caresync.api.support.Users;
import network.ohc.caresync.api.support.Writes;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** Auditors read a write's history as stored: every step, in order, with who caused it and from where. */
class EventHistoryTest extends AuditTest {

    @Test
    void aWritesWholeLifeReadsBackInOrderWithWhoCausedEachStep() {
        String device = "tablet-" + UUID.randomUUID();
        String token = login(Users.ASHA, device);
        String auditor = api.login(Users.MEENA);
        simulator.faults(Map.of("errorRate", 1.0, "errorStatus", 503,
                "faultRoutes", List.of("POST /api/v1/patient/")));
        String id = Writes.newId();

        Api.Answer handedOver = handOver(token, Writes.createPatient(id, Users.ASHA_ID));
        awaitWrite(token, id, w -> "failed".equals(w.get("syncStatus")) && Boolean.TRUE.equals(w.get("retryable")));
        simulator.faults(Map.of("errorRate", 0.0));
        Map<String, Object> synced = awaitStatus(token, id, "success");
        List<Map<String, Object>> events = events(auditor, "writeId=" + id);

        // CARE may answer 503 more than once before the fault is lifted: each failure is retried the same way
        assertThat(String.join(" ", types(events))).matches("OfflineWriteCreated"
                + "( SyncAttempted SyncFailed RetryRequested)+ SyncAttempted Synced");
        assertThat(events).extracting(e -> ((Number) e.get("sequence")).intValue())
                .isEqualTo(IntStream.range(0, events.size()).boxed().toList());
        assertThat(events).extracting(e -> ((Number) e.get("globalIndex")).longValue()).isSorted();
        assertThat(events).extracting(e -> (String) e.get("timestamp")).isSorted();
        assertThat(events).allSatisfy(e -> {
            assertThat(e).containsEntry("aggregateId", id);
            assertThat(map(e.get("metadata"))).containsEntry("node", "test-node")
                    .containsKeys("traceId", "correlationId");
            assertThat((String) map(e.get("metadata")).get("chain")).matches("[0-9a-f]{64}");
        });

        Map<String, Object> created = events.get(0);
        assertThat(created).containsEntry("revision", "1");
        assertThat(map(created.get("metadata"))).containsEntry("actor", Users.ASHA_ID)
                .containsEntry("actorRole", "user").containsEntry("deviceId", device)
                .containsEntry("requestId", handedOver.header("X-Request-Id"));
        assertThat(map(created.get("payload"))).containsEntry("writeId", id).containsEntry("userId", Users.ASHA_ID)
                .containsEntry("syncRouteKey", "create_patient");

        Map<String, Object> attempt = events.get(1);
        assertThat(attempt).containsEntry("revision", "2");
        assertThat(map(attempt.get("metadata"))).containsEntry("actor", "care-sync").containsEntry("actorRole", "engine");
        Map<String, Object> request = map(map(attempt.get("payload")).get("request"));
        assertThat(request).containsEntry("method", "POST").containsEntry("path", "/api/v1/patient/")
                .containsEntry("idempotencyKey", id);
        assertThat((String) request.get("bodyHash")).matches("[0-9a-f]{64}");

        Map<String, Object> failure = map(map(events.get(2).get("payload")).get("failure"));
        assertThat(failure).containsEntry("httpStatus", 503);
        assertThat(map(events.get(2).get("payload"))).containsEntry("retryable", true);
        assertThat(map(events.get(3).get("payload"))).containsEntry("automatic", true);

        Map<String, Object> success = map(events.get(events.size() - 1).get("payload"));
        assertThat(((Number) success.get("httpStatus")).intValue()).isBetween(200, 299);
        assertThat(map(success.get("response"))).containsEntry("id", synced.get("realId"));
        assertThat(success).containsEntry("realId", synced.get("realId"));
    }

    @Test
    void pagesFollowOneAnotherByCursorInStoreOrder() {
        String token = api.login(Users.ASHA);
        String auditor = api.login(Users.MEENA);
        String id = aPatientThatFailsOnceThenSyncs(token);

        List<Map<String, Object>> all = events(auditor, "writeId=" + id + "&limit=1000");
        Api.Answer firstPage = api.get("/api/v1/audit/events?writeId=" + id + "&limit=4", auditor);
        List<Map<String, Object>> paged = events(auditor, "writeId=" + id + "&limit=4");

        assertThat(all.size()).isGreaterThanOrEqualTo(6);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> first = (List<Map<String, Object>>) firstPage.json().get("events");
        assertThat(first).isEqualTo(all.subList(0, 4));
        assertThat(firstPage.json().get("next")).isEqualTo(String.valueOf(first.get(3).get("globalIndex")));
        assertThat(paged).isEqualTo(all);
        assertThat(types(paged)).startsWith("OfflineWriteCreated").endsWith("Synced");
        Api.Answer last = api.get("/api/v1/audit/events?writeId=" + id + "&limit=4&after="
                + all.get(all.size() - 2).get("globalIndex"), auditor);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> lastEvents = (List<Map<String, Object>>) last.json().get("events");
        assertThat(last.json().get("next")).isNull();
        assertThat(types(lastEvents)).containsExactly("Synced");
    }

    @Test
    void eventsAreFoundByUserDeviceResourceTypeAndTime() {
        String device = "pc-" + UUID.randomUUID();
        String token = login(Users.ASHA, device);
        String auditor = api.login(Users.KIRAN);
        String patient = Writes.newId();
        String encounter = Writes.newId();
        goOffline();
        handOver(token, Writes.createPatient(patient, Users.ASHA_ID));
        handOver(token, Writes.createEncounter(encounter, Users.ASHA_ID, patient, patient));
        // until the views show the child blocked, the dispatcher could take it for pending and hold it back
        awaitStatus(token, encounter, "blocked");
        simulator.online();
        String realId = (String) awaitStatus(token, patient, "success").get("realId");
        awaitStatus(token, encounter, "success");

        List<String> bothWrites = List.of(patient, encounter);
        assertThat(writesIn(awaitEvents(auditor, "resource=" + patient, e -> writesIn(e).size() == 2)))
                .containsExactlyInAnyOrderElementsOf(bothWrites);
        assertThat(writesIn(awaitEvents(auditor, "resource=" + realId.toUpperCase(), e -> writesIn(e).size() == 2)))
                .containsExactlyInAnyOrderElementsOf(bothWrites);
        List<Map<String, Object>> fromDevice = events(auditor, "deviceId=" + device + "&userId=" + Users.ASHA_ID);
        assertThat(writesIn(fromDevice)).containsExactlyInAnyOrderElementsOf(bothWrites);
        assertThat(types(fromDevice)).contains("DependencyResolved", "WriteUnblocked");
        assertThat(events(auditor, "deviceId=" + device + "&userId=" + Users.RAVI_ID)).isEmpty();

        List<Map<String, Object>> synced = events(auditor, "deviceId=" + device + "&type=Synced&type=SyncAttempted");
        assertThat(types(synced)).containsOnly("Synced", "SyncAttempted").contains("Synced");

        Map<String, Object> patientSynced = first(events(auditor, "writeId=" + patient), "Synced");
        List<Map<String, Object>> fromThen = events(auditor, "deviceId=" + device + "&from=" + patientSynced.get("timestamp"));
        assertThat(fromThen).isNotEmpty().allSatisfy(e ->
                assertThat((String) e.get("timestamp")).isGreaterThanOrEqualTo((String) patientSynced.get("timestamp")));
        assertThat(types(events(auditor, "deviceId=" + device + "&to=" + patientSynced.get("timestamp"))))
                .doesNotContain("Synced").contains("OfflineWriteCreated");
    }

    @Test
    void upstreamAttemptsKeepCaresErrorsAndAPersonsActionKeepsWhoItWas() {
        String token = api.login(Users.ASHA);
        String admin = api.login(Users.KIRAN);
        String id = Writes.newId();
        handOver(token, Writes.createEncounter(id, Users.ASHA_ID, UUID.randomUUID().toString()));
        awaitStatus(token, id, "failed");

        assertThat(api.post("/api/v1/offline-writes/" + id + "/discard", admin, Map.of("reason", "patient unknown"))
                .status()).isEqualTo(200);
        List<Map<String, Object>> events = events(admin, "writeId=" + id);

        assertThat(types(events)).containsExactly("OfflineWriteCreated", "SyncAttempted", "SyncFailed", "WriteDiscarded");
        assertThat(map(map(events.get(1).get("payload")).get("request"))).containsEntry("path", "/api/v1/encounter/");
        Map<String, Object> failure = map(map(events.get(2).get("payload")).get("failure"));
        assertThat(failure).containsEntry("httpStatus", 400);
        assertThat(failure.get("errors").toString()).contains("Patient does not exist");
        Map<String, Object> discarded = events.get(3);
        assertThat(map(discarded.get("metadata"))).containsEntry("actor", Users.KIRAN_ID).containsEntry("actorRole", "admin");
        assertThat(map(discarded.get("payload"))).containsEntry("reason", "patient unknown");
        assertThat(map(map(discarded.get("payload")).get("by"))).containsEntry("userId", Users.KIRAN_ID);
    }

    private static List<String> writesIn(List<Map<String, Object>> events) {
        return events.stream().map(e -> (String) e.get("aggregateId")).distinct().toList();
    }
}
