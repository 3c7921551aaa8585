package network.ohc.caresync.api.sync;

import com.fasterxml.jackson.databind.ObjectMapper;
import network.ohc.caresync.api.support.CareSyncTest;
import network.ohc.caresync.api.support.Simulator;
import network.ohc.caresync.api.support.Users;
import network.ohc.caresync.api.support.Writes;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * CARE runs on PostgreSQL and never holds a NUL or a broken surrogate pair, but care-sync must not stop on what it is
 * sent from outside: such text in a conflict's server record, in a cached version kept as a write's base, in an
 * answer (its keys too) is stored in the views as U+FFFD, the events keep it as it came, and the views go on.
 */
class UpstreamTextTest extends CareSyncTest {

    /** JSON escapes, so the simulator holds the characters themselves (a Java string would send '?' for them). */
    private static final String NUL = "\\u0000";
    private static final String LONE_HIGH = "\\ud800";
    private static final String LONE_LOW = "\\udfff";

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Test
    @SuppressWarnings("unchecked")
    void aConflictWhoseServerRecordHoldsTextPostgresqlCannotStoreShowsAsAConflictAndLaterWritesSync() {
        String token = api.login(Users.ASHA);
        String care = simulator.careToken(Users.ASHA);
        Map<String, Object> patient = careRaw("POST", "/api/v1/patient/", care, "{\"name\": \"Nirmala\", "
                + "\"gender\": \"female\", \"phone_number\": \"" + Writes.phone() + "\", \"geo_organization\": \""
                + Simulator.ORGANIZATION + "\", \"date_of_birth\": \"1984-02-11\", \"address\": \"Hill" + NUL
                + "Road\"}");
        String patientId = (String) patient.get("id");
        String seen = (String) patient.get("modified_date");
        // read through care-sync: the version she edits is kept from her cache as the write's base
        assertThat(api.get("/api/v1/cache/getPatient?id=" + patientId, token).status()).isEqualTo(200);
        careRaw("PUT", "/api/v1/patient/" + patientId + "/", care, "{\"address\": \"Changed " + LONE_HIGH
                + " upstream\", \"permanent_address\": \"" + LONE_LOW + "\"}");
        String update = Writes.newId();

        assertThat(handOver(token, Writes.updatePatient(update, Users.ASHA_ID, patientId,
                Map.of("address", "Changed offline"), seen)).status()).isEqualTo(202);

        Map<String, Object> write = awaitStatus(token, update, "conflict");
        assertThat((Map<String, Object>) write.get("conflictData"))
                .containsEntry("address", "Changed \ufffd upstream").containsEntry("permanent_address", "\ufffd");
        assertThat((Map<String, Object>) ((Map<String, Object>) write.get("base")).get("payload"))
                .containsEntry("address", "Hill\ufffdRoad");
        Map<String, Object> detected = ((List<Map<String, Object>>) write.get("history")).stream()
                .filter(h -> "ConflictDetected".equals(h.get("type"))).findFirst().orElseThrow();
        assertThat((Map<String, Object>) detected.get("serverData"))
                .as("the event keeps CARE's text as it came").containsEntry("address", "Changed \ud800 upstream");
        assertThat(simulator.applied(update)).isZero();

        String later = Writes.newId();
        handOver(token, Writes.createPatient(later, Users.ASHA_ID));
        assertThat(awaitStatus(token, later, "success").get("realId")).isNotNull();
    }

    @Test
    @SuppressWarnings("unchecked")
    void anAnswerWithSuchTextInItsKeysAndValuesIsASuccess() {
        String token = api.login(Users.RAVI);
        String care = simulator.careToken(Users.RAVI);
        String patientId = (String) careRaw("POST", "/api/v1/patient/", care, json(
                Writes.patientPayload("Farida"))).get("id");
        Map<String, Object> encounter = new LinkedHashMap<>(Map.of("patient", patientId, "facility",
                Simulator.FACILITY, "status", "in_progress", "encounter_class", "amb", "priority", "routine"));
        String encounterId = (String) careRaw("POST", "/api/v1/encounter/", care, json(encounter))
                .get("id");
        // a datapoint CARE keeps with a key and a value no PostgreSQL could: its answers carry them
        Map<String, Object> kept = careRaw("POST", "/api/v1/patient/" + patientId + "/symptom/upsert/", care,
                "{\"datapoints\": [{\"encounter\": \"" + encounterId + "\", \"note" + NUL + "\": \"" + LONE_HIGH
                        + "\"}]}");
        String datapointId = (String) ((List<Map<String, Object>>) kept.get("results")).get(0).get("id");
        String questionnaire = Writes.newId();
        Map<String, Object> write = Writes.questionnaire(questionnaire, Users.RAVI_ID, patientId, encounterId);
        Map<String, Object> request = ((List<Map<String, Object>>) ((Map<String, Object>) write.get("payload"))
                .get("requests")).get(0);
        request.put("body", Map.of("datapoints", List.of(Map.of("id", datapointId, "encounter", encounterId,
                "clinical_status", "active"))));

        assertThat(handOver(token, write).status()).isEqualTo(202);

        Map<String, Object> synced = awaitStatus(token, questionnaire, "success");
        Map<String, Object> result = ((List<Map<String, Object>>) ((Map<String, Object>) synced.get("response"))
                .get("results")).get(0);
        Map<String, Object> datapoint = ((List<Map<String, Object>>) result.get("data")).get(0);
        assertThat(datapoint).containsEntry("note\ufffd", "\ufffd").containsEntry("clinical_status", "active");
        String later = Writes.newId();
        handOver(token, Writes.createPatient(later, Users.RAVI_ID));
        awaitStatus(token, later, "success");
    }

    private static String json(Object value) {
        try {
            return new ObjectMapper().writeValueAsString(value);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A call to the simulator with a JSON body as written (escapes and all); its answer parsed. */
    @SuppressWarnings("unchecked")
    private Map<String, Object> careRaw(String method, String path, String token, String json) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(simulator.baseUrl() + path))
                    .timeout(Duration.ofSeconds(10)).header("Authorization", "Bearer " + token)
                    .header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(json)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as("%s %s: %s", method, path, response.body()).isEqualTo(200);
            Object body = Simulator.body(response);
            return body instanceof Map<?, ?> ? (Map<String, Object>) body : Map.of("results", body);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
