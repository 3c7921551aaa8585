package network.ohc.caresync.api.transparent;

import network.ohc.caresync.api.support.Api;
import network.ohc.caresync.api.support.Simulator;

import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The CARE web app as it talks to its API address, pointed at care-sync's {@code /care}: CARE's paths, CARE's
 * tokens, nothing care-sync-specific.
 */
final class CareWebApp {

    private final Api api;
    private String access;
    private String refresh;

    CareWebApp(int port) {
        this.api = new Api("http://127.0.0.1:" + port + "/care");
    }

    Api.Answer login(String username) {
        Api.Answer answer = api.post("/api/v1/auth/login/", null,
                Map.of("username", username, "password", Simulator.PASSWORD));
        if (answer.status() == 200) {
            access = (String) answer.json().get("access");
            refresh = (String) answer.json().get("refresh");
        }
        return answer;
    }

    Api.Answer refresh() {
        Api.Answer answer = api.post("/api/v1/auth/token/refresh/", null, Map.of("refresh", refresh));
        if (answer.status() == 200) {
            access = (String) answer.json().get("access");
            refresh = (String) answer.json().get("refresh");
        }
        return answer;
    }

    Api.Answer get(String path) {
        return api.get(path, access);
    }

    Api.Answer post(String path, Object body) {
        return api.post(path, access, body);
    }

    Api.Answer put(String path, Object body) {
        return api.send("PUT", path, access, body);
    }

    String access() {
        return access;
    }

    /** The {@code user_id} claim of the current access token, as the web app reads it. */
    @SuppressWarnings("unchecked")
    String userIdClaim() {
        try {
            String payload = new String(Base64.getUrlDecoder().decode(access.split("\\.")[1]));
            return (String) new com.fasterxml.jackson.databind.ObjectMapper().readValue(payload, Map.class)
                    .get("user_id");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static Map<String, Object> patient(String name, String phone) {
        Map<String, Object> patient = new LinkedHashMap<>();
        patient.put("name", name);
        patient.put("gender", "female");
        patient.put("phone_number", phone);
        patient.put("geo_organization", Simulator.ORGANIZATION);
        patient.put("date_of_birth", "1990-04-12");
        patient.put("address", "4 Temple Street");
        return patient;
    }

    static Map<String, Object> encounter(String patient) {
        Map<String, Object> encounter = new LinkedHashMap<>();
        encounter.put("patient", patient);
        encounter.put("facility", Simulator.FACILITY);
        encounter.put("status", "in_progress");
        encounter.put("encounter_class", "amb");
        encounter.put("priority", "routine");
        return encounter;
    }
}
