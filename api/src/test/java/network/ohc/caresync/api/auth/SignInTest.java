package network.ohc.caresync.api.auth;

import network.ohc.caresync.api.security.JwtSessions;
import network.ohc.caresync.api.support.Api;
import network.ohc.caresync.api.support.CareSyncTest;
import network.ohc.caresync.api.support.Users;
import network.ohc.caresync.api.support.Writes;
import network.ohc.caresync.application.auth.Caller;
import network.ohc.caresync.application.auth.CredentialStore;
import network.ohc.caresync.application.auth.StoredCredential;
import network.ohc.caresync.infrastructure.config.KeyMaterial;
import network.ohc.caresync.infrastructure.session.JdbcSessions;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class SignInTest extends CareSyncTest {

    @Autowired
    CredentialStore credentials;
    @Autowired
    KeyMaterial keys;
    @Autowired
    JdbcSessions sessions;

    @Test
    void signingInOnlineKeepsTheCareTokensEncryptedAndOnlyAHashOfThePassword() {
        Api.Answer answer = api.post("/api/v1/auth/login", null,
                Map.of("username", Users.ASHA, "password", "care-demo-1", "deviceId", "tablet-7"));

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.json()).containsEntry("userId", Users.ASHA_ID).containsEntry("username", Users.ASHA)
                .containsEntry("offline", false).containsKeys("token", "expiresAt", "roles");
        Map<String, Object> row = jdbc.queryForMap("SELECT * FROM care_credential WHERE user_id = ?", Users.ASHA_ID);
        assertThat((String) row.get("access_token")).doesNotContain("eyJ");
        assertThat((String) row.get("refresh_token")).doesNotContain("eyJ");
        assertThat((String) row.get("password_hash")).startsWith("$2").doesNotContain("care-demo-1");
        assertThat(credentials.find(Users.ASHA_ID).map(StoredCredential::accessToken).orElseThrow())
                .startsWith("eyJ");
    }

    @Test
    void rolesComeFromConfiguration() {
        Api.Answer kiran = api.post("/api/v1/auth/login", null, Map.of("username", Users.KIRAN, "password",
                "care-demo-1"));
        Api.Answer asha = api.post("/api/v1/auth/login", null, Map.of("username", Users.ASHA, "password",
                "care-demo-1"));

        assertThat(kiran.json().get("roles")).isEqualTo(java.util.List.of("admin", "auditor", "user"));
        assertThat(asha.json().get("roles")).isEqualTo(java.util.List.of("user"));
        assertThat(api.get("/actuator/prometheus", (String) asha.json().get("token")).status()).isEqualTo(403);
        Api.Answer metrics = api.get("/actuator/prometheus", (String) kiran.json().get("token"));
        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.raw().body()).contains("care_sync_writes{").contains("care_sync_upstream_online");
    }

    @Test
    void aUserWhoSignedInOnlineBeforeSignsInWhileCareIsUnreachable() {
        api.login(Users.MEENA);
        simulator.offline();

        Api.Answer answer = api.post("/api/v1/auth/login", null, Map.of("username", Users.MEENA, "password",
                "care-demo-1"));

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.json()).containsEntry("offline", true).containsEntry("userId", Users.MEENA_ID);
        String token = (String) answer.json().get("token");
        assertThat(api.get("/api/v1/sync-status", token).status()).isEqualTo(200);
    }

    @Test
    void aUserNeverSeenOnlineCannotSignInWhileCareIsUnreachable() {
        simulator.offline();

        Api.Answer answer = api.post("/api/v1/auth/login", null, Map.of("username", "new.nurse", "password", "x"));

        assertThat(answer.status()).isEqualTo(503);
        assertThat((String) answer.json().get("type")).endsWith("sign-in-needs-care-once");
        assertThat((String) answer.json().get("detail")).contains("needs one sign-in while it is reachable");
    }

    @Test
    void wrongPasswordsAreRefusedEitherWayAndLockTheUserOutAfterTheLimit() {
        api.login(Users.RAVI);
        try {
            Api.Answer online = api.post("/api/v1/auth/login", null, Map.of("username", Users.RAVI, "password",
                    "wrong"));
            simulator.offline();
            Api.Answer offline = api.post("/api/v1/auth/login", null, Map.of("username", Users.RAVI, "password",
                    "still wrong"));
            Api.Answer third = api.post("/api/v1/auth/login", null, Map.of("username", Users.RAVI, "password",
                    "wrong again"));
            Api.Answer locked = api.post("/api/v1/auth/login", null, Map.of("username", Users.RAVI, "password",
                    "care-demo-1"));

            assertThat(online.status()).isEqualTo(401);
            assertThat(offline.status()).isEqualTo(401);
            assertThat(third.status()).isEqualTo(401);
            assertThat(locked.status()).isEqualTo(429);
        } finally {
            jdbc.update("UPDATE care_credential SET failed_attempts = 0, locked_until = NULL WHERE user_id = ?",
                    Users.RAVI_ID);
        }
    }

    @Test
    void missingFieldsAreNamed() {
        Api.Answer answer = api.post("/api/v1/auth/login", null, Map.of("username", Users.ASHA));

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.raw().body()).contains("\"field\":\"password\"");
    }

    @Test
    void logoutEndsTheSessionButKeepsTheQueuedWrites() {
        String token = api.login(Users.ASHA);
        simulator.offline();
        String id = Writes.newId();
        handOver(token, Writes.createPatient(id, Users.ASHA_ID));

        assertThat(api.post("/api/v1/auth/logout", token, Map.of()).status()).isEqualTo(204);

        Api.Answer after = api.get("/api/v1/sync-status", token);
        assertThat(after.status()).isEqualTo(401);
        assertThat((String) after.json().get("type")).endsWith("session-ended");
        String again = api.login(Users.ASHA);
        assertThat(write(again, id).get("syncStatus")).isIn("pending", "in_flight", "in_doubt", "success");
    }

    @Test
    void anExpiredSessionIsAClear401() {
        JwtSessions expired = new JwtSessions(keys.sessionKey(), sessions, Duration.ofMinutes(1),
                Clock.offset(Clock.systemUTC(), Duration.ofHours(-1)));
        String token = expired.issue(new Caller(Users.ASHA_ID, Users.ASHA, Set.of(Caller.Role.USER), null)).token();

        Api.Answer answer = api.get("/api/v1/sync-status", token);

        assertThat(answer.status()).isEqualTo(401);
        assertThat((String) answer.json().get("type")).endsWith("session-expired");
        assertThat((String) answer.json().get("detail")).contains("expired");
    }

    @Test
    void aRefreshRotatesTheKeptRefreshToken() {
        api.login(Users.KIRAN);
        String before = credentials.find(Users.KIRAN_ID).orElseThrow().refreshToken();
        simulator.expireTokens(false);

        String token = api.login(Users.KIRAN);
        String id = Writes.newId();
        simulator.expireTokens(false);
        handOver(token, Writes.createPatient(id, Users.KIRAN_ID));
        awaitStatus(token, id, "success");

        await().atMost(Duration.ofSeconds(5)).until(() ->
                !credentials.find(Users.KIRAN_ID).orElseThrow().refreshToken().equals(before));
    }
}
