package network.ohc.caresync.simulator.datapoint;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import network.ohc.caresync.simulator.SimulatorTestSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DatapointTest extends SimulatorTestSupport {

    private String token;
    private String patientId;
    private String encounterId;

    @BeforeEach
    void givenAnEncounter() throws Exception {
        token = login("nurse.asha");
        patientId = createPatient(token, "Symptomatic", "+919600000001").path("id").asText();
        encounterId = createEncounter(token, patientId, "in_progress").path("id").asText();
    }

    private ObjectNode symptom(String encounter, String code) {
        ObjectNode datapoint = JSON.createObjectNode().put("encounter", encounter).put("clinical_status", "active");
        datapoint.putObject("code").put("code", code).put("display", "Fever");
        return datapoint;
    }

    @Test
    void upsertStoresEachDatapoint() throws Exception {
        Reply reply = post("/api/v1/patient/" + patientId + "/symptom/upsert/", token,
                Map.of("datapoints", List.of(symptom(encounterId, "386661006"), symptom(encounterId, "25064002"))));

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body()).hasSize(2);
        assertThat(reply.body().get(0).path("id").asText()).isNotBlank();
        assertThat(reply.body().get(0).path("encounter").asText()).isEqualTo(encounterId);
        assertThat(reply.body().get(0).path("code").path("code").asText()).isEqualTo("386661006");
        assertThat(reply.body().get(0).path("created_date").asText()).isNotBlank();
        Reply list = get("/api/v1/patient/" + patientId + "/symptom/", token);
        assertThat(list.body().path("count").asInt()).isEqualTo(2);
        assertThat(recordCount("symptom")).isEqualTo(2);
    }

    @Test
    void upsertWithAnIdUpdatesThatDatapoint() throws Exception {
        String id = post("/api/v1/patient/" + patientId + "/diagnosis/upsert/", token,
                Map.of("datapoints", List.of(symptom(encounterId, "A")))).body().get(0).path("id").asText();

        Reply reply = post("/api/v1/patient/" + patientId + "/diagnosis/upsert/", token,
                Map.of("datapoints", List.of(Map.of("id", id, "clinical_status", "resolved"))));

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body().get(0).path("clinical_status").asText()).isEqualTo("resolved");
        assertThat(reply.body().get(0).path("code").path("code").asText()).isEqualTo("A");
        assertThat(recordCount("diagnosis")).isEqualTo(1);
    }

    @Test
    void anUnknownEncounterFailsTheWholeUpsert() throws Exception {
        Reply reply = post("/api/v1/patient/" + patientId + "/allergy_intolerance/upsert/", token,
                Map.of("datapoints", List.of(symptom(encounterId, "ok"),
                        symptom(UUID.randomUUID().toString(), "bad"))));

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.body().get(1).path("errors").get(0).path("type").asText()).isEqualTo("validation_error");
        assertThat(reply.body().get(1).path("errors").get(0).path("msg").asText())
                .isEqualTo("Encounter does not exist");
        assertThat(recordCount("allergy_intolerance")).isZero();
    }

    @Test
    void anUnknownPatientIs404() throws Exception {
        Reply reply = post("/api/v1/patient/" + UUID.randomUUID() + "/symptom/upsert/", token,
                Map.of("datapoints", List.of(symptom(encounterId, "x"))));

        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.body().path("errors").get(0).path("msg").asText())
                .isEqualTo("No Patient matches the given query.");
    }
}
