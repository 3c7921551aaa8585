package network.ohc.caresync.simulator.encounter;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.UUID;
import network.ohc.caresync.simulator.SimulatorTestSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class EncounterTest extends SimulatorTestSupport {

    private String token;
    private String patientId;

    @BeforeEach
    void givenAPatient() throws Exception {
        token = login("doctor.ravi");
        patientId = createPatient(token, "Encounter Patient", "+919700000001").path("id").asText();
    }

    @Test
    void createShowsPatientObjectFacilityAndStatusHistory() throws Exception {
        ObjectNode body = encounterBody(patientId, "in_progress");
        body.put("external_identifier", "OP-42");
        body.putObject("period").put("start", "2025-10-01T09:00:00Z");

        Reply reply = post("/api/v1/encounter/", token, body);

        assertThat(reply.status()).isEqualTo(200);
        JsonNode encounter = reply.body();
        assertThat(encounter.path("patient").path("id").asText()).isEqualTo(patientId);
        assertThat(encounter.path("patient").path("name").asText()).isEqualTo("Encounter Patient");
        assertThat(encounter.path("facility").path("id").asText()).isEqualTo(FACILITY);
        assertThat(encounter.path("facility").path("name").asText()).isEqualTo("Demo District Hospital");
        assertThat(encounter.path("status_history")).hasSize(1);
        assertThat(encounter.path("status_history").get(0).path("status").asText()).isEqualTo("in_progress");
        assertThat(encounter.path("period").path("start").asText()).isEqualTo("2025-10-01T09:00:00.000000Z");
        assertThat(encounter.path("external_identifier").asText()).isEqualTo("OP-42");
        assertThat(get("/api/v1/encounter/" + encounter.path("id").asText() + "/", token).body()).isEqualTo(encounter);
    }

    @Test
    void unknownPatientOrFacilityIsAValidationError() throws Exception {
        Reply noPatient = post("/api/v1/encounter/", token, encounterBody(UUID.randomUUID().toString(), "planned"));
        ObjectNode body = encounterBody(patientId, "planned");
        body.put("facility", UUID.randomUUID().toString());
        Reply noFacility = post("/api/v1/encounter/", token, body);

        assertThat(noPatient.status()).isEqualTo(400);
        assertThat(noPatient.body().path("errors").get(0).path("type").asText()).isEqualTo("validation_error");
        assertThat(noPatient.body().path("errors").get(0).path("msg").asText()).isEqualTo("Patient does not exist");
        assertThat(noFacility.status()).isEqualTo(400);
        assertThat(noFacility.body().path("errors").get(0).path("msg").asText()).isEqualTo("Facility does not exist");
    }

    @Test
    void enumsAndLengthsAreChecked() throws Exception {
        ObjectNode body = encounterBody(patientId, "walking");
        body.put("encounter_class", "xyz");
        body.remove("priority");
        body.put("external_identifier", "x".repeat(101));

        Reply reply = post("/api/v1/encounter/", token, body);

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.body().path("errors")).hasSize(4);
        assertThat(reply.body().toString()).contains("\"status\"", "\"encounter_class\"", "\"missing\"",
                "string_too_long");
    }

    @Test
    void atMostFiveActiveEncountersPerPatientInTheFacility() throws Exception {
        String first = null;
        for (int i = 0; i < 5; i++) {
            String id = createEncounter(token, patientId, "in_progress").path("id").asText();
            first = first == null ? id : first;
        }

        Reply sixth = post("/api/v1/encounter/", token, encounterBody(patientId, "planned"));
        assertThat(sixth.status()).isEqualTo(400);
        assertThat(sixth.body().path("errors").get(0).path("msg").asText())
                .isEqualTo("Patient already has maximum number of active encounters (5) in the facility");

        ObjectNode complete = JSON.createObjectNode().put("status", "completed").put("encounter_class", "amb")
                .put("priority", "routine");
        assertThat(put("/api/v1/encounter/" + first + "/", token, complete).status()).isEqualTo(200);
        assertThat(post("/api/v1/encounter/", token, encounterBody(patientId, "planned")).status()).isEqualTo(200);
        assertThat(recordCount("encounter")).isEqualTo(6);
    }

    @Test
    void updateNeedsStatusClassAndPriorityAndAppendsStatusChanges() throws Exception {
        JsonNode created = createEncounter(token, patientId, "planned");
        String id = created.path("id").asText();

        Reply incomplete = put("/api/v1/encounter/" + id + "/", token, Map.of("status", "in_progress"));
        ObjectNode body = JSON.createObjectNode().put("status", "in_progress").put("encounter_class", "amb")
                .put("priority", "urgent").put("patient", UUID.randomUUID().toString())
                .put("facility", UUID.randomUUID().toString());
        Reply updated = put("/api/v1/encounter/" + id + "/", token, body);

        assertThat(incomplete.status()).isEqualTo(400);
        assertThat(incomplete.body().path("errors")).hasSize(2);
        assertThat(updated.status()).isEqualTo(200);
        assertThat(updated.text("priority")).isEqualTo("urgent");
        assertThat(updated.body().path("patient").path("id").asText()).isEqualTo(patientId);
        assertThat(updated.body().path("facility").path("id").asText()).isEqualTo(FACILITY);
        assertThat(updated.body().path("status_history")).hasSize(2);
        assertThat(updated.body().path("status_history").get(1).path("status").asText()).isEqualTo("in_progress");
        assertThat(updated.text("modified_date")).isGreaterThan(created.path("modified_date").asText());
    }

    @Test
    void listNeedsPatientOrFacility() throws Exception {
        createEncounter(token, patientId, "planned");
        String otherPatient = createPatient(token, "Other", "+919700000002").path("id").asText();
        createEncounter(token, otherPatient, "planned");

        Reply neither = get("/api/v1/encounter/", token);
        Reply byPatient = get("/api/v1/encounter/?patient=" + patientId, token);
        Reply byFacility = get("/api/v1/encounter/?facility=" + FACILITY, token);
        Reply unknownPatient = get("/api/v1/encounter/?patient=" + UUID.randomUUID(), token);

        assertThat(neither.status()).isEqualTo(403);
        assertThat(neither.body().has("detail")).isTrue();
        assertThat(byPatient.body().path("count").asInt()).isEqualTo(1);
        assertThat(byFacility.body().path("count").asInt()).isEqualTo(2);
        assertThat(unknownPatient.status()).isEqualTo(404);
    }

    @Test
    void encounterWritesNeedWritePermission() throws Exception {
        put("/__sim/users/doctor.ravi/permissions", null, Map.of("write", false));

        Reply reply = post("/api/v1/encounter/", token, encounterBody(patientId, "planned"));

        assertThat(reply.status()).isEqualTo(403);
        assertThat(reply.text("detail")).isEqualTo("You do not have permission to create encounter");
    }
}
