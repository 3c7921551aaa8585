package network.ohc.caresync.simulator.batch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.UUID;
import network.ohc.caresync.simulator.SimulatorTestSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class BatchTest extends SimulatorTestSupport {

    private String token;
    private String patientId;
    private String encounterId;

    @BeforeEach
    void givenAnEncounter() throws Exception {
        token = login("nurse.asha");
        patientId = createPatient(token, "Batch Patient", "+919500000001").path("id").asText();
        encounterId = createEncounter(token, patientId, "in_progress").path("id").asText();
    }

    private static ObjectNode request(ArrayNode requests, String method, String url, String referenceId) {
        ObjectNode request = requests.addObject().put("url", url).put("method", method)
                .put("reference_id", referenceId);
        return request.putObject("body");
    }

    private ObjectNode symptomsRequest(ArrayNode requests, String patient, String encounter, String referenceId) {
        ObjectNode body = request(requests, "POST", "/api/v1/patient/" + patient + "/symptom/upsert/", referenceId);
        body.putArray("datapoints").addObject().put("encounter", encounter).put("clinical_status", "active");
        return body;
    }

    @Test
    void aBatchRunsEverySubRequestInOrder() throws Exception {
        ObjectNode batch = JSON.createObjectNode();
        ArrayNode requests = batch.putArray("requests");
        symptomsRequest(requests, patientId, encounterId, "symptoms");
        ObjectNode diagnosis = request(requests, "POST", "/api/v1/patient/" + patientId + "/diagnosis/upsert/",
                "diagnoses");
        diagnosis.putArray("datapoints").addObject().put("encounter", encounterId);
        request(requests, "GET", "/api/v1/patient/" + patientId + "/symptom/?limit=5", "read-back");

        Reply reply = post("/api/v1/batch_requests/", token, batch);

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body().path("results")).hasSize(3);
        assertThat(reply.body().path("results").get(0).path("reference_id").asText()).isEqualTo("symptoms");
        assertThat(reply.body().path("results").get(0).path("status_code").asInt()).isEqualTo(200);
        assertThat(reply.body().path("results").get(0).path("data").get(0).path("id").asText()).isNotBlank();
        assertThat(reply.body().path("results").get(2).path("data").path("count").asInt()).isEqualTo(1);
        assertThat(recordCount("symptom")).isEqualTo(1);
        assertThat(recordCount("diagnosis")).isEqualTo(1);
    }

    @Test
    void aFailingSecondSubRequestLeavesNothingFromTheFirst() throws Exception {
        ObjectNode batch = JSON.createObjectNode();
        ArrayNode requests = batch.putArray("requests");
        symptomsRequest(requests, patientId, encounterId, "good");
        ObjectNode patient = request(requests, "POST", "/api/v1/patient/", "new-patient");
        patient.setAll(patientBody("Batch Created", "+919500000002"));
        symptomsRequest(requests, patientId, UUID.randomUUID().toString(), "bad");
        long createdBefore = stats().path("created").path("patient").asLong();

        Reply reply = post("/api/v1/batch_requests/", token, batch);

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.body().path("results")).hasSize(3);
        assertThat(reply.body().path("results").get(0).path("status_code").asInt()).isEqualTo(200);
        assertThat(reply.body().path("results").get(1).path("status_code").asInt()).isEqualTo(200);
        assertThat(reply.body().path("results").get(2).path("status_code").asInt()).isEqualTo(400);
        assertThat(reply.body().path("results").get(2).path("reference_id").asText()).isEqualTo("bad");
        assertThat(recordCount("symptom")).isZero();
        assertThat(recordCount("patient")).isEqualTo(1);
        assertThat(stats().path("created").path("patient").asLong()).isEqualTo(createdBefore);
        assertThat(stats().path("created").has("symptom")).isFalse();
    }

    @Test
    void atMostTwentySubRequests() throws Exception {
        ObjectNode batch = JSON.createObjectNode();
        ArrayNode requests = batch.putArray("requests");
        for (int i = 0; i < 21; i++) {
            symptomsRequest(requests, patientId, encounterId, "r" + i);
        }

        Reply reply = post("/api/v1/batch_requests/", token, batch);

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.body().path("errors").get(0).path("type").asText()).isEqualTo("too_long");
        assertThat(recordCount("symptom")).isZero();
    }

    @Test
    void anUnknownUrlIsA404ResultAndFailsTheBatch() throws Exception {
        ObjectNode batch = JSON.createObjectNode();
        ArrayNode requests = batch.putArray("requests");
        symptomsRequest(requests, patientId, encounterId, "good");
        request(requests, "POST", "/api/v1/patient/offline-" + UUID.randomUUID() + "/symptom/upsert/", "temp-id");
        request(requests, "POST", "/api/v1/nowhere/", "nowhere");

        Reply reply = post("/api/v1/batch_requests/", token, batch);

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.body().path("results").get(1).path("status_code").asInt()).isEqualTo(404);
        assertThat(reply.body().path("results").get(2).path("data").path("detail").asText())
                .isEqualTo("Route not found");
        assertThat(recordCount("symptom")).isZero();
    }

    /** CARE resolves a sub-request by its decoded path and never walks out of the route it names. */
    @Test
    void subRequestUrlsWithDotSegmentsAreNotFoundAndFailTheBatch() throws Exception {
        ObjectNode batch = JSON.createObjectNode();
        ArrayNode requests = batch.putArray("requests");
        symptomsRequest(requests, patientId, encounterId, "good");
        request(requests, "POST", "/api/v1/patient/" + patientId + "/../../batch_requests/", "dots");
        request(requests, "POST", "/api/v1/patient/..%2F..%2Fbatch_requests%2F/symptom/upsert/", "encoded dots");
        request(requests, "GET", "/api/v1/patient/" + patientId + "/symptom/../", "dots at the end");

        Reply reply = post("/api/v1/batch_requests/", token, batch);

        assertThat(reply.status()).isEqualTo(400);
        JsonNode results = reply.body().path("results");
        assertThat(results).hasSize(4);
        for (int i = 1; i < 4; i++) {
            assertThat(results.get(i).path("status_code").asInt()).isEqualTo(404);
        }
        assertThat(results.get(1).path("data").path("detail").asText()).isEqualTo("Route not found");
        assertThat(results.get(2).path("data").path("detail").asText()).isEqualTo("Route not found");
        assertThat(recordCount("symptom")).isZero();
        assertThat(get("/api/v1/patient/" + patientId + "/", token).status()).isEqualTo(200);
    }

    @Test
    void requestsThatAreNotAListAre400() throws Exception {
        Reply nothing = post("/api/v1/batch_requests/", token, "{\"requests\": null}");
        Reply object = post("/api/v1/batch_requests/", token, "{\"requests\": {}}");

        assertThat(nothing.status()).isEqualTo(400);
        assertThat(nothing.body().path("errors").get(0).path("type").asText()).isEqualTo("list_type");
        assertThat(nothing.body().path("errors").get(0).path("loc").get(0).asText()).isEqualTo("requests");
        assertThat(object.status()).isEqualTo(400);
        assertThat(object.body().path("errors").get(0).path("type").asText()).isEqualTo("list_type");
    }

    @Test
    void aBatchNeedsAToken() throws Exception {
        Reply reply = post("/api/v1/batch_requests/", null, Map.of("requests", java.util.List.of()));

        assertThat(reply.status()).isEqualTo(403);
    }
}
