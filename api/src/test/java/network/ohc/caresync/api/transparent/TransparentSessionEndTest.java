package network.ohc.caresync.api.transparent;

import network.ohc.caresync.api.config.CacheHousekeeping;
import network.ohc.caresync.api.support.Api;
import network.ohc.caresync.api.support.CareSyncTest;
import network.ohc.caresync.api.support.Simulator;
import network.ohc.caresync.api.support.Users;
import network.ohc.caresync.application.sync.ConnectivityMonitor;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The CARE web app's sessions in the transparent mode end as care-sync's own do: signing out through CARE's path wipes
 * the user's cached reads and persisted client, and so does the end of the user's last session, whether its tokens
 * were issued by care-sync during an outage or by CARE.
 */
class TransparentSessionEndTest extends CareSyncTest {

    private static final String ME = "/api/v1/users/getcurrentuser/";

    @Autowired
    ConnectivityMonitor connectivity;

    @Autowired
    CacheHousekeeping housekeeping;

    @Test
    void signingOutThroughCaresPathWipesTheUsersCachedReadsAndPersistedClient() {
        Api app = careApi();
        Map<String, Object> tokens = login(app, Users.MEENA);
        readOnline(app, access(tokens));
        String session = api.login(Users.MEENA);
        assertThat(api.send("PUT", "/api/v1/persisted-client", session, Map.of("buster", "", "timestamp", 1,
                "clientState", Map.of("queries", List.of(), "mutations", List.of()))).status()).isEqualTo(200);
        assertThat(sessionOf(refresh(tokens))).containsEntry("revoked", false);

        Api.Answer out = app.post("/api/v1/auth/logout/", access(tokens), Map.of("refresh", refresh(tokens)));

        assertThat(out.status()).as("%s", out).isEqualTo(200);
        assertThat(entriesOf(Users.MEENA_ID)).isZero();
        assertThat(persistedClientsOf(Users.MEENA_ID)).isZero();
        assertThat(sessionOf(refresh(tokens))).containsEntry("revoked", true);
        // her writes and care-sync's own sign-in stay: only copies of CARE's data go
        assertThat(api.get("/api/v1/sync-status", session).status()).isEqualTo(200);
    }

    @Test
    void signingOutOfTokensCareSyncIssuedOfflineWipesTheUsersCachedReads() {
        Api app = careApi();
        readOnline(app, access(login(app, Users.MEENA)));
        goOffline();
        Map<String, Object> offline = login(app, Users.MEENA);

        Api.Answer out = app.post("/api/v1/auth/logout/", access(offline), Map.of("refresh", refresh(offline)));

        assertThat(out.status()).as("%s", out).isEqualTo(200);
        assertThat(entriesOf(Users.MEENA_ID)).isZero();
        assertThat(sessionOf(refresh(offline))).containsEntry("revoked", true);
    }

    @Test
    void tokensCareSyncIssuedOfflineAreASessionWhoseExpiryWipesTheUsersDataWhenItWasTheirLast() {
        Api app = careApi();
        readOnline(app, access(login(app, Users.MEENA)));
        goOffline();
        Map<String, Object> offline = login(app, Users.MEENA);
        String refresh = refresh(offline);
        // the session lasts as long as the refresh token care-sync issued: without it the app must sign in again
        Map<String, Object> row = sessionOf(refresh);
        assertThat(row).containsEntry("userId", Users.MEENA_ID).containsEntry("revoked", false);
        assertThat((Instant) row.get("expiresAt")).isEqualTo(expiryClaim(refresh));
        assertThat(entriesOf(Users.MEENA_ID)).isPositive();

        onlySessionLeft(refresh);
        jdbc.update("UPDATE user_session SET expires_at = now() - interval '1 second' WHERE session_id = ?",
                sha256(refresh));
        housekeeping.wipeExpiredSessions();

        assertThat(entriesOf(Users.MEENA_ID)).isZero();
    }

    @Test
    void aSignInPassingThroughIsASessionUntilCareNoLongerHonoursItsRefreshToken() {
        Api app = careApi();
        Map<String, Object> tokens = login(app, Users.MEENA);
        String refresh = refresh(tokens);
        readOnline(app, access(tokens));
        assertThat((Instant) sessionOf(refresh).get("expiresAt")).isEqualTo(expiryClaim(refresh));
        onlySessionLeft(refresh);
        housekeeping.wipeExpiredSessions();
        assertThat(entriesOf(Users.MEENA_ID)).as("a live session keeps the data").isPositive();

        // CARE ends the session (signed out elsewhere): the app's refresh is refused, and its session is over
        assertThat(simulator.care("POST", "/api/v1/auth/logout/", access(tokens), Map.of("refresh", refresh))
                .statusCode()).isLessThan(300);
        Api.Answer refused = app.post("/api/v1/auth/token/refresh/", null, Map.of("refresh", refresh));
        assertThat(refused.status()).as("%s", refused).isEqualTo(401);
        housekeeping.wipeExpiredSessions();

        assertThat(entriesOf(Users.MEENA_ID)).isZero();
    }

    @Test
    void tokensCareSyncIssuedAreRefusedOnceTheirSessionIsSignedOutWhileTheUsersOtherSessionsGoOn() {
        Api app = careApi();
        readOnline(app, access(login(app, Users.MEENA)));
        goOffline();
        Map<String, Object> tablet = login(app, Users.MEENA);
        Map<String, Object> desk = login(app, Users.MEENA);
        assertThat(app.get(ME, access(tablet)).status()).isEqualTo(200);
        // a refresh goes on with the tablet's session: its tokens end with it
        Api.Answer renewed = app.post("/api/v1/auth/token/refresh/", null, Map.of("refresh", refresh(tablet)));
        assertThat(renewed.status()).as("%s", renewed).isEqualTo(200);
        Map<String, Object> tablet2 = renewed.json();
        assertThat(app.get(ME, access(tablet2)).status()).isEqualTo(200);

        Api.Answer out = app.post("/api/v1/auth/logout/", access(tablet2), Map.of("refresh", refresh(tablet2)));

        assertThat(out.status()).as("%s", out).isEqualTo(200);
        for (String access : List.of(access(tablet), access(tablet2))) {
            Api.Answer refused = app.get(ME, access);
            assertThat(refused.status()).as("%s", refused).isEqualTo(403);
            assertThat(refused.json()).containsEntry("code", "token_not_valid");
        }
        for (String refresh : List.of(refresh(tablet), refresh(tablet2))) {
            Api.Answer refused = app.post("/api/v1/auth/token/refresh/", null, Map.of("refresh", refresh));
            assertThat(refused.status()).as("%s", refused).isEqualTo(401);
            assertThat(refused.json()).containsEntry("code", "token_not_valid");
        }
        assertThat(app.get(ME, access(desk)).json()).containsEntry("id", Users.MEENA_ID);

        // with CARE back, an ended session's token is not swapped for the user's CARE token either
        simulator.online();
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
                .until(() -> connectivity.state() != ConnectivityMonitor.State.OFFLINE);
        Api.Answer online = app.get(ME, access(tablet2));
        assertThat(online.status()).as("%s", online).isEqualTo(403);
        assertThat(online.json()).containsEntry("code", "token_not_valid");
        assertThat(app.get(ME, access(desk)).json()).containsEntry("id", Users.MEENA_ID);
    }

    /** A read passing through to CARE, which care-sync keeps for the user once the answer has gone on. */
    private void readOnline(Api app, String access) {
        assertThat(app.get(ME, access).status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> entriesOf(Users.MEENA_ID) > 0);
    }

    private Api careApi() {
        return new Api("http://127.0.0.1:" + port + "/care");
    }

    private static Map<String, Object> login(Api app, String username) {
        Api.Answer answer = app.post("/api/v1/auth/login/", null,
                Map.of("username", username, "password", Simulator.PASSWORD));
        assertThat(answer.status()).as("%s", answer).isEqualTo(200);
        return answer.json();
    }

    private static String access(Map<String, Object> tokens) {
        return (String) tokens.get("access");
    }

    private static String refresh(Map<String, Object> tokens) {
        return (String) tokens.get("refresh");
    }

    /** Ends every other session of the user (their REST sessions, earlier sign-ins) so this one is their last. */
    private void onlySessionLeft(String refresh) {
        jdbc.update("UPDATE user_session SET revoked_at = now() WHERE user_id = ? AND session_id <> ? "
                + "AND revoked_at IS NULL", Users.MEENA_ID, sha256(refresh));
    }

    private Map<String, Object> sessionOf(String refresh) {
        List<Map<String, Object>> rows = jdbc.query(
                "SELECT user_id, expires_at, revoked_at FROM user_session WHERE session_id = ?",
                (rs, n) -> Map.of("userId", rs.getString("user_id"),
                        "expiresAt", rs.getTimestamp("expires_at").toInstant(),
                        "revoked", rs.getTimestamp("revoked_at") != null), sha256(refresh));
        assertThat(rows).as("a session for the app's refresh token").hasSize(1);
        return rows.get(0);
    }

    @SuppressWarnings("unchecked")
    private static Instant expiryClaim(String token) {
        try {
            Map<String, Object> claims = new com.fasterxml.jackson.databind.ObjectMapper().readValue(
                    Base64.getUrlDecoder().decode(token.split("\\.")[1]), Map.class);
            return Instant.ofEpochSecond(((Number) claims.get("exp")).longValue());
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private int entriesOf(String userId) {
        Integer n = jdbc.queryForObject("SELECT count(*) FROM query_cache_entry WHERE user_id = ?", Integer.class,
                userId);
        return n == null ? 0 : n;
    }

    private int persistedClientsOf(String userId) {
        Integer n = jdbc.queryForObject("SELECT count(*) FROM persisted_client WHERE user_id = ?", Integer.class,
                userId);
        return n == null ? 0 : n;
    }

    private void goOffline() {
        simulator.offline();
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
                .until(() -> connectivity.state() == ConnectivityMonitor.State.OFFLINE);
    }

    private static String sha256(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
