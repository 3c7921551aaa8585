package network.ohc.caresync.reliability.support;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Writes as nurses make them offline, in families: a new patient, an encounter for them, an edit of the patient
 * while still unsynced, and a questionnaire in the encounter (a batch request). Every child names its parents and
 * uses their temporary ids. Names and addresses carry a marker so that a log check can prove no payload was logged.
 */
public final class Workload {

    /** Planted in every patient's name and address; must never appear in a care-sync log. */
    public static final String MARKER = "Qzxmarker";
    private static final AtomicLong PHONES = new AtomicLong(System.nanoTime() % 1_000_000L * 1000);

    private Workload() {
    }

    public static String newId() {
        return "offline-" + UUID.randomUUID();
    }

    /** A phone number no other write of the suite uses, so that in-doubt lookups match only their own patient. */
    public static String uniquePhone() {
        return "+91" + String.format("%010d", 6_000_000_000L + PHONES.incrementAndGet() % 3_999_999_999L);
    }

    public static Map<String, Object> createPatient(String id, String userId, String label) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("name", MARKER + " " + label);
        payload.put("gender", "female");
        payload.put("phone_number", uniquePhone());
        payload.put("geo_organization", Simulator.ORGANIZATION);
        payload.put("date_of_birth", "1990-04-12");
        payload.put("address", "12 " + MARKER + " Street, " + label);
        Map<String, Object> write = base(id, userId, "create_patient", "create", "patient");
        write.put("payload", payload);
        return write;
    }

    public static Map<String, Object> createEncounter(String id, String userId, String patient) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("patient", patient);
        payload.put("facility", Simulator.FACILITY);
        payload.put("status", "in_progress");
        payload.put("encounter_class", "amb");
        payload.put("priority", "routine");
        Map<String, Object> write = base(id, userId, "create_encounter", "create", "encounter");
        write.put("payload", payload);
        write.put("parentMutationIds", List.of(patient));
        return write;
    }

    public static Map<String, Object> updatePatient(String id, String userId, String patient, String label) {
        Map<String, Object> write = base(id, userId, "update_patient", "update", "patient");
        write.put("pathParams", Map.of("id", patient));
        write.put("payload", Map.of("address", "34 " + MARKER + " Lane, " + label));
        write.put("parentMutationIds", List.of(patient));
        return write;
    }

    public static Map<String, Object> questionnaire(String id, String userId, String patient, String encounter) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("datapoints", List.of(Map.of("code", Map.of("code", "25064002", "display", "Headache"),
                "clinical_status", "active", "encounter", encounter)));
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("url", "/api/v1/patient/" + patient + "/symptom/upsert/");
        request.put("method", "POST");
        request.put("body", body);
        request.put("reference_id", "symptoms");
        Map<String, Object> write = base(id, userId, "symptom", "create", "symptom");
        write.put("payload", Map.of("requests", List.of(request)));
        write.put("parentMutationIds", List.of(patient, encounter));
        return write;
    }

    /** About {@code count} writes in families of four, spread over the sessions, in device order per user. */
    public static Map<Api.Session, List<Map<String, Object>>> families(List<Api.Session> sessions, int count,
                                                                       String label, Random random) {
        Map<Api.Session, List<Map<String, Object>>> byUser = new LinkedHashMap<>();
        sessions.forEach(s -> byUser.put(s, new ArrayList<>()));
        int families = Math.max(1, count / 4);
        for (int f = 0; f < families; f++) {
            Api.Session s = sessions.get(f % sessions.size());
            String p = newId();
            String e = newId();
            String u = newId();
            String q = newId();
            String name = label + " " + f;
            List<Map<String, Object>> writes = byUser.get(s);
            writes.add(createPatient(p, s.userId(), name));
            writes.add(createEncounter(e, s.userId(), p));
            writes.add(updatePatient(u, s.userId(), p, name));
            writes.add(questionnaire(q, s.userId(), p, e));
        }
        return byUser;
    }

    /** The same writes in a shuffled order (a batch may list children before parents). */
    public static List<Map<String, Object>> shuffled(List<Map<String, Object>> writes, Random random) {
        List<Map<String, Object>> copy = new ArrayList<>(writes);
        Collections.shuffle(copy, random);
        return copy;
    }

    private static Map<String, Object> base(String id, String userId, String route, String type, String resource) {
        Map<String, Object> write = new LinkedHashMap<>();
        write.put("id", id);
        write.put("userId", userId);
        write.put("syncrouteKey", route);
        write.put("type", type);
        write.put("resourceType", resource);
        write.put("clientTimestamp", System.currentTimeMillis());
        return write;
    }
}
