package network.ohc.caresync.simulator.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import network.ohc.caresync.simulator.SimulatorTestSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FaultTest extends SimulatorTestSupport {

    private String token;

    @BeforeEach
    void signIn() throws Exception {
        token = login("nurse.asha");
    }

    private Reply createPatientWithKey(String key) throws IOException {
        return send("POST", "/api/v1/patient/", token, patientBody("Faulty", "+919300000001"),
                Map.of("Idempotency-Key", key));
    }

    @Test
    void injectedErrorsAnswerTheStatusAndApplyNothing() throws Exception {
        faults("{\"errorRate\": 1, \"errorStatus\": 502}");

        Reply reply = createPatientWithKey("k-error");

        assertThat(reply.status()).isEqualTo(502);
        faults("{\"errorRate\": 0}");
        assertThat(recordCount("patient")).isZero();
        assertThat(get("/__sim/applied/k-error", null).body().path("count").asInt()).isZero();
        assertThat(stats().path("injectedErrors").asInt()).isEqualTo(1);
    }

    @Test
    void faultsCanBeAimedAtSomeRoutesOnly() throws Exception {
        String token = login("nurse.asha");
        faults("{\"errorRate\": 1, \"errorStatus\": 503, \"faultRoutes\": [\"POST /api/v1/patient/\"]}");

        Reply create = createPatientWithKey("k-aimed");
        Reply read = get("/api/v1/users/getcurrentuser/", token);

        assertThat(create.status()).isEqualTo(503);
        assertThat(read.status()).isEqualTo(200);
        assertThat(put("/__sim/faults", null, java.util.Map.of("faultRoutes", java.util.List.of("nonsense"))).status())
                .isEqualTo(400);
        faults("{\"errorRate\": 0, \"faultRoutes\": []}");
        assertThat(createPatientWithKey("k-aimed-2").status()).isEqualTo(200);
    }

    @Test
    void aResetGivesTheClientAnIOExceptionAndAppliesNothing() throws Exception {
        faults("{\"resetRate\": 1}");

        assertThatThrownBy(() -> createPatientWithKey("k-reset")).isInstanceOf(IOException.class);

        faults("{\"resetRate\": 0}");
        assertThat(recordCount("patient")).isZero();
        assertThat(stats().path("resets").asInt()).isEqualTo(1);
        assertThat(stats().path("requests").toString()).contains("\"status\":0");
    }

    @Test
    void dropAfterApplyLosesTheAnswerButTheRecordExists() throws Exception {
        faults("{\"dropAfterApplyRate\": 1}");

        assertThatThrownBy(() -> createPatientWithKey("k-drop")).isInstanceOf(IOException.class);
        // Sign-in is not a mutation: it is never dropped.
        assertThat(login("doctor.ravi")).isNotBlank();

        faults("{\"dropAfterApplyRate\": 0}");
        assertThat(recordCount("patient")).isEqualTo(1);
        assertThat(get("/__sim/applied/k-drop", null).body().path("count").asInt()).isEqualTo(1);
        assertThat(stats().path("droppedAfterApply").asInt()).isEqualTo(1);
    }

    @Test
    void offlineAnswersNothingButTheControlsStillWork() throws Exception {
        faults("{\"offline\": true}");

        assertThatThrownBy(() -> get("/api/v1/patient/", token)).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> createPatientWithKey("k-offline")).isInstanceOf(IOException.class);
        assertThat(get("/__sim/faults", null).body().path("offline").asBoolean()).isTrue();

        faults("{\"offline\": false}");
        assertThat(get("/api/v1/patient/", token).status()).isEqualTo(200);
        assertThat(recordCount("patient")).isZero();
        assertThat(stats().path("offlineResets").asInt()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void latencyDelaysEveryCareRequest() throws Exception {
        faults("{\"latencyMs\": 300}");
        long start = System.nanoTime();
        assertThat(get("/api/v1/patient/", token).status()).isEqualTo(200);
        assertThat((System.nanoTime() - start) / 1_000_000).isGreaterThanOrEqualTo(300);

        faults("{\"latencyMs\": 0, \"latencySpikeRate\": 1, \"latencySpikeMs\": 250}");
        start = System.nanoTime();
        assertThat(get("/api/v1/patient/", token).status()).isEqualTo(200);
        assertThat((System.nanoTime() - start) / 1_000_000).isGreaterThanOrEqualTo(250);
    }

    @Test
    void latencyDoesNotHoldThreadsSoManySlowRequestsRunTogether() throws Exception {
        faults("{\"latencyMs\": 500}");
        List<CompletableFuture<HttpResponse<String>>> replies = new ArrayList<>();
        long start = System.nanoTime();
        for (int i = 0; i < 200; i++) {
            String body = JSON.writeValueAsString(patientBody("Concurrent " + i, "+91920000" + String.format("%04d", i)));
            replies.add(http.sendAsync(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/patient/"))
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString()));
        }
        CompletableFuture.allOf(replies.toArray(CompletableFuture[]::new)).join();
        long elapsedMs = (System.nanoTime() - start) / 1_000_000;

        assertThat(replies).allSatisfy(reply -> assertThat(reply.join().statusCode()).isEqualTo(200));
        assertThat(elapsedMs).isLessThan(10_000);
        faults("{\"latencyMs\": 0}");
        assertThat(recordCount("patient")).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        get("/__sim/records?kind=patient", null).body().path("results").forEach(p -> ids.add(p.path("id").asText()));
        assertThat(ids).hasSize(200).doesNotHaveDuplicates();
    }
}
