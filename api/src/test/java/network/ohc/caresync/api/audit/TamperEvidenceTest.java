package network.ohc.caresync.api.audit;

import network.ohc.caresync.api.support.Api;
import network.ohc.caresync.api.support.Users;
import network.ohc.caresync.api.support.Writes;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Every event is sealed, chained over the one before it in its write; an auditor's check finds any change. */
class TamperEvidenceTest extends AuditTest {

    @Test
    void eventsAlteredInTheStoreAreReportedWhereTheyWereAltered() {
        String token = api.login(Users.ASHA);
        String auditor = api.login(Users.MEENA);
        goOffline();
        String parent = Writes.newId();
        String child = aChildBlockedThenDiscarded(token, parent);
        assertThat(verify(auditor, child)).containsEntry("checked", 3).containsEntry("breakCount", 0);

        jdbc.update("UPDATE domainevententry SET payload = convert_to(replace(convert_from(payload, 'UTF8'), ?, ?), "
                + "'UTF8') WHERE aggregateidentifier = ? AND sequencenumber = 1", parent, Writes.newId(), child);
        jdbc.update("UPDATE domainevententry SET metadata = convert_to(replace(convert_from(metadata, 'UTF8'), ?, ?), "
                + "'UTF8') WHERE aggregateidentifier = ? AND sequencenumber = 2", Users.ASHA_ID, Users.RAVI_ID, child);
        Map<String, Object> report = verify(auditor, child);
        Map<String, Object> whole = verify(auditor, null);

        List<Map<String, Object>> breaks = breaks(report);
        assertThat(breaks).extracting(b -> b.get("sequence")).containsExactly(1, 2);
        assertThat(breaks).allSatisfy(b -> {
            assertThat(b).containsEntry("aggregateId", child);
            assertThat((String) b.get("reason")).contains("altered");
        });
        assertThat(breaks.get(0).get("globalIndex")).isEqualTo(globalIndexOf(child, 1));
        assertThat(breaks(whole)).filteredOn(b -> child.equals(b.get("aggregateId"))).isEqualTo(breaks);
        assertThat(((Number) whole.get("checked")).longValue())
                .isGreaterThanOrEqualTo(jdbc.queryForObject("SELECT count(*) FROM domainevententry WHERE globalindex <= ?",
                        Long.class, globalIndexOf(child, 2)));
    }

    @Test
    void anEventRemovedFromTheMiddleOfAChainIsReported() {
        String token = api.login(Users.ASHA);
        String auditor = api.login(Users.KIRAN);
        goOffline();
        String child = aChildBlockedThenDiscarded(token, Writes.newId());

        jdbc.update("DELETE FROM domainevententry WHERE aggregateidentifier = ? AND sequencenumber = 1", child);
        List<Map<String, Object>> breaks = breaks(verify(auditor, child));

        assertThat(breaks).hasSize(1);
        assertThat(breaks.get(0)).containsEntry("aggregateId", child).containsEntry("sequence", 2)
                .containsEntry("globalIndex", globalIndexOf(child, 2));
        assertThat((String) breaks.get(0).get("reason")).contains("event 1 of this write is missing");
    }

    @Test
    void anEventWithoutASealIsABreakUnlessItWasStoredBeforeSealingBegan() {
        String auditor = api.login(Users.MEENA);
        String writeId = Writes.newId();
        jdbc.update("INSERT INTO domainevententry (aggregateidentifier, sequencenumber, type, eventidentifier, metadata, "
                + "payload, payloadrevision, payloadtype, timestamp) VALUES (?, 0, 'OfflineWrite', ?, ?, ?, '1', "
                + "'network.ohc.caresync.domain.write.WriteArchived', '2025-01-01T00:00:00.000Z')", writeId,
                UUID.randomUUID().toString(), "{}".getBytes(StandardCharsets.UTF_8),
                ("{\"writeId\":\"" + writeId + "\",\"at\":\"2025-01-01T00:00:00Z\"}").getBytes(StandardCharsets.UTF_8));

        Map<String, Object> unsealed = verify(auditor, writeId);
        Long sealedFrom = jdbc.queryForObject("SELECT sealed_from FROM audit_seal", Long.class);
        Map<String, Object> legacy;
        try {
            // as if this event had been stored by a care-sync older than tamper evidence
            jdbc.update("UPDATE audit_seal SET sealed_from = ?", globalIndexOf(writeId, 0) instanceof Number n
                    ? n.longValue() + 1 : 0);
            legacy = verify(auditor, writeId);
        } finally {
            jdbc.update("UPDATE audit_seal SET sealed_from = ?", sealedFrom);
        }

        assertThat(breaks(unsealed)).singleElement().satisfies(b ->
                assertThat((String) b.get("reason")).contains("no seal"));
        assertThat(legacy).containsEntry("unsealed", 1).containsEntry("breakCount", 0);
    }

    /** Created, blocked waiting for its parent, discarded: three events. The parent is discarded too. */
    private String aChildBlockedThenDiscarded(String token, String parent) {
        String child = Writes.newId();
        assertThat(handOver(token, Writes.createPatient(parent, Users.ASHA_ID)).status()).isEqualTo(202);
        assertThat(handOver(token, Writes.createEncounter(child, Users.ASHA_ID, parent, parent)).status()).isEqualTo(202);
        assertThat(api.post("/api/v1/offline-writes/" + child + "/discard", token, Map.of("reason", "test")).status())
                .isEqualTo(200);
        assertThat(api.post("/api/v1/offline-writes/" + parent + "/discard", token, Map.of("reason", "test")).status())
                .isEqualTo(200);
        return child;
    }

    private Map<String, Object> verify(String auditor, String writeId) {
        Api.Answer answer = api.get("/api/v1/audit/verify" + (writeId == null ? "" : "?writeId=" + writeId), auditor);
        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        return answer.json();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> breaks(Map<String, Object> report) {
        return (List<Map<String, Object>>) report.get("breaks");
    }

    private Object globalIndexOf(String writeId, int sequence) {
        Long index = jdbc.queryForObject("SELECT globalindex FROM domainevententry WHERE aggregateidentifier = ? "
                + "AND sequencenumber = ?", Long.class, writeId, sequence);
        return index != null && index <= Integer.MAX_VALUE ? (Object) index.intValue() : index;
    }
}
