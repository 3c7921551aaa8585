package network.ohc.caresync.api.web;

import network.ohc.caresync.api.support.Api;
import network.ohc.caresync.api.support.CareSyncTest;
import network.ohc.caresync.api.support.Users;
import network.ohc.caresync.api.support.Writes;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the reliability suite's hostile input found, kept here as fast regressions: text PostgreSQL cannot store is
 * refused at the door (a stored NUL stopped the write views of every user), a null route key is named, and requests
 * refused before any controller still get a problem detail.
 */
class HostileInputTest extends CareSyncTest {

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
}
