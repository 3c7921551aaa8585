package network.ohc.caresync.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Offline writes as the CARE web app's offline branch makes them: patient creates, encounters that are children
 * of those creates (the patient's temporary id in the payload), and patient updates with a conflict check.
 * Phone numbers are unique in a run, so that an in-doubt create is found again without ambiguity.
 */
final class Writes {

    private static final AtomicLong PHONES = new AtomicLong();

    private Writes() {
    }

    static String newId() {
        return "offline-" + UUID.randomUUID();
    }

    static Map<String, Object> patientPayload(String name) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("name", name);
        payload.put("gender", "female");
        payload.put("phone_number", "+9170" + String.format("%08d", PHONES.incrementAndGet()));
        payload.put("geo_organization", Simulator.ORGANIZATION);
        payload.put("date_of_birth", "1990-04-12");
        payload.put("address", "12 Temple Road, Kochi");
        return payload;
    }

    static Map<String, Object> createPatient(String id, String userId) {
        Map<String, Object> write = base(id, userId, "create_patient", "create", "patient");
        write.put("payload", patientPayload("Patient " + id.substring(8, 16)));
        return write;
    }

    static Map<String, Object> createEncounter(String id, String userId, String patientWriteId) {
        Map<String, Object> write = base(id, userId, "create_encounter", "create", "encounter");
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("patient", patientWriteId);
        payload.put("facility", Simulator.FACILITY);
        payload.put("status", "in_progress");
        payload.put("encounter_class", "amb");
        payload.put("priority", "routine");
        write.put("payload", payload);
        write.put("parentMutationIds", List.of(patientWriteId));
        return write;
    }

    /** An update of a patient CARE already has, checked against the modified_date the device saw. */
    static Map<String, Object> updatePatient(String id, String userId, String patientId, String modifiedDate) {
        Map<String, Object> write = base(id, userId, "update_patient", "update", "patient");
        write.put("pathParams", Map.of("id", patientId));
        write.put("payload", Map.of("address", "Ward " + id.substring(8, 12) + ", Kochi"));
        write.put("serverTimestamp", modifiedDate);
        write.put("queryrouteKey", "getPatient");
        write.put("queryParams", Map.of("id", patientId));
        return write;
    }

    /**
     * A device's writes in the scenario mix: 40% patient creates, 30% encounters (each the child of one of those
     * creates), 30% updates of patients CARE already has ({@code existing}: id and modified_date, used in turn).
     */
    static List<Map<String, Object>> mix(String userId, int count, List<String[]> existing) {
        int creates = Math.round(count * 0.4f);
        int encounters = Math.min(creates, Math.round(count * 0.3f));
        int updates = count - creates - encounters;
        List<Map<String, Object>> writes = new ArrayList<>(count);
        List<String> patients = new ArrayList<>(creates);
        for (int i = 0; i < creates; i++) {
            String id = newId();
            patients.add(id);
            writes.add(createPatient(id, userId));
        }
        for (int i = 0; i < encounters; i++) {
            writes.add(createEncounter(newId(), userId, patients.get(i)));
        }
        for (int i = 0; i < updates; i++) {
            String[] patient = existing.get(i % existing.size());
            writes.add(updatePatient(newId(), userId, patient[0], patient[1]));
        }
        return writes;
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
