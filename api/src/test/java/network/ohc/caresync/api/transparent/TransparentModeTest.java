package network.ohc.caresync.api.transparent;

import network.ohc.caresync.api.support.Api;
import network.ohc.caresync.api.support.CareSyncTest;
import network.ohc.caresync.api.support.Simulator;
import network.ohc.caresync.api.support.Users;
import network.ohc.caresync.api.support.Writes;
import network.ohc.caresync.application.sync.ConnectivityMonitor;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The unmodified CARE web app pointed at care-sync's {@code /care}, one behaviour at a time: conflicts, refusals, lost
 * answers, sign-in and refresh, the port of its own. The app's recorded sequence, offline and online, is replayed in
 * {@link CareWebAppSequenceTest}.
 */
class TransparentModeTest extends CareSyncTest {

    @Autowired
    ConnectivityMonitor connectivity;

    @Test
    void anOfflineEditCarriesTheVersionTheNurseSawSoAChangeMadeInCareMeanwhileIsAConflict() {
        CareWebApp app = new CareWebApp(port);
        app.login(Users.ASHA);
        Api.Answer created = app.post("/api/v1/patient/", CareWebApp.patient("Edited Esther", Writes.phone()));
        String patientId = (String) created.json().get("id");
        Api.Answer seen = app.get("/api/v1/patient/" + patientId + "/");
        // the doctor changes the address in CARE after the nurse opened the record
        simulator.care("PUT", "/api/v1/patient/" + patientId + "/", simulator.careToken(Users.RAVI),
                Map.of("address", "7 Hill Road"));
        goOffline();

        Api.Answer edited = app.put("/api/v1/patient/" + patientId + "/", Map.of("address", "12 Beach Road"));

        assertThat(edited.status()).as("%s", edited).isEqualTo(200);
        assertThat(edited.json()).containsEntry("id", patientId).containsEntry("address", "12 Beach Road")
                .containsEntry("name", "Edited Esther").containsEntry("is_updated_offline", true);
        String writeId = edited.header("X-Care-Sync-Write-Id");
        String session = api.login(Users.ASHA);
        assertThat(write(session, writeId)).containsEntry("queryrouteKey", "getPatient")
                .containsEntry("serverTimestamp", seen.json().get("modified_date"));

        simulator.online();
        Map<String, Object> conflict = awaitStatus(session, writeId, "conflict");
        assertThat(object(conflict.get("conflictData"))).containsEntry("address", "7 Hill Road");
        assertThat(record("patient", patientId)).containsEntry("address", "7 Hill Road");
    }

    @Test
    void offlineAMutationNoRouteKnowsIsRefusedAndNothingIsStored() {
        CareWebApp app = new CareWebApp(port);
        app.login(Users.ASHA);
        goOffline();
        long before = writesCreated();

        Api.Answer refused = app.post("/api/v1/patient/" + UUID.randomUUID() + "/symptom/",
                Map.of("code", Map.of("code", "25064002")));

        assertThat(refused.status()).as("%s", refused).isEqualTo(503);
        assertThat(refused.json()).isEqualTo(Map.of("detail", "Not available offline"));
        assertThat(writesCreated()).isEqualTo(before);
    }

    @Test
    void offlineAPageNeverOpenedOnlineAnswersACareShapedError() {
        CareWebApp app = new CareWebApp(port);
        app.login(Users.ASHA);
        goOffline();

        Api.Answer never = app.get("/api/v1/patient/" + UUID.randomUUID() + "/");

        assertThat(never.status()).as("%s", never).isEqualTo(503);
        assertThat(never.json()).isEqualTo(Map.of("detail",
                "Not available offline: this page was never opened while online"));
    }

    @Test
    void offlineATokenCareSyncCannotVouchForIsRefusedAsCareRefusesIt() {
        CareWebApp app = new CareWebApp(port);
        app.login(Users.ASHA);
        goOffline();
        String forged = forgedToken(Users.ASHA_ID);

        Api.Answer refused = new Api("http://127.0.0.1:" + port + "/care").post("/api/v1/patient/", forged,
                CareWebApp.patient("Forged Fatima", Writes.phone()));

        assertThat(refused.status()).as("%s", refused).isEqualTo(403);
        assertThat(refused.json()).containsEntry("code", "token_not_valid");
        Api.Answer wrong = new CareWebApp(port).login(Users.ASHA + "-nobody");
        assertThat(wrong.status()).as("%s", wrong).isEqualTo(503);
        Api.Answer badPassword = new Api("http://127.0.0.1:" + port + "/care").post("/api/v1/auth/login/", null,
                Map.of("username", Users.ASHA, "password", "not-her-password"));
        assertThat(badPassword.status()).as("%s", badPassword).isEqualTo(401);
        assertThat(badPassword.json()).containsEntry("code", "no_active_account");
    }

    /** Unverified claims are only looked up by: a user id no column can hold names nobody, never a failure. */
    @Test
    void offlineATokenNamingAUserIdNoColumnCanHoldIsRefusedAsCareRefusesIt() {
        goOffline();
        Api care = new Api("http://127.0.0.1:" + port + "/care");

        for (String userId : java.util.List.of("nul\\u0000id", "lone\\ud800", "x".repeat(300))) {
            String forged = forgedToken(userId);
            Api.Answer read = care.get("/api/v1/users/getcurrentuser/", forged);
            Api.Answer write = care.post("/api/v1/patient/", forged, CareWebApp.patient("Forged Fatima",
                    Writes.phone()));

            assertThat(read.status()).as("%s", read).isEqualTo(403);
            assertThat(read.json()).containsEntry("code", "token_not_valid");
            assertThat(write.status()).as("%s", write).isEqualTo(403);
        }
    }

    @Test
    void aMutationWhoseAnswerWasLostIsNotQueued() {
        CareWebApp app = new CareWebApp(port);
        app.login(Users.ASHA);
        long before = writesCreated();
        simulator.faults(Map.of("resetRate", 1, "faultRoutes", List.of("POST /api/v1/patient/")));

        Api.Answer lost = app.post("/api/v1/patient/", CareWebApp.patient("Lost Latha", Writes.phone()));

        assertThat(lost.status()).as("%s", lost).isEqualTo(504);
        assertThat((String) lost.json().get("detail")).contains("may or may not have been applied");
        assertThat(writesCreated()).isEqualTo(before);
    }

    @Test
    void aSignInPassingThroughSignsTheUserInToCareSyncSoTheirOfflineWritesSyncAsThem() {
        // no password hash to sign in with offline, and no usable vault: only the pass-through can make them
        jdbc.update("UPDATE care_credential SET password_hash = NULL, needs_sign_in = TRUE WHERE user_id = ?",
                Users.RAVI_ID);
        assertThat(passwordHashOf(Users.RAVI_ID)).isNull();
        CareWebApp app = new CareWebApp(port);

        assertThat(app.login(Users.RAVI).status()).isEqualTo(200);

        assertThat(passwordHashOf(Users.RAVI_ID)).isNotNull();
        assertThat(jdbc.queryForObject("SELECT needs_sign_in FROM care_credential WHERE user_id = ?", Boolean.class,
                Users.RAVI_ID)).isFalse();
        // the app's tokens are its own: care-sync signed in for itself
        String vaulted = jdbc.queryForObject("SELECT access_token FROM care_credential WHERE user_id = ?",
                String.class, Users.RAVI_ID);
        assertThat(vaulted).isNotEqualTo(app.access());
        goOffline();
        // the hash the pass-through kept signs him in while CARE is down
        assertThat(new CareWebApp(port).login(Users.RAVI).status()).isEqualTo(200);
        Api.Answer created = app.post("/api/v1/patient/", CareWebApp.patient("Ravi's Patient", Writes.phone()));
        assertThat(created.status()).as("%s", created).isEqualTo(200);
        String writeId = (String) created.json().get("id");

        simulator.online();
        String realId = (String) awaitStatus(api.login(Users.RAVI), writeId, "success").get("realId");
        assertThat(object(record("patient", realId).get("created_by"))).containsEntry("id", Users.RAVI_ID);
    }

    @Test
    void offlineTheAppsCareRefreshTokenGetsTokensOfCareSync() {
        CareWebApp app = new CareWebApp(port);
        app.login(Users.ASHA);
        goOffline();

        Api.Answer refreshed = app.refresh();

        assertThat(refreshed.status()).as("%s", refreshed).isEqualTo(200);
        assertThat(refreshed.json()).containsOnlyKeys("access", "refresh");
        assertThat(app.userIdClaim()).isEqualTo(Users.ASHA_ID);
        assertThat(app.get("/api/v1/users/getcurrentuser/").json()).containsEntry("id", Users.ASHA_ID);
    }

    @Test
    void onItsOwnPortCaresPathsAreServedAtTheRootAndCareSyncsOwnApiIsNot() {
        Api root = new Api("http://127.0.0.1:" + TRANSPARENT_PORT);

        Api.Answer login = root.post("/api/v1/auth/login/", null,
                Map.of("username", Users.ASHA, "password", Simulator.PASSWORD));
        assertThat(login.status()).as("%s", login).isEqualTo(200);
        assertThat(login.json()).containsOnlyKeys("access", "refresh");
        String token = (String) login.json().get("access");
        Api.Answer facilities = root.get("/api/v1/facility/", token);
        assertThat(facilities.raw().body()).isEqualTo(simulator.care("GET", "/api/v1/facility/", token, null).body());
        // care-sync's own sign-in path is CARE's here, and CARE has none without the slash
        assertThat(root.post("/api/v1/auth/login", null,
                Map.of("username", Users.ASHA, "password", Simulator.PASSWORD)).status()).isEqualTo(404);
    }

    private void goOffline() {
        simulator.offline();
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
                .until(() -> connectivity.state() == ConnectivityMonitor.State.OFFLINE);
    }

    private Map<String, Object> record(String kind, String id) {
        return simulator.records(kind).stream().filter(r -> id.equals(r.get("id"))).findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " " + id + " in CARE"));
    }

    /** The password hash care-sync keeps for offline sign-in; null when there is none (or no credential at all). */
    private String passwordHashOf(String userId) {
        return jdbc.queryForList("SELECT password_hash FROM care_credential WHERE user_id = ?", String.class, userId)
                .stream().filter(java.util.Objects::nonNull).findFirst().orElse(null);
    }

    private long writesCreated() {
        return jdbc.queryForObject("SELECT count(*) FROM domainevententry WHERE payloadtype LIKE '%OfflineWriteCreated'",
                Long.class);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(Object value) {
        return (Map<String, Object>) value;
    }

    /** A token that says it is the user's, signed with a key that is neither CARE's nor care-sync's. */
    private static String forgedToken(String userId) {
        java.util.Base64.Encoder b64 = java.util.Base64.getUrlEncoder().withoutPadding();
        String header = b64.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes());
        String claims = b64.encodeToString(("{\"token_type\":\"access\",\"exp\":" + (System.currentTimeMillis() / 1000
                + 600) + ",\"jti\":\"x\",\"user_id\":\"" + userId + "\"}").getBytes());
        return header + "." + claims + "." + b64.encodeToString("not-a-signature".getBytes());
    }
}
