package network.ohc.caresync.infrastructure.schema;

import network.ohc.caresync.application.write.FieldError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shipped schemas are as strict as CARE (as the CARE simulator checks it): a payload CARE takes passes, and
 * each field CARE would refuse is named, so the nurse hears it at hand-over instead of hours later from CARE.
 */
class JsonSchemaPayloadSchemasTest {

    static final String ORGANIZATION = "c7152a21-4c1a-427a-91b2-6d517fe4cb42";
    static final String FACILITY = "cb25b96a-4ab8-4a5f-bb45-68c8e6ebf9f3";
    static final String V1_UUID = "c7152a21-4c1a-127a-91b2-6d517fe4cb42";

    final JsonSchemaPayloadSchemas schemas = new JsonSchemaPayloadSchemas();

    static Map<String, Object> patient() {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("name", "Lakshmi Menon");
        payload.put("gender", "female");
        payload.put("phone_number", "+919876543210");
        payload.put("geo_organization", ORGANIZATION);
        payload.put("date_of_birth", "1990-04-12");
        return payload;
    }

    static Map<String, Object> encounter(String patient) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("patient", patient);
        payload.put("facility", FACILITY);
        payload.put("status", "in_progress");
        payload.put("encounter_class", "amb");
        payload.put("priority", "routine");
        return payload;
    }

    @Test
    void aPatientAsTheCareWebAppMakesItPasses() {
        Map<String, Object> payload = patient();
        payload.put("emergency_phone_number", null);
        payload.put("address", "12 Temple Road");
        payload.put("pincode", 682001);
        payload.put("blood_group", "O_positive");
        payload.put("deceased_datetime", null);
        payload.put("identifiers", List.of(Map.of("config", UUID.randomUUID().toString(), "value", "AB-12")));
        payload.put("tags", List.of(UUID.randomUUID().toString()));
        payload.put("nationality", "India");

        assertThat(schemas.validate("create_patient", payload)).isEmpty();
    }

    @Test
    void everyBrokenPatientFieldIsNamed() {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("name", "x".repeat(201));
        payload.put("gender", "unknown");
        payload.put("phone_number", "98765 43210");
        payload.put("emergency_phone_number", "+91");
        payload.put("geo_organization", "offline-" + UUID.randomUUID());
        payload.put("date_of_birth", "2021-02-30");
        payload.put("pincode", "68a001");
        payload.put("blood_group", "A");
        payload.put("deceased_datetime", "yesterday");
        payload.put("identifiers", List.of(Map.of("config", "aadhaar")));
        payload.put("tags", List.of("urgent"));

        assertThat(fields(schemas.validate("create_patient", payload))).containsExactlyInAnyOrder("payload.name",
                "payload.gender", "payload.phone_number", "payload.emergency_phone_number",
                "payload.geo_organization", "payload.date_of_birth", "payload.pincode", "payload.blood_group",
                "payload.deceased_datetime", "payload.identifiers[0].config", "payload.identifiers[0].value",
                "payload.tags[0]");
    }

    /** The simulator's rule: E.164 (+, 7 to 15 digits, the first not 0) and at most 14 characters, trimmed. */
    @ParameterizedTest
    @ValueSource(strings = {"+9198765", "+919876543210", "+1234567890123", " +919876543210\t"})
    void phoneNumbersCareTakesPass(String phone) {
        Map<String, Object> payload = patient();
        payload.put("phone_number", phone);

        assertThat(schemas.validate("create_patient", payload)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"919876543210", "+091234567", "+919876", "+12345678901234", "+91 98765 43210",
            "+91-9876543210", "+९१९८७६५४३२१०", ""})
    void phoneNumbersCareRefusesAreNamed(String phone) {
        Map<String, Object> payload = patient();
        payload.put("phone_number", phone);

        List<FieldError> errors = schemas.validate("create_patient", payload);

        assertThat(fields(errors)).containsExactly("payload.phone_number");
        assertThat(errors.get(0).message()).contains("E.164");
    }

    @Test
    void aPatientNeedsADateOfBirthOrAnAgeOtherThanZero() {
        Map<String, Object> neither = patient();
        neither.remove("date_of_birth");
        Map<String, Object> zero = patient();
        zero.remove("date_of_birth");
        zero.put("age", 0);
        Map<String, Object> age = patient();
        age.remove("date_of_birth");
        age.put("age", 34);

        assertThat(schemas.validate("create_patient", neither))
                .containsExactly(new FieldError("payload", "one of date_of_birth, age is required"));
        assertThat(schemas.validate("create_patient", zero))
                .containsExactly(new FieldError("payload", "one of date_of_birth, age is required"));
        assertThat(schemas.validate("create_patient", age)).isEmpty();
    }

    @Test
    void aPatientUpdateChecksOnlyTheFieldsItCarries() {
        assertThat(schemas.validate("update_patient", Map.of("address", "New Road"))).isEmpty();
        assertThat(fields(schemas.validate("update_patient", Map.of("phone_number", "+0123", "geo_organization",
                V1_UUID)))).containsExactlyInAnyOrder("payload.phone_number", "payload.geo_organization");
        Map<String, Object> nullName = new LinkedHashMap<>();
        nullName.put("name", null);
        assertThat(fields(schemas.validate("update_patient", nullName))).containsExactly("payload.name");
    }

    @Test
    void anEncounterMayNameAPatientCreatedOfflineButNeverAFacility() {
        String offlinePatient = "offline-" + UUID.randomUUID();

        assertThat(schemas.validate("create_encounter", encounter(offlinePatient))).isEmpty();
        assertThat(schemas.validate("create_encounter", encounter(UUID.randomUUID().toString()))).isEmpty();
        Map<String, Object> offlineFacility = encounter(offlinePatient);
        offlineFacility.put("facility", "offline-" + UUID.randomUUID());
        assertThat(fields(schemas.validate("create_encounter", offlineFacility))).containsExactly("payload.facility");
    }

    @Test
    void everyBrokenEncounterFieldIsNamed() {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("patient", "p-1");
        payload.put("facility", V1_UUID);
        payload.put("status", "open");
        payload.put("encounter_class", "AMB");
        payload.put("priority", "high");
        payload.put("period", Map.of("start", "1 Jan", "end", "2025-01-01T10:00:00+05:30"));
        payload.put("hospitalization", Map.of("re_admission", "yes"));
        payload.put("external_identifier", "x".repeat(101));

        List<FieldError> errors = schemas.validate("create_encounter", payload);

        assertThat(fields(errors)).containsExactlyInAnyOrder("payload.patient", "payload.facility",
                "payload.status", "payload.encounter_class", "payload.priority", "payload.period.start",
                "payload.hospitalization.re_admission", "payload.external_identifier");
        assertThat(errors).filteredOn(e -> e.field().equals("payload.patient")).first()
                .extracting(FieldError::message).asString().contains("offline-<uuid>");
    }

    @Test
    void encounterUpdatesNeedStatusClassAndPriorityAndCompletingMeansCompleted() {
        Map<String, Object> update = encounter(null);
        update.remove("patient");
        update.remove("facility");
        Map<String, Object> complete = new LinkedHashMap<>(update);
        complete.put("status", "completed");

        assertThat(schemas.validate("update_encounter", update)).isEmpty();
        assertThat(fields(schemas.validate("update_encounter", Map.of("status", "planned"))))
                .containsExactlyInAnyOrder("payload.encounter_class", "payload.priority");
        assertThat(schemas.validate("mark_encounter_as_complete", complete)).isEmpty();
        assertThat(fields(schemas.validate("mark_encounter_as_complete", update))).containsExactly("payload.status");
    }

    @Test
    void assigningAUserToAPatientNeedsTheUserAndTheirRole() {
        String user = UUID.randomUUID().toString();
        String role = UUID.randomUUID().toString();

        assertThat(schemas.exists("assign_user_to_patient")).isTrue();
        assertThat(schemas.validate("assign_user_to_patient", Map.of("user", user, "role", role))).isEmpty();
        assertThat(schemas.validate("assign_user_to_patient", Map.of("user", user)))
                .containsExactly(new FieldError("payload.role", "required"));
        assertThat(fields(schemas.validate("assign_user_to_patient", Map.of("user", "nurse.asha", "role", V1_UUID))))
                .containsExactlyInAnyOrder("payload.user", "payload.role");
    }

    @Test
    void aBatchHoldsOneToTwentyRequestsEachWithUrlMethodAndReference() {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("url", "/api/v1/patient/offline-" + UUID.randomUUID() + "/symptom/upsert/");
        request.put("method", "POST");
        request.put("body", Map.of("datapoints", List.of()));
        request.put("reference_id", "symptom-1");
        List<Object> tooMany = new ArrayList<>();
        for (int i = 0; i < 21; i++) {
            tooMany.add(request);
        }

        assertThat(schemas.validate("batch_request", Map.of("requests", List.of(request)))).isEmpty();
        assertThat(fields(schemas.validate("batch_request", Map.of("requests", List.of())))).containsExactly(
                "payload.requests");
        assertThat(fields(schemas.validate("batch_request", Map.of("requests", tooMany)))).containsExactly(
                "payload.requests");
        assertThat(fields(schemas.validate("batch_request", Map.of("requests", List.of(Map.of("url", "https://x",
                "method", "TRACE")))))).containsExactlyInAnyOrder("payload.requests[0].url",
                "payload.requests[0].method", "payload.requests[0].reference_id");
    }

    private static List<String> fields(List<FieldError> errors) {
        return errors.stream().map(FieldError::field).toList();
    }
}
