package network.ohc.caresync.api.cache;

import network.ohc.caresync.api.support.Api;
import network.ohc.caresync.api.support.CareSyncTest;
import network.ohc.caresync.api.support.Users;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class PersistedClientTest extends CareSyncTest {

    static final Map<String, Object> PATIENT_QUERY = Map.of("queryKey", List.of("patient", "p-1"),
            "queryHash", "[\"patient\",\"p-1\"]", "meta", Map.of("persist", true),
            "state", Map.of("data", Map.of("id", "p-1", "name", "Kept Kamala"), "status", "success",
                    "dataUpdatedAt", 1_700_000_000_000L));
    static final Map<String, Object> NOT_MARKED = Map.of("queryKey", List.of("facility"),
            "queryHash", "[\"facility\"]", "meta", Map.of("persist", false), "state", Map.of("data", List.of()));
    static final Map<String, Object> NO_META = Map.of("queryKey", List.of("user"), "queryHash", "[\"user\"]",
            "state", Map.of("data", Map.of()));

    static Map<String, Object> client(String buster) {
        return Map.of("buster", buster, "timestamp", 1_700_000_000_000L, "clientState", Map.of(
                "queries", List.of(PATIENT_QUERY, NOT_MARKED, NO_META),
                "mutations", List.of(Map.of("mutationKey", List.of("create_patient"), "state", Map.of()))));
    }

    @Test
    @SuppressWarnings("unchecked")
    void aClientRoundTripsWithOnlyTheQueriesMarkedPersist() {
        String token = api.login(Users.ASHA);

        Api.Answer stored = api.send("PUT", "/api/v1/persisted-client", token, client("v1"));
        assertThat(stored.status()).isEqualTo(200);
        assertThat(stored.json()).containsEntry("queriesKept", 1);

        Api.Answer restored = api.get("/api/v1/persisted-client?buster=v1&maxAge=86400000", token);
        assertThat(restored.status()).isEqualTo(200);
        assertThat(restored.json()).containsEntry("buster", "v1").containsEntry("timestamp", 1_700_000_000_000L);
        Map<String, Object> state = (Map<String, Object>) restored.json().get("clientState");
        assertThat(state).containsEntry("queries", List.of(PATIENT_QUERY)).containsEntry("mutations", List.of());

        assertThat(api.get("/api/v1/persisted-client", api.login(Users.RAVI)).status()).isEqualTo(404);
        assertThat(api.delete("/api/v1/persisted-client", token).status()).isEqualTo(204);
        assertThat(api.get("/api/v1/persisted-client", token).status()).isEqualTo(404);
    }

    @Test
    void aClientWithAnotherBusterIsRemovedInsteadOfRestored() {
        String token = api.login(Users.ASHA);
        api.send("PUT", "/api/v1/persisted-client", token, client("v1"));

        Api.Answer busted = api.get("/api/v1/persisted-client?buster=v2", token);

        assertThat(busted.status()).isEqualTo(404);
        assertThat((String) busted.json().get("detail")).contains("buster");
        assertThat(api.get("/api/v1/persisted-client", token).status()).isEqualTo(404);
    }

    @Test
    void aClientOlderThanMaxAgeIsRemovedInsteadOfRestored() {
        String token = api.login(Users.ASHA);
        api.send("PUT", "/api/v1/persisted-client", token, client(""));
        jdbc.update("UPDATE persisted_client SET stored_at = now() - interval '2 hours' WHERE user_id = ?",
                Users.ASHA_ID);

        assertThat(api.get("/api/v1/persisted-client?buster=&maxAge=10800000", token).status()).isEqualTo(200);
        Api.Answer expired = api.get("/api/v1/persisted-client?buster=&maxAge=3600000", token);

        assertThat(expired.status()).isEqualTo(404);
        assertThat((String) expired.json().get("detail")).contains("maxAge");
        assertThat(api.get("/api/v1/persisted-client", token).status()).isEqualTo(404);
    }

    @Test
    void aBadClientIsRefusedNamingTheField() {
        String token = api.login(Users.ASHA);

        Api.Answer noTimestamp = api.send("PUT", "/api/v1/persisted-client", token,
                Map.of("buster", "", "clientState", Map.of("queries", List.of())));
        assertThat(noTimestamp.status()).isEqualTo(400);
        assertThat(noTimestamp.json().get("errors").toString()).contains("field=timestamp");

        Api.Answer badQuery = api.send("PUT", "/api/v1/persisted-client", token,
                Map.of("timestamp", 1, "clientState", Map.of("queries", List.of("not a query"))));
        assertThat(badQuery.status()).isEqualTo(400);
        assertThat(badQuery.json().get("errors").toString()).contains("field=clientState.queries[0]");

        Api.Answer badMaxAge = api.get("/api/v1/persisted-client?maxAge=soon", token);
        assertThat(badMaxAge.status()).isEqualTo(400);
        assertThat(badMaxAge.json().get("errors").toString()).contains("field=maxAge");
    }
}
