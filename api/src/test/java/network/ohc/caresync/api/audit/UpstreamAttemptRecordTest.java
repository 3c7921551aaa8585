package network.ohc.caresync.api.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import network.ohc.caresync.api.support.Simulator;
import network.ohc.caresync.api.support.Users;
import network.ohc.caresync.api.support.Writes;
import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Every request care-sync made to CARE, and what came back, is in the events of the write it was made for. */
class UpstreamAttemptRecordTest extends AuditTest {

    @Test
    @SuppressWarnings("unchecked")
    void aFailureKeepsTheRequestAndCaresWholeAnswerBesidesItsErrorList() throws Exception {
        String token = api.login(Users.ASHA);
        String auditor = api.login(Users.MEENA);
        String id = Writes.newId();
        handOver(token, Writes.createEncounter(id, Users.ASHA_ID, UUID.randomUUID().toString()));
        Map<String, Object> write = awaitStatus(token, id, "failed");

        Map<String, Object> failed = map(first(events(auditor, "writeId=" + id), "SyncFailed").get("payload"));
        Map<String, Object> exchange = map(failed.get("exchange"));
        assertThat(exchange).containsEntry("method", "POST").containsEntry("path", "/api/v1/encounter/")
                .containsEntry("status", 400).containsEntry("bodyTruncated", false);
        String body = (String) exchange.get("body");
        assertThat(exchange.get("bodyBytes")).isEqualTo(body.getBytes(StandardCharsets.UTF_8).length);
        // the body as CARE sent it: the error list the failure kept came out of it
        Map<String, Object> answer = new ObjectMapper().readValue(body, Map.class);
        assertThat(answer.toString()).contains("Patient does not exist");
        assertThat(map(failed.get("failure")).get("errors").toString()).contains("Patient does not exist");
        // and a nurse's history of the write shows it too
        Map<String, Object> history = ((List<Map<String, Object>>) write.get("history")).stream()
                .filter(h -> "SyncFailed".equals(h.get("type"))).findFirst().orElseThrow();
        assertThat(map(history.get("exchange"))).containsEntry("status", 400).containsEntry("body", body);
    }

    @Test
    void aServerErrorKeepsItsBodyToo() {
        String token = api.login(Users.ASHA);
        String auditor = api.login(Users.MEENA);
        simulator.faults(Map.of("errorRate", 1.0, "errorStatus", 502,
                "faultRoutes", List.of("POST /api/v1/patient/")));
        String id = Writes.newId();
        handOver(token, Writes.createPatient(id, Users.ASHA_ID));
        awaitWrite(token, id, w -> "failed".equals(w.get("syncStatus")));
        simulator.faults(Map.of("errorRate", 0.0));

        Map<String, Object> exchange = map(map(first(events(auditor, "writeId=" + id), "SyncFailed")
                .get("payload")).get("exchange"));
        assertThat(exchange).containsEntry("method", "POST").containsEntry("path", "/api/v1/patient/")
                .containsEntry("status", 502);
        assertThat((String) exchange.get("body")).contains("Bad Gateway");
        awaitStatus(token, id, "success");
    }

    @Test
    void aConflictKeepsTheReadThatFoundIt() {
        String token = api.login(Users.ASHA);
        String auditor = api.login(Users.MEENA);
        String care = simulator.careToken(Users.ASHA);
        Map<String, Object> patient = patientInCare(care, "Checked Chitra");
        String seen = (String) patient.get("modified_date");
        simulator.care("PUT", "/api/v1/patient/" + patient.get("id") + "/", care, Map.of("address", "Changed upstream"));
        String id = Writes.newId();
        handOver(token, Writes.updatePatient(id, Users.ASHA_ID, (String) patient.get("id"),
                Map.of("address", "Changed offline"), seen));
        awaitStatus(token, id, "conflict");

        Map<String, Object> conflict = map(first(events(auditor, "writeId=" + id), "ConflictDetected").get("payload"));
        assertThat(map(conflict.get("check"))).containsEntry("method", "GET")
                .containsEntry("path", "/api/v1/patient/" + patient.get("id") + "/").containsEntry("status", 200);
        // the write itself was never sent, so there is no answer of CARE to it
        assertThat(conflict.get("answer")).isNull();
    }

    @Test
    void aSettledDoubtKeepsTheLookupThatSettledIt() {
        String token = api.login(Users.ASHA);
        String auditor = api.login(Users.MEENA);
        String id = Writes.newId();
        Map<String, Object> payload = Writes.patientPayload("Looked Up");
        simulator.faults(Map.of("dropAfterApplyRate", 1.0));
        handOver(token, Writes.createPatient(id, Users.ASHA_ID, payload));
        awaitWrite(token, id, w -> historyTypes(w).contains("OutcomeInDoubt"));
        simulator.faults(Map.of("dropAfterApplyRate", 0.0));
        awaitStatus(token, id, "success");

        Map<String, Object> reconciled = map(first(events(auditor, "writeId=" + id), "InDoubtReconciled")
                .get("payload"));
        assertThat(reconciled).containsEntry("method", "lookup").containsEntry("applied", true);
        Map<String, Object> lookup = map(reconciled.get("lookup"));
        assertThat(lookup).containsEntry("method", "GET").containsEntry("status", 200);
        assertThat((String) lookup.get("path")).startsWith("/api/v1/patient/?").contains("offset=0")
                .contains("phone_number=" + URLEncoder.encode((String) payload.get("phone_number"),
                        StandardCharsets.UTF_8));
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> patientInCare(String careToken, String name) {
        var response = simulator.care("POST", "/api/v1/patient/", careToken, Writes.patientPayload(name));
        assertThat(response.statusCode()).isEqualTo(200);
        return (Map<String, Object>) Simulator.body(response);
    }
}
