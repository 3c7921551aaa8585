package network.ohc.caresync.simulator.control;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import network.ohc.caresync.simulator.SimulatorTestSupport;
import org.junit.jupiter.api.Test;

class ControlsTest extends SimulatorTestSupport {

    @Test
    void faultsStartAtDefaultsAndPutReplacesOnlyTheGivenFields() throws Exception {
        JsonNode defaults = get("/__sim/faults", null).body();
        assertThat(defaults.path("errorStatus").asInt()).isEqualTo(503);
        assertThat(defaults.path("offline").asBoolean()).isFalse();
        assertThat(defaults.path("idempotencyKeys").asBoolean()).isFalse();

        faults("{\"latencyMs\": 20}");
        JsonNode updated = faults("{\"errorStatus\": 429}").body();

        assertThat(updated.path("latencyMs").asInt()).isEqualTo(20);
        assertThat(updated.path("errorStatus").asInt()).isEqualTo(429);
    }

    @Test
    void unknownFieldsAndBadValuesAreRefusedAndChangeNothing() throws Exception {
        assertThat(put("/__sim/faults", null, "{\"latencyMs\": 5, \"chaos\": true}").status()).isEqualTo(400);
        assertThat(put("/__sim/faults", null, "{\"errorStatus\": 418}").status()).isEqualTo(400);
        assertThat(put("/__sim/faults", null, "{\"errorRate\": 2}").status()).isEqualTo(400);

        assertThat(get("/__sim/faults", null).body().path("latencyMs").asInt()).isZero();
    }

    @Test
    void statsCountRequestsByRouteTemplateAndRecordsByKind() throws Exception {
        String token = login("nurse.asha");
        String id = createPatient(token, "Counted", "+919100000001").path("id").asText();
        get("/api/v1/patient/" + id + "/", token);
        get("/api/v1/patient/" + id + "/", token);
        put("/api/v1/patient/" + id + "/", token, Map.of("name", "Counted Again"));

        JsonNode stats = stats();

        assertThat(stats.path("requestsTotal").asInt()).as("login, create, 2 retrieves, update").isEqualTo(5);
        assertThat(stats.path("created").path("patient").asInt()).isEqualTo(1);
        assertThat(stats.path("updated").path("patient").asInt()).isEqualTo(1);
        JsonNode retrieves = null;
        for (JsonNode entry : stats.path("requests")) {
            if (entry.path("route").asText().equals("/api/v1/patient/{id}/") && entry.path("method").asText().equals("GET")) {
                retrieves = entry;
            }
        }
        assertThat(retrieves).isNotNull();
        assertThat(retrieves.path("status").asInt()).isEqualTo(200);
        assertThat(retrieves.path("count").asInt()).isEqualTo(2);
    }

    @Test
    void recordsListsEveryRecordOfAKind() throws Exception {
        String token = login("nurse.asha");
        for (int i = 0; i < 16; i++) {
            createPatient(token, "Record " + i, "+9191000001" + String.format("%02d", i));
        }

        JsonNode records = get("/__sim/records?kind=patient", null).body();

        assertThat(records.path("count").asInt()).isEqualTo(16);
        assertThat(records.path("results")).hasSize(16);
        assertThat(records.path("results").get(0).path("name").asText()).isEqualTo("Record 0");
        assertThat(get("/__sim/records?kind=unicorn", null).status()).isEqualTo(400);
    }

    @Test
    void resetForgetsRecordsStatsAppliedKeysFaultsAndPermissions() throws Exception {
        String token = login("nurse.asha");
        send("POST", "/api/v1/patient/", token, patientBody("Gone", "+919100000002"),
                Map.of("Idempotency-Key", "k-reset"));
        faults("{\"latencyMs\": 10, \"idempotencyKeys\": true}");
        put("/__sim/users/nurse.asha/permissions", null, Map.of("write", false));

        assertThat(post("/__sim/reset", null, null).status()).isEqualTo(200);

        assertThat(recordCount("patient")).isZero();
        assertThat(stats().path("requestsTotal").asInt()).isZero();
        assertThat(stats().path("created").size()).isZero();
        assertThat(get("/__sim/applied", null).body().size()).isZero();
        assertThat(get("/__sim/faults", null).body().path("latencyMs").asInt()).isZero();
        assertThat(post("/api/v1/patient/", token, patientBody("Allowed", "+919100000003")).status()).isEqualTo(200);
        assertThat(get("/api/v1/facility/", token).body().path("count").asInt()).isEqualTo(1);
    }

    @Test
    void tokenLifetimesChangeForTokensIssuedFromThenOnUntilReset() throws Exception {
        JsonNode before = tokens("nurse.asha");

        JsonNode changed = put("/__sim/tokens/lifetimes", null, Map.of("access", "PT1S")).body();
        JsonNode shortLived = tokens("nurse.asha");
        Thread.sleep(1_300);

        assertThat(changed.path("access").asText()).isEqualTo("PT1S");
        assertThat(changed.path("refresh").asText()).isEqualTo("PT30M");
        assertThat(lifetime(shortLived.path("access").asText())).isEqualTo(1);
        assertThat(lifetime(shortLived.path("refresh").asText())).isEqualTo(30 * 60);
        assertThat(get("/api/v1/users/getcurrentuser/", shortLived.path("access").asText()).status()).isEqualTo(403);
        assertThat(get("/api/v1/users/getcurrentuser/", before.path("access").asText()).status()).isEqualTo(200);

        post("/__sim/reset", null, null);
        assertThat(get("/__sim/tokens/lifetimes", null).body().path("access").asText()).isEqualTo("PT10M");
        assertThat(lifetime(tokens("nurse.asha").path("access").asText())).isEqualTo(10 * 60);
    }

    @Test
    void badTokenLifetimesAreRefusedAndChangeNothing() throws Exception {
        assertThat(put("/__sim/tokens/lifetimes", null, Map.of("access", "PT5S", "refresh", "soon")).status())
                .isEqualTo(400);
        assertThat(put("/__sim/tokens/lifetimes", null, Map.of("access", "-PT5S")).status()).isEqualTo(400);
        assertThat(put("/__sim/tokens/lifetimes", null, Map.of("idle", "PT5S")).status()).isEqualTo(400);

        assertThat(get("/__sim/tokens/lifetimes", null).body().path("access").asText()).isEqualTo("PT10M");
    }

    private static long lifetime(String jwt) throws java.text.ParseException {
        var claims = com.nimbusds.jwt.SignedJWT.parse(jwt).getJWTClaimsSet();
        return (claims.getExpirationTime().getTime() - claims.getIssueTime().getTime()) / 1000;
    }

    @Test
    void permissionsOfAnUnknownUserAre404() throws Exception {
        assertThat(put("/__sim/users/nobody/permissions", null, Map.of("write", false)).status()).isEqualTo(404);
    }

    @Test
    void unknownCarePathsAre404AndWrongMethodsAre405() throws Exception {
        String token = login("nurse.asha");

        assertThat(get("/api/v1/unicorns/", token).status()).isEqualTo(404);
        assertThat(send("DELETE", "/api/v1/patient/", token, null, Map.of()).status()).isEqualTo(405);
    }

    @Test
    void requestsShowTheLastRequestsAsReceivedWithTheirHeadersAndABodyHash() throws Exception {
        String token = login("nurse.asha");
        String body = patientBody("Inspected", "+919100000004").toString();
        send("POST", "/api/v1/patient/?source=app", token, body,
                Map.of("Accept", "application/json", "X-Request-Trace", "a b;c", "Accept-Language", "ml-IN,en;q=0.8"));
        get("/api/v1/facility/", token);

        JsonNode requests = get("/__sim/requests?last=2", null).body();

        assertThat(requests.path("count").asInt()).isEqualTo(2);
        JsonNode created = requests.path("results").get(0);
        assertThat(created.path("method").asText()).isEqualTo("POST");
        assertThat(created.path("path").asText()).isEqualTo("/api/v1/patient/");
        assertThat(created.path("query").asText()).isEqualTo("source=app");
        assertThat(created.path("headers").path("X-Request-Trace").get(0).asText()).isEqualTo("a b;c");
        assertThat(created.path("headers").path("Accept-Language").get(0).asText()).isEqualTo("ml-IN,en;q=0.8");
        assertThat(created.path("headers").path("Authorization").get(0).asText()).isEqualTo("Bearer " + token);
        byte[] bytes = body.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        assertThat(created.path("bodyBytes").asLong()).isEqualTo(bytes.length);
        assertThat(created.path("bodySha256").asText()).isEqualTo(java.util.HexFormat.of().formatHex(
                java.security.MessageDigest.getInstance("SHA-256").digest(bytes)));
        assertThat(requests.path("results").get(1).path("path").asText()).isEqualTo("/api/v1/facility/");
        assertThat(get("/__sim/requests?last=0", null).status()).isEqualTo(400);

        post("/__sim/reset", null, null);
        assertThat(get("/__sim/requests", null).body().path("count").asInt()).isZero();
    }
}
