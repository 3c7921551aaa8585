package network.ohc.caresync.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import network.ohc.caresync.simulator.facility.CareDirectory;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Starts the simulator on a random port (one context for every test class that extends this) and
 * talks to it over real HTTP with the JDK client, as care-sync does.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class SimulatorTestSupport {

    protected static final ObjectMapper JSON = new ObjectMapper();
    protected static final String FACILITY = CareDirectory.FACILITY.id().toString();
    protected static final String ORGANIZATION = CareDirectory.GEO_ORGANIZATION.id().toString();

    protected final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    @LocalServerPort
    protected int port;

    @BeforeEach
    void resetSimulator() throws IOException {
        assertThat(send("POST", "/__sim/reset", null, null, Map.of()).status()).isEqualTo(200);
    }

    protected record Reply(int status, JsonNode body, HttpHeaders headers) {
        public String text(String field) {
            return body.path(field).asText();
        }
    }

    protected Reply send(String method, String path, String token, Object body, Map<String, String> headers)
            throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        headers.forEach(request::header);
        String payload = body == null ? null : body instanceof String s ? s : JSON.writeValueAsString(body);
        request.method(method, payload == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(payload));
        if (payload != null) {
            request.header("Content-Type", "application/json");
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode json = response.body().isEmpty() ? JSON.nullNode() : JSON.readTree(response.body());
            return new Reply(response.statusCode(), json, response.headers());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    protected Reply get(String path, String token) throws IOException {
        return send("GET", path, token, null, Map.of());
    }

    protected Reply post(String path, String token, Object body) throws IOException {
        return send("POST", path, token, body, Map.of());
    }

    protected Reply put(String path, String token, Object body) throws IOException {
        return send("PUT", path, token, body, Map.of());
    }

    protected Reply faults(String json) throws IOException {
        Reply reply = put("/__sim/faults", null, json);
        assertThat(reply.status()).as("fault settings accepted: %s", reply.body()).isEqualTo(200);
        return reply;
    }

    protected JsonNode tokens(String username) throws IOException {
        Reply reply = post("/api/v1/auth/login/", null, Map.of("username", username, "password", "care-demo-1"));
        assertThat(reply.status()).isEqualTo(200);
        return reply.body();
    }

    protected String login(String username) throws IOException {
        return tokens(username).path("access").asText();
    }

    protected static ObjectNode patientBody(String name, String phone) {
        ObjectNode body = JSON.createObjectNode();
        body.put("name", name);
        body.put("gender", "female");
        body.put("phone_number", phone);
        body.put("geo_organization", ORGANIZATION);
        body.put("date_of_birth", "1990-04-12");
        return body;
    }

    protected JsonNode createPatient(String token, String name, String phone) throws IOException {
        Reply reply = post("/api/v1/patient/", token, patientBody(name, phone));
        assertThat(reply.status()).as("create patient: %s", reply.body()).isEqualTo(200);
        return reply.body();
    }

    protected static ObjectNode encounterBody(String patientId, String status) {
        ObjectNode body = JSON.createObjectNode();
        body.put("patient", patientId);
        body.put("facility", FACILITY);
        body.put("status", status);
        body.put("encounter_class", "amb");
        body.put("priority", "routine");
        return body;
    }

    protected JsonNode createEncounter(String token, String patientId, String status) throws IOException {
        Reply reply = post("/api/v1/encounter/", token, encounterBody(patientId, status));
        assertThat(reply.status()).as("create encounter: %s", reply.body()).isEqualTo(200);
        return reply.body();
    }

    protected int recordCount(String kind) throws IOException {
        return get("/__sim/records?kind=" + kind, null).body().path("count").asInt();
    }

    protected JsonNode stats() throws IOException {
        return get("/__sim/stats", null).body();
    }
}
