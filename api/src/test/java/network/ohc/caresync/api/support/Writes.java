package network.ohc.caresync.api.support;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/** Offline-write records as the CARE web app's offline branch makes them. */
public final class Writes {

    private Writes() {
    }

    public static String newId() {
        return "offline-" + UUID.randomUUID();
    }

    public static String phone() {
        return "+9198" + String.format("%08d", ThreadLocalRandom.current().nextInt(100_000_000));
    }

    public static Map<String, Object> patientPayload(String name) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("name", name);
        payload.put("gender", "female");
        payload.put("phone_number", phone());
        payload.put("geo_organization", Simulator.ORGANIZATION);
        payload.put("date_of_birth", "1990-04-12");
        return payload;
    }

    public static Map<String, Object> createPatient(String id, String userId, Map<String, Object> payload) {
        Map<String, Object> write = base(id, userId, "create_patient", "create", "patient");
        write.put("payload", payload);
        return write;
    }

    public static Map<String, Object> createPatient(String id, String userId) {
        return createPatient(id, userId, patientPayload("Patient " + id.substring(8, 16)));
    }

    public static Map<String, Object> createEncounter(String id, String userId, String patient, String... parents) {
        Map<String, Object> write = base(id, userId, "create_encounter", "create", "encounter");
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("patient", patient);
        payload.put("facility", Simulator.FACILITY);
        payload.put("status", "in_progress");
        payload.put("encounter_class", "amb");
        payload.put("priority", "routine");
        write.put("payload", payload);
        write.put("parentMutationIds", List.of(parents));
        return write;
    }

    public static Map<String, Object> updatePatient(String id, String userId, String patientId,
                                                    Map<String, Object> changes, String serverTimestamp) {
        Map<String, Object> write = base(id, userId, "update_patient", "update", "patient");
        write.put("pathParams", Map.of("id", patientId));
        write.put("payload", changes);
        if (serverTimestamp != null) {
            write.put("serverTimestamp", serverTimestamp);
            write.put("queryrouteKey", "getPatient");
            write.put("queryParams", Map.of("id", patientId));
        }
        return write;
    }

    /** A questionnaire: one batch request with a symptom for the encounter of the patient. */
    public static Map<String, Object> questionnaire(String id, String userId, String patient, String encounter,
                                                    String... parents) {
        Map<String, Object> write = base(id, userId, "symptom", "create", "symptom");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("datapoints", List.of(Map.of("code", Map.of("code", "25064002", "display", "Headache"),
                "clinical_status", "active", "encounter", encounter)));
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("url", "/api/v1/patient/" + patient + "/symptom/upsert/");
        request.put("method", "POST");
        request.put("body", body);
        request.put("reference_id", "symptoms");
        write.put("payload", Map.of("requests", new ArrayList<>(List.of(request))));
        write.put("parentMutationIds", List.of(parents));
        return write;
    }

    private static Map<String, Object> base(String id, String userId, String route, String type, String resourceType) {
        Map<String, Object> write = new LinkedHashMap<>();
        write.put("id", id);
        write.put("userId", userId);
        write.put("syncrouteKey", route);
        write.put("type", type);
        write.put("resourceType", resourceType);
        write.put("clientTimestamp", System.currentTimeMillis());
        return write;
    }
}
