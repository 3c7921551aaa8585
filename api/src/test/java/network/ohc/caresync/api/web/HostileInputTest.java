package network.ohc.caresync.api.web;

import network.ohc.caresync.api.support.Api;
import network.ohc.caresync.api.support.CareSyncTest;
import network.ohc.caresync.api.support.Simulator;
import network.ohc.caresync.api.support.Users;
import network.ohc.caresync.api.support.Writes;
import network.ohc.caresync.application.sync.ConnectivityMonitor;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What the reliability suite's hostile input found, kept here as fast regressions: text PostgreSQL cannot store is
 * refused at the door (a stored NUL stopped the write views of every user), a null route key is named, and requests
 * refused before any controller still get a problem detail; on CARE's paths (the transparent mode) the same refusals
 * come in CARE's shape, and a temporary id or a record id that cannot be the user's never becomes a write.
 */
class HostileInputTest extends CareSyncTest {

    @Autowired
    ConnectivityMonitor connectivity;

    @Test
    void aWriteWithANulCharacterOrABrokenSurrogateIsRefusedNamingTheField() {
        String token = api.login(Users.ASHA);
        String id = Writes.newId();
        Map<String, Object> write = Writes.createPatient(id, Users.ASHA_ID, Writes.patientPayload("Lakshmi\u0000Menon"));

        Api.Answer answer = handOver(token, write);

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.header("Content-Type")).contains("application/problem+json");
        assertThat(answer.json().get("errors")).asList().singleElement().asString().contains("payload.name");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM domainevententry WHERE aggregateidentifier = ?",
                Integer.class, id)).isZero();

        String raw = "{\"username\":\"nurse.asha\",\"password\":\"x\",\"deviceId\":\"tab\\ud800let\"}";
        Api.Answer login = api.sendRaw("POST", "/api/v1/auth/login", null, raw, null);
        assertThat(login.status()).isEqualTo(400);
        assertThat(login.json().get("errors")).asList().singleElement().asString().contains("deviceId");
    }

    @Test
    void aNullRouteKeyIsRequiredLikeAMissingOne() {
        String token = api.login(Users.ASHA);
        Map<String, Object> write = Writes.createPatient(Writes.newId(), Users.ASHA_ID);
        write.put("syncrouteKey", null);

        Api.Answer answer = handOver(token, write);

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json().get("errors")).asList().singleElement().asString().contains("syncrouteKey");
    }

    @Test
    void aQueryParameterWithANulCharacterIsRefused() {
        String token = api.login(Users.ASHA);

        Api.Answer answer = api.get("/api/v1/offline-writes?resourceType=patient%00", token);

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.header("Content-Type")).contains("application/problem+json");
    }

    @Test
    void requestsTheServerRefusesBeforeCareSyncReadsThemGetAProblemDetail() {
        String token = api.login(Users.ASHA);
        for (String path : List.of("/api/v1/offline-writes/..%2F..%2Fetc%2Fpasswd", "/api/v1/offline-writes/a%00b",
                "/api/v1/offline-writes/%27%3B%20DROP%20TABLE%20write_view%3B%20--")) {
            Api.Answer answer = api.get(path, token);
            assertThat(answer.status()).as(path).isEqualTo(400);
            assertThat(answer.header("Content-Type")).as(path).contains("application/problem+json");
        }
    }

    @Test
    void onCaresPathsARequestCareSyncRefusesBeforeReadingItIsRefusedInCaresShape() throws IOException {
        Api care = new Api("http://127.0.0.1:" + port + "/care");
        String token = careSignIn(care, Users.ASHA);
        // before: Spring's error page ({"timestamp","status","error","path"}) and problem details the app cannot read
        for (String path : List.of("/api/v1/patient/?name=a%00b",
                "/api/v1/patient/%00/", "/api/v1/patient/..%2F..%2Fetc%2Fpasswd/", "/api/v1/patient/%27%3B--/")) {
            Api.Answer answer = care.get(path, token);
            assertThat(answer.status()).as(path).isEqualTo(400);
            assertThat(answer.header("Content-Type")).as(path).startsWith("application/json");
            assertThat(answer.json()).as(path).containsOnlyKeys("detail");
            assertThat((String) answer.json().get("detail")).as(path).startsWith("Bad request");
        }
        Api.Answer tooLarge = care.sendRaw("POST", "/api/v1/patient/", token,
                "{\"name\":\"" + "y".repeat(1_100_000) + "\"}", null);
        assertThat(tooLarge.status()).isEqualTo(413);
        assertThat(tooLarge.header("Content-Type")).startsWith("application/json");
        assertThat(tooLarge.json()).containsOnlyKeys("detail");
        // a query no URI class lets a client send; a browser sends it as typed
        String raw = rawGet("/care/api/v1/patient/?name=%zz", token);
        assertThat(raw).startsWith("HTTP/1.1 400").contains("Content-Type: application/json")
                .contains("{\"detail\":\"Bad request: the query string is not well encoded\"}");
    }

    /** A GET sent as the bytes given, over a plain socket; the whole answer as text. */
    private String rawGet(String pathAndQuery, String token) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("GET " + pathAndQuery + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Authorization: Bearer " + token + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void aTemporaryIdThatIsNoneOfTheUsersWritesNeverBecomesAWriteOnlineOrOffline() {
        Api care = new Api("http://127.0.0.1:" + port + "/care");
        String asha = careSignIn(care, Users.ASHA);
        careSignIn(care, Users.RAVI);
        goOffline();
        // a record Ravi made offline: its temporary id is his write's, not Asha's
        String ravis = (String) care.post("/api/v1/patient/", careSignIn(care, Users.RAVI),
                Writes.patientPayload("Ravi's Offline Patient")).json().get("id");
        assertThat(ravis).startsWith("offline-");
        long before = writesCreated();

        for (boolean online : List.of(false, true)) {
            if (online) {
                simulator.online();
                await().atMost(Duration.ofSeconds(10)).until(connectivity::isOnline);
                asha = careSignIn(care, Users.ASHA);
            }
            for (String temporary : List.of(ravis, "offline-" + UUID.randomUUID())) {
                // before: both became writes, and the made-up id went to CARE as it was
                Api.Answer update = care.send("PUT", "/api/v1/patient/" + temporary + "/", asha,
                        Map.of("address", "12 Beach Road"));
                assertThat(update.status()).as("online %s: %s", online, update).isEqualTo(404);
                assertThat(update.json()).isEqualTo(Map.of("errors", List.of(Map.of("type", "object_not_found",
                        "msg", "No Patient matches the given query."))));
                Api.Answer encounter = care.post("/api/v1/encounter/", asha, Map.of("patient", temporary,
                        "facility", Simulator.FACILITY, "status", "in_progress", "encounter_class", "amb",
                        "priority", "routine"));
                assertThat(encounter.status()).as("online %s: %s", online, encounter).isEqualTo(400);
                assertThat(encounter.header("Content-Type")).startsWith("application/json");
                assertThat(encounter.toString()).contains("validation_error", temporary);
            }
        }
        assertThat(writesCreated()).isEqualTo(before);
    }

    @Test
    void offlineAWriteWithANulOrABrokenSurrogateOrAnIdThatIsNoIdIsRefusedInCaresShapeAndNotKept() {
        Api care = new Api("http://127.0.0.1:" + port + "/care");
        careSignIn(care, Users.ASHA);
        goOffline();
        String token = careSignIn(care, Users.ASHA);
        long before = writesCreated();

        for (String name : List.of("Lakshmi\\u0000Menon", "Lakshmi \\ud800Menon")) {
            String body = "{\"name\":\"" + name + "\",\"gender\":\"female\",\"phone_number\":\"" + Writes.phone()
                    + "\",\"geo_organization\":\"" + Simulator.ORGANIZATION + "\",\"date_of_birth\":\"1990-04-12\"}";
            Api.Answer created = care.sendRaw("POST", "/api/v1/patient/", token, body, null);
            // before: kept as an offline write, and the write views stopped at it
            assertThat(created.status()).as("%s", created).isEqualTo(400);
            assertThat(created.json()).isEqualTo(Map.of("errors", List.of(Map.of("type", "string_type",
                    "loc", List.of("name"), "msg", "contains a NUL character or a broken surrogate pair (not text "
                            + "that can be stored)"))));
        }
        for (String id : List.of("not-a-uuid", "x".repeat(300), "offline-" + "x".repeat(60))) {
            Api.Answer update = care.send("PUT", "/api/v1/patient/" + id + "/", token, Map.of("address", "x"));
            // before: each became an update_patient write that CARE could only refuse
            assertThat(update.status()).as("%s: %s", id, update).isEqualTo(404);
            assertThat(update.json()).containsKey("errors");
        }
        assertThat(writesCreated()).isEqualTo(before);

        Api.Answer nul = care.sendRaw("POST", "/api/v1/auth/login/", null,
                "{\"username\":\"nurse.asha\\u0000\",\"password\":\"care-demo-1\"}", null);
        // before: a 500, PostgreSQL refusing the NUL in the user lookup
        assertThat(nul.status()).as("%s", nul).isEqualTo(400);
        assertThat(nul.json()).containsOnlyKeys("username");
    }

    private String careSignIn(Api care, String username) {
        Api.Answer answer = care.post("/api/v1/auth/login/", null,
                Map.of("username", username, "password", Simulator.PASSWORD));
        assertThat(answer.status()).as("sign-in of %s: %s", username, answer).isEqualTo(200);
        return (String) answer.json().get("access");
    }

    private void goOffline() {
        simulator.offline();
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
                .until(() -> connectivity.state() == ConnectivityMonitor.State.OFFLINE);
    }

    private long writesCreated() {
        return jdbc.queryForObject("SELECT count(*) FROM domainevententry WHERE payloadtype LIKE '%OfflineWriteCreated'",
                Long.class);
    }
}
