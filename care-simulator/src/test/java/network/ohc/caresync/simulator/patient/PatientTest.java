package network.ohc.caresync.simulator.patient;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import network.ohc.caresync.simulator.SimulatorTestSupport;
import network.ohc.caresync.simulator.user.DemoUsers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PatientTest extends SimulatorTestSupport {

    private String token;

    @BeforeEach
    void signIn() throws Exception {
        token = login("nurse.asha");
    }

    @Test
    void createAnswers200WithTheFullRecordAndIgnoresTheClientId() throws Exception {
        ObjectNode body = patientBody("Lakshmi Menon", "+919876543210");
        String clientId = UUID.randomUUID().toString();
        body.put("id", clientId);
        body.put("blood_group", "O_positive");

        Reply reply = post("/api/v1/patient/", token, body);

        assertThat(reply.status()).isEqualTo(200);
        JsonNode patient = reply.body();
        assertThat(patient.path("id").asText()).isNotEqualTo(clientId);
        assertThat(UUID.fromString(patient.path("id").asText()).version()).isEqualTo(4);
        assertThat(patient.path("name").asText()).isEqualTo("Lakshmi Menon");
        assertThat(patient.path("year_of_birth").asInt()).isEqualTo(1990);
        assertThat(patient.path("blood_group").asText()).isEqualTo("O_positive");
        assertThat(patient.path("geo_organization").path("id").asText()).isEqualTo(ORGANIZATION);
        assertThat(patient.path("created_by").path("id").asText()).isEqualTo(DemoUsers.NURSE_ASHA.id().toString());
        assertThat(patient.path("created_by").path("username").asText()).isEqualTo("nurse.asha");
        assertThat(patient.path("created_date").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{6}Z");
        assertThat(patient.path("modified_date").asText()).isEqualTo(patient.path("created_date").asText());
        assertThat(get("/api/v1/patient/" + patient.path("id").asText() + "/", token).body()).isEqualTo(patient);
    }

    @Test
    void repeatingACreateMakesADuplicate() throws Exception {
        ObjectNode body = patientBody("Same Person", "+919800000001");
        body.put("id", UUID.randomUUID().toString());

        String first = post("/api/v1/patient/", token, body).text("id");
        String second = post("/api/v1/patient/", token, body).text("id");

        assertThat(first).isNotEqualTo(second);
        assertThat(recordCount("patient")).isEqualTo(2);
    }

    @Test
    void ageSetsTheYearOfBirth() throws Exception {
        ObjectNode body = patientBody("By Age", "+919800000002");
        body.remove("date_of_birth");
        body.put("age", 30);

        JsonNode patient = post("/api/v1/patient/", token, body).body();

        assertThat(patient.path("year_of_birth").asInt()).isEqualTo(java.time.Year.now().getValue() - 30);
        assertThat(patient.path("date_of_birth").isNull()).isTrue();
    }

    @Test
    void everyMissingFieldIsListed() throws Exception {
        Reply reply = post("/api/v1/patient/", token, Map.of("name", "Only Name"));

        assertThat(reply.status()).isEqualTo(400);
        assertThat(errorsByField(reply)).containsEntry("gender", "missing")
                .containsEntry("phone_number", "missing").containsEntry("geo_organization", "missing");
        assertThat(reply.body().path("errors").get(0).path("msg").asText()).isEqualTo("Field required");
    }

    @Test
    void badValuesGetPydanticErrorTypes() throws Exception {
        ObjectNode body = patientBody("x".repeat(201), "98765");
        body.put("gender", "robot");
        body.put("blood_group", "Z_positive");
        body.put("geo_organization", "not-a-uuid");

        Reply reply = post("/api/v1/patient/", token, body);

        assertThat(reply.status()).isEqualTo(400);
        assertThat(errorsByField(reply))
                .containsEntry("name", "string_too_long")
                .containsEntry("gender", "enum")
                .containsEntry("phone_number", "value_error")
                .containsEntry("blood_group", "enum")
                .containsEntry("geo_organization", "uuid_parsing");
        assertThat(recordCount("patient")).isZero();
    }

    @Test
    void unknownGeoOrganizationIsRefused() throws Exception {
        ObjectNode body = patientBody("Lost", "+919800000003");
        body.put("geo_organization", UUID.randomUUID().toString());

        Reply reply = post("/api/v1/patient/", token, body);

        assertThat(reply.status()).isEqualTo(400);
        JsonNode error = reply.body().path("errors").get(0);
        assertThat(error.path("loc").get(0).asText()).isEqualTo("geo_organization");
        assertThat(error.path("msg").asText()).contains("Organization does not exist");
    }

    @Test
    void ageOrDateOfBirthIsRequired() throws Exception {
        ObjectNode body = patientBody("Ageless", "+919800000004");
        body.remove("date_of_birth");

        Reply reply = post("/api/v1/patient/", token, body);

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.body().path("errors").get(0).path("msg").asText())
                .contains("Either age or date of birth is required");
    }

    /** JSON reads 1e999999999 as infinity, as Python does; pydantic refuses it for a whole-number field. */
    @Test
    void hugeNumbersInWholeNumberFieldsAre400AndTheSimulatorKeepsAnswering() throws Exception {
        String huge = "{\"name\": \"Huge\", \"gender\": \"female\", \"phone_number\": \"+919800000009\", "
                + "\"geo_organization\": \"" + ORGANIZATION + "\", \"age\": 1e999999999, \"pincode\": -1e999999999}";
        String beyondLong = "{\"name\": \"Huge\", \"gender\": \"female\", \"phone_number\": \"+919800000009\", "
                + "\"geo_organization\": \"" + ORGANIZATION + "\", \"age\": 1e300, \"pincode\": " + "9".repeat(200) + "}";
        String elsewhere = JSON.writeValueAsString(patientBody("Huge Elsewhere", "+919800000008"))
                .replaceFirst("}$", ", \"clientTimestamp\": 1e999999999}");

        Reply infinite = post("/api/v1/patient/", token, huge);
        Reply tooLarge = post("/api/v1/patient/", token, beyondLong);
        Reply ignored = post("/api/v1/patient/", token, elsewhere);

        assertThat(infinite.status()).isEqualTo(400);
        assertThat(errorsByField(infinite)).containsEntry("age", "finite_number").containsEntry("pincode", "finite_number");
        assertThat(tooLarge.status()).isEqualTo(400);
        assertThat(errorsByField(tooLarge)).containsEntry("age", "int_parsing_size")
                .containsEntry("pincode", "int_parsing_size");
        assertThat(ignored.status()).isEqualTo(200);
        assertThat(recordCount("patient")).isEqualTo(1);
    }

    @Test
    void malformedJsonAndNonObjectBodiesAre400InCareShape() throws Exception {
        Reply malformed = post("/api/v1/patient/", token, "{\"name\": ");
        Reply array = post("/api/v1/patient/", token, "[1, 2]");

        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.body().path("errors").get(0).path("type").asText()).isEqualTo("json_invalid");
        assertThat(array.status()).isEqualTo(400);
        assertThat(array.body().path("errors").get(0).path("type").asText()).isEqualTo("model_type");
    }

    @Test
    void putIsPartialKeepsOtherFieldsAndMovesModifiedDate() throws Exception {
        ObjectNode body = patientBody("Before", "+919800000005");
        body.put("address", "12 Beach Road");
        JsonNode created = post("/api/v1/patient/", token, body).body();
        String id = created.path("id").asText();
        String otherToken = login("doctor.ravi");

        Reply updated = put("/api/v1/patient/" + id + "/", otherToken,
                Map.of("name", "After", "id", UUID.randomUUID().toString()));
        Reply again = put("/api/v1/patient/" + id + "/", otherToken, Map.of("name", "After"));

        assertThat(updated.status()).isEqualTo(200);
        assertThat(updated.text("id")).isEqualTo(id);
        assertThat(updated.text("name")).isEqualTo("After");
        assertThat(updated.text("address")).isEqualTo("12 Beach Road");
        assertThat(updated.text("phone_number")).isEqualTo("+919800000005");
        assertThat(updated.text("created_date")).isEqualTo(created.path("created_date").asText());
        assertThat(updated.text("modified_date")).isGreaterThan(created.path("modified_date").asText());
        assertThat(again.text("modified_date")).isGreaterThan(updated.text("modified_date"));
        assertThat(updated.body().path("updated_by").path("username").asText()).isEqualTo("doctor.ravi");
        assertThat(updated.body().path("created_by").path("username").asText()).isEqualTo("nurse.asha");
        assertThat(get("/api/v1/patient/" + id + "/", token).text("name")).isEqualTo("After");
    }

    @Test
    void putValidatesTheFieldsItCarries() throws Exception {
        String id = createPatient(token, "Valid", "+919800000006").path("id").asText();

        Reply reply = put("/api/v1/patient/" + id + "/", token, Map.of("gender", "unknown", "phone_number", "12"));

        assertThat(reply.status()).isEqualTo(400);
        assertThat(errorsByField(reply)).containsEntry("gender", "enum").containsEntry("phone_number", "value_error");
        assertThat(get("/api/v1/patient/" + id + "/", token).text("gender")).isEqualTo("female");
    }

    @Test
    void unknownOrMalformedIdsAre404() throws Exception {
        for (String id : new String[] {UUID.randomUUID().toString(), "offline-123"}) {
            Reply reply = get("/api/v1/patient/" + id + "/", token);
            assertThat(reply.status()).isEqualTo(404);
            assertThat(reply.body().path("errors").get(0).path("type").asText()).isEqualTo("object_not_found");
            assertThat(reply.body().path("errors").get(0).path("msg").asText())
                    .isEqualTo("No Patient matches the given query.");
        }
        assertThat(put("/api/v1/patient/" + UUID.randomUUID() + "/", token, Map.of("name", "x")).status())
                .isEqualTo(404);
    }

    @Test
    void listsPageNewestFirstWithCount() throws Exception {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            ids.add(createPatient(token, "Patient " + i, "+9198000001" + String.format("%02d", i)).path("id").asText());
        }

        JsonNode firstPage = get("/api/v1/patient/", token).body();
        JsonNode secondPage = get("/api/v1/patient/?limit=5&offset=14", token).body();
        JsonNode huge = get("/api/v1/patient/?limit=5000", token).body();

        assertThat(firstPage.path("count").asInt()).isEqualTo(20);
        assertThat(firstPage.path("results")).hasSize(14);
        assertThat(firstPage.has("next")).isFalse();
        assertThat(firstPage.path("results").get(0).path("id").asText()).isEqualTo(ids.get(19));
        assertThat(secondPage.path("results")).hasSize(5);
        assertThat(secondPage.path("results").get(0).path("id").asText()).isEqualTo(ids.get(5));
        assertThat(huge.path("results")).hasSize(20);
    }

    @Test
    void listFiltersByNameContainsAndPhoneExact() throws Exception {
        createPatient(token, "Arjun Das", "+919811111111");
        createPatient(token, "Priya Das", "+919822222222");
        createPatient(token, "Meera Nair", "+919811111111");

        JsonNode byName = get("/api/v1/patient/?name=das", token).body();
        JsonNode byPhone = get("/api/v1/patient/?phone_number=%2B919811111111", token).body();
        JsonNode both = get("/api/v1/patient/?phone_number=%2B919811111111&name=ARJUN", token).body();
        JsonNode partialPhone = get("/api/v1/patient/?phone_number=%2B91981111", token).body();

        assertThat(byName.path("count").asInt()).isEqualTo(2);
        assertThat(byPhone.path("count").asInt()).isEqualTo(2);
        assertThat(both.path("count").asInt()).isEqualTo(1);
        assertThat(both.path("results").get(0).path("name").asText()).isEqualTo("Arjun Das");
        assertThat(partialPhone.path("count").asInt()).isZero();
    }

    @Test
    void aUserWithoutWritePermissionIsRefused() throws Exception {
        String id = createPatient(token, "Guarded", "+919800000007").path("id").asText();
        assertThat(put("/__sim/users/nurse.asha/permissions", null, Map.of("write", false)).status()).isEqualTo(200);

        Reply create = post("/api/v1/patient/", token, patientBody("Refused", "+919800000008"));
        Reply update = put("/api/v1/patient/" + id + "/", token, Map.of("name", "Changed"));

        assertThat(create.status()).isEqualTo(403);
        assertThat(create.text("detail")).isEqualTo("Cannot Create Patient");
        assertThat(update.status()).isEqualTo(403);
        assertThat(update.text("detail")).isEqualTo("Cannot Update Patient");
        assertThat(recordCount("patient")).isEqualTo(1);
        assertThat(post("/api/v1/patient/", login("doctor.ravi"), patientBody("Other user", "+919800000009"))
                .status()).isEqualTo(200);
    }

    @Test
    void addUserLinksAUserOnce() throws Exception {
        String id = createPatient(token, "Linked", "+919800000010").path("id").asText();
        Map<String, String> body = Map.of("user", DemoUsers.DOCTOR_RAVI.id().toString(),
                "role", UUID.randomUUID().toString());

        Reply added = post("/api/v1/patient/" + id + "/add_user/", token, body);
        Reply repeated = post("/api/v1/patient/" + id + "/add_user/", token, body);

        assertThat(added.status()).isEqualTo(200);
        assertThat(added.text("username")).isEqualTo("doctor.ravi");
        assertThat(repeated.status()).isEqualTo(400);
        assertThat(get("/api/v1/patient/" + id + "/get_users/", token).body().path("results")).hasSize(1);
    }

    private static Map<String, String> errorsByField(Reply reply) {
        Map<String, String> byField = new java.util.HashMap<>();
        reply.body().path("errors").forEach(error ->
                byField.put(error.path("loc").get(0).asText(), error.path("type").asText()));
        return byField;
    }
}
