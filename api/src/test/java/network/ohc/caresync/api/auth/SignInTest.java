package network.ohc.caresync.api.auth;

import com.fasterxml.jackson.databind.ObjectMapper;
import network.ohc.caresync.api.security.JwtSessions;
import network.ohc.caresync.api.support.Api;
import network.ohc.caresync.api.support.CareSyncTest;
import network.ohc.caresync.api.support.Simulator;
import network.ohc.caresync.api.support.Users;
import network.ohc.caresync.api.support.Writes;
import network.ohc.caresync.application.auth.Caller;
import network.ohc.caresync.application.auth.CareTokenVault;
import network.ohc.caresync.application.auth.CredentialStore;
import network.ohc.caresync.application.auth.StoredCredential;
import network.ohc.caresync.infrastructure.config.KeyMaterial;
import network.ohc.caresync.infrastructure.session.JdbcSessions;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class SignInTest extends CareSyncTest {

    @Autowired
    CredentialStore credentials;
    @Autowired
    KeyMaterial keys;
    @Autowired
    JdbcSessions sessions;
    @Autowired
    CareTokenVault vault;

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
            jdbc.update("DELETE FROM sign_in_attempt WHERE username_key = ?", Users.RAVI);
        }
    }

    @Test
    void guessesAgainstANameCareSyncHasNeverSeenAreLimitedTooOnlineAndOffline() {
        String name = "guessed." + UUID.randomUUID().toString().substring(0, 8);
        try {
            List<Integer> online = new ArrayList<>();
            for (String spelling : List.of(name, name.toUpperCase(Locale.ROOT), " " + name + " ")) {
                online.add(api.post("/api/v1/auth/login", null, Map.of("username", spelling, "password", "guess"))
                        .status());
            }
            Api.Answer lockedOnline = api.post("/api/v1/auth/login", null, Map.of("username", name, "password",
                    "another guess"));
            simulator.offline();
            Api.Answer lockedOffline = api.post("/api/v1/auth/login", null, Map.of("username", name, "password",
                    "yet another"));

            assertThat(online).containsExactly(401, 401, 401);
            assertThat(lockedOnline.status()).isEqualTo(429);
            assertThat(lockedOnline.header("Content-Type")).contains("application/problem+json");
            assertThat(lockedOffline.status()).isEqualTo(429);
            assertThat(careLogins()).as("a locked name is refused before CARE is asked").isEqualTo(3);
            assertThat(jdbc.queryForObject("SELECT count(*) FROM care_credential WHERE lower(username) = ?",
                    Integer.class, name)).as("no credential that could sign in offline").isZero();
        } finally {
            jdbc.update("DELETE FROM sign_in_attempt WHERE username_key = ?", name);
        }
    }

    @Test
    void aRightPasswordStartsTheCountAgain() {
        try {
            api.post("/api/v1/auth/login", null, Map.of("username", Users.MEENA, "password", "wrong"));
            api.post("/api/v1/auth/login", null, Map.of("username", Users.MEENA, "password", "wrong"));
            api.login(Users.MEENA);
            api.post("/api/v1/auth/login", null, Map.of("username", Users.MEENA, "password", "wrong"));
            api.post("/api/v1/auth/login", null, Map.of("username", Users.MEENA, "password", "wrong"));

            assertThat(api.post("/api/v1/auth/login", null, Map.of("username", Users.MEENA, "password",
                    Simulator.PASSWORD)).status()).isEqualTo(200);
        } finally {
            jdbc.update("DELETE FROM sign_in_attempt WHERE username_key = ?", Users.MEENA);
        }
    }

    @SuppressWarnings("unchecked")
    private int careLogins() {
        return ((List<Map<String, Object>>) simulator.stats().get("requests")).stream()
                .filter(r -> "/api/v1/auth/login/".equals(r.get("route")))
                .mapToInt(r -> ((Number) r.get("count")).intValue()).sum();
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
    void aLogoutOnAnotherNodeEndsTheSessionHereAtOnce() {
        String token = api.login(Users.ASHA);
        assertThat(api.get("/api/v1/sync-status", token).status()).isEqualTo(200);
        JwtSessions otherNode = new JwtSessions(keys.sessionKey(), sessions, Duration.ofHours(1), Clock.systemUTC());

        otherNode.revoke(sessionId(token));
        Api.Answer after = api.get("/api/v1/sync-status", token);

        assertThat(after.status()).isEqualTo(401);
        assertThat((String) after.json().get("type")).endsWith("session-ended");
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
    void eachRefreshKeepsTheNewRefreshTokenAndCareRefusesTheOldOne() {
        // access tokens of 20 s count as run out at once (the vault refreshes 30 s early): every ask refreshes
        simulator.care("PUT", "/__sim/tokens/lifetimes", "-", Map.of("access", "PT20S"));
        api.login(Users.MEENA);
        String first = keptRefreshToken(Users.MEENA_ID);

        String access1 = vault.accessTokenFor(Users.MEENA_ID).orElseThrow();
        String second = keptRefreshToken(Users.MEENA_ID);
        String access2 = vault.accessTokenFor(Users.MEENA_ID).orElseThrow();
        String third = keptRefreshToken(Users.MEENA_ID);

        assertThat(List.of(first, second, third)).doesNotHaveDuplicates();
        assertThat(access2).isNotEqualTo(access1);
        assertThat(careRefresh(first)).as("the first refresh token, rotated away").isEqualTo(401);
        assertThat(careRefresh(second)).as("the second refresh token, rotated away").isEqualTo(401);
        assertThat(simulator.care("GET", "/api/v1/users/getcurrentuser/", access2, null).statusCode())
                .isEqualTo(200);
        // the kept one is the live one: the vault refreshes with it once more and the user needs no sign-in
        assertThat(vault.accessTokenFor(Users.MEENA_ID)).isPresent();
        assertThat(vault.needsSignIn(Users.MEENA_ID)).isFalse();
        assertThat(keptRefreshToken(Users.MEENA_ID)).isNotIn(first, second, third);
    }

    @Test
    void concurrentRefreshesOfOneUserReachCareOnceAndKeepTheSession() throws Exception {
        api.login(Users.ASHA);
        String rejected = credentials.find(Users.ASHA_ID).orElseThrow().accessToken();
        String refresh = keptRefreshToken(Users.ASHA_ID);
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Optional<String>>> answers = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                answers.add(threads.submit(() -> {
                    start.await();
                    return vault.refreshAfterRejection(Users.ASHA_ID, rejected);
                }));
            }
            start.countDown();
            Set<Optional<String>> tokens = new HashSet<>();
            for (Future<Optional<String>> answer : answers) {
                tokens.add(answer.get(30, TimeUnit.SECONDS));
            }

            String kept = credentials.find(Users.ASHA_ID).orElseThrow().accessToken();
            assertThat(tokens).as("every caller got the one new token").containsExactly(Optional.of(kept));
            assertThat(kept).isNotEqualTo(rejected);
            assertThat(careRefreshes()).isEqualTo(1);
            assertThat(vault.needsSignIn(Users.ASHA_ID)).isFalse();
            assertThat(careRefresh(refresh)).isEqualTo(401);
        } finally {
            threads.shutdownNow();
        }
    }

    private String keptRefreshToken(String userId) {
        return credentials.find(userId).orElseThrow().refreshToken();
    }

    private int careRefresh(String refreshToken) {
        return simulator.care("POST", "/api/v1/auth/token/refresh/", "-", Map.of("refresh", refreshToken))
                .statusCode();
    }

    @SuppressWarnings("unchecked")
    private int careRefreshes() {
        return ((List<Map<String, Object>>) simulator.stats().get("requests")).stream()
                .filter(r -> "/api/v1/auth/token/refresh/".equals(r.get("route")))
                .mapToInt(r -> ((Number) r.get("count")).intValue()).sum();
    }

    private static String sessionId(String token) {
        try {
            Map<?, ?> claims = new ObjectMapper().readValue(Base64.getUrlDecoder().decode(token.split("\\.")[1]),
                    Map.class);
            return (String) claims.get("jti");
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
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
