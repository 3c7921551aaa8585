package network.ohc.caresync.api.cache;

import network.ohc.caresync.api.config.CacheHousekeeping;
import network.ohc.caresync.api.support.Api;
import network.ohc.caresync.api.support.Users;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class QueryCacheTest extends CacheScenario {

    @Autowired
    CacheHousekeeping housekeeping;

    @Test
    void aRecordReadOnlineIsServedFromTheCacheWithItsAgeWhileCareIsUnreachable() throws Exception {
        String token = api.login(Users.ASHA);
        Map<String, Object> created = patientInCare(simulator.careToken(Users.ASHA), "Cached Lakshmi");

        Api.Answer online = patient(token, created.get("id"));
        assertThat(online.status()).isEqualTo(200);
        assertThat(online.header("X-Care-Sync-Source")).isEqualTo("upstream");
        assertThat(online.json()).containsEntry("name", "Cached Lakshmi").containsEntry("id", created.get("id"));

        Thread.sleep(1100);
        simulator.offline();
        Api.Answer offline = patient(token, created.get("id"));

        assertThat(offline.status()).isEqualTo(200);
        assertThat(offline.header("X-Care-Sync-Source")).isEqualTo("cache");
        assertThat(Long.parseLong(offline.header("Age"))).isGreaterThanOrEqualTo(1);
        assertThat(Instant.parse(offline.header("X-Care-Sync-Fetched-At"))).isBefore(Instant.now());
        assertThat(offline.raw().body()).isEqualTo(online.raw().body());
    }

    @Test
    void listParametersGoUpstreamAndTheirAnswerIsCachedUnderThem() {
        String token = api.login(Users.ASHA);
        Map<String, Object> created = patientInCare(simulator.careToken(Users.ASHA), "Listed Meera");
        String phone = ((String) created.get("phone_number")).replace("+", "%2B");

        Api.Answer online = read(token, "listPatients", "phone_number=" + phone);
        assertThat(online.status()).isEqualTo(200);
        assertThat(online.json()).containsEntry("count", 1);

        simulator.offline();
        assertThat(read(token, "listPatients", "phone_number=" + phone).json()).isEqualTo(online.json());
        assertThat(read(token, "listPatients", "phone_number=%2B910000000000").status()).isEqualTo(503);
    }

    @Test
    void anotherUserNeverGetsTheCopyOfAnother() {
        String asha = api.login(Users.ASHA);
        String ravi = api.login(Users.RAVI);
        Map<String, Object> created = patientInCare(simulator.careToken(Users.ASHA), "Private Priya");
        assertThat(patient(asha, created.get("id")).status()).isEqualTo(200);

        simulator.offline();
        Api.Answer other = patient(ravi, created.get("id"));

        assertThat(other.status()).isEqualTo(503);
        assertThat(other.json()).containsEntry("type",
                "https://care-sync.ohc.network/problems/not-available-offline");
        assertThat((String) other.json().get("detail")).contains("not available offline: never fetched online");
        assertThat(patient(asha, created.get("id")).status()).isEqualTo(200);
    }

    @Test
    void logoutWipesTheUsersCopies() {
        String token = api.login(Users.ASHA);
        Map<String, Object> created = patientInCare(simulator.careToken(Users.ASHA), "Wiped Wilma");
        assertThat(patient(token, created.get("id")).status()).isEqualTo(200);
        assertThat(entriesOf(Users.ASHA_ID)).isPositive();

        assertThat(api.post("/api/v1/auth/logout", token, null).status()).isEqualTo(204);

        assertThat(entriesOf(Users.ASHA_ID)).isZero();
        simulator.offline();
        String again = api.login(Users.ASHA);
        assertThat(patient(again, created.get("id")).status()).isEqualTo(503);
    }

    @Test
    void aSessionThatExpiresWipesTheUsersCopiesWhenItWasTheirLast() {
        String token = api.login(Users.MEENA);
        Map<String, Object> created = patientInCare(simulator.careToken(Users.MEENA), "Expired Esha");
        assertThat(patient(token, created.get("id")).status()).isEqualTo(200);
        assertThat(api.send("PUT", "/api/v1/persisted-client", token, Map.of("buster", "", "timestamp", 1,
                "clientState", Map.of("queries", List.of(), "mutations", List.of()))).status())
                .isEqualTo(200);

        jdbc.update("UPDATE user_session SET expires_at = now() - interval '1 second' "
                + "WHERE user_id = ? AND revoked_at IS NULL", Users.MEENA_ID);

        assertThat(housekeeping.wipeExpiredSessions()).contains(Users.MEENA_ID);
        assertThat(entriesOf(Users.MEENA_ID)).isZero();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM persisted_client WHERE user_id = ?", Integer.class,
                Users.MEENA_ID)).isZero();
    }

    @Test
    void anEntryOlderThanItsRoutesMaxAgeIsNotServedAndIsRemoved() {
        String token = api.login(Users.ASHA);
        Map<String, Object> created = patientInCare(simulator.careToken(Users.ASHA), "Old Olga");
        assertThat(patient(token, created.get("id")).status()).isEqualTo(200);
        // getPatient keeps answers for P2D
        int aged = jdbc.update("""
                UPDATE query_cache_entry SET fetched_at = now() - interval '3 days',
                                             expires_at = now() - interval '1 day'
                WHERE user_id = ? AND route_key = 'getPatient' AND params ->> 'id' = ?
                """, Users.ASHA_ID, created.get("id"));
        assertThat(aged).isEqualTo(1);

        simulator.offline();
        Api.Answer offline = patient(token, created.get("id"));

        assertThat(offline.status()).isEqualTo(503);
        assertThat(housekeeping.removeExpired()).isPositive();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM query_cache_entry WHERE user_id = ? "
                + "AND params ->> 'id' = ?", Integer.class, Users.ASHA_ID, created.get("id"))).isZero();
    }

    @Test
    void aRouteNotInTheTableOrNotAQueryOrAMissingParameterIsAProblemNamingIt() {
        String token = api.login(Users.ASHA);

        Api.Answer unknown = read(token, "getSomething", null);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().get("errors").toString()).contains("routeKey");
        assertThat(read(token, "update_patient", "id=x").status()).isEqualTo(404);

        Api.Answer missing = read(token, "getPatient", null);
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.json().get("errors").toString()).contains("field=id");

        Api.Answer twice = read(token, "listPatients", "name=a&name=b");
        assertThat(twice.status()).isEqualTo(400);
        assertThat(twice.json().get("errors").toString()).contains("field=name");
    }

    @Test
    void careErrorsArePassedOnAsTheyAreAndNotCached() {
        String token = api.login(Users.ASHA);

        Api.Answer answer = patient(token, "5b0f4a3e-0000-4000-8000-000000000000");

        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.header("X-Care-Sync-Source")).isEqualTo("upstream");
        assertThat(answer.json().get("errors").toString()).contains("object_not_found");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM query_cache_entry WHERE params ->> 'id' = ?",
                Integer.class, "5b0f4a3e-0000-4000-8000-000000000000")).isZero();
    }

    @Test
    void aUserWhoMustSignInAgainIsToldSoWhileCareIsReachableAndStillServedFromTheCacheWhileNot() {
        String token = api.login(Users.RAVI);
        Map<String, Object> created = patientInCare(simulator.careToken(Users.RAVI), "Signed Out Sita");
        assertThat(patient(token, created.get("id")).status()).isEqualTo(200);
        simulator.expireTokens(true);

        Api.Answer refused = patient(token, created.get("id"));
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.json()).containsEntry("type",
                "https://care-sync.ohc.network/problems/care-sign-in-required");

        simulator.offline();
        await().atMost(Duration.ofSeconds(10)).until(() ->
                "offline".equals(api.get("/api/v1/sync/connectivity", token).json().get("upstream")));
        Api.Answer cached = patient(token, created.get("id"));
        assertThat(cached.status()).isEqualTo(200);
        assertThat(cached.header("X-Care-Sync-Source")).isEqualTo("cache");
    }
}
