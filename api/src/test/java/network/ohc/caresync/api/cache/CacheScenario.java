package network.ohc.caresync.api.cache;

import network.ohc.caresync.api.support.Api;
import network.ohc.caresync.api.support.CareSyncTest;
import network.ohc.caresync.api.support.Simulator;
import network.ohc.caresync.api.support.Writes;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Helpers of the query cache tests: records made in CARE directly, and reads through the cache. */
abstract class CacheScenario extends CareSyncTest {

    @SuppressWarnings("unchecked")
    protected Map<String, Object> patientInCare(String careToken, String name) {
        Map<String, Object> payload = Writes.patientPayload(name);
        payload.put("address", "1 Old Street");
        var response = simulator.care("POST", "/api/v1/patient/", careToken, payload);
        assertThat(response.statusCode()).isEqualTo(200);
        return (Map<String, Object>) Simulator.body(response);
    }

    @SuppressWarnings("unchecked")
    protected Map<String, Object> changeInCare(String careToken, Object patientId, Map<String, Object> changes) {
        var response = simulator.care("PUT", "/api/v1/patient/" + patientId + "/", careToken, changes);
        assertThat(response.statusCode()).isEqualTo(200);
        return (Map<String, Object>) Simulator.body(response);
    }

    protected Api.Answer read(String token, String routeKey, String query) {
        return api.get("/api/v1/cache/" + routeKey + (query == null ? "" : "?" + query), token);
    }

    protected Api.Answer patient(String token, Object id) {
        return read(token, "getPatient", "id=" + id);
    }

    protected int entriesOf(String userId) {
        Integer n = jdbc.queryForObject("SELECT count(*) FROM query_cache_entry WHERE user_id = ?", Integer.class,
                userId);
        return n == null ? 0 : n;
    }
}
