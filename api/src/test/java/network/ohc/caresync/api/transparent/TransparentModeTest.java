package network.ohc.caresync.api.transparent;

import network.ohc.caresync.api.support.Api;
import network.ohc.caresync.api.support.CareSyncTest;
import network.ohc.caresync.api.support.Simulator;
import network.ohc.caresync.api.support.Users;
import network.ohc.caresync.api.support.Writes;
import network.ohc.caresync.application.sync.ConnectivityMonitor;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The unmodified CARE web app pointed at care-sync's {@code /care}: the requests it makes to register a patient, open
 * an encounter, edit the patient and list the encounters, replayed as the app sends them, offline and online.
 */
class TransparentModeTest extends CareSyncTest {

    @Autowired
    ConnectivityMonitor connectivity;

    @Test
    void theWebAppKeepsWorkingOfflineAndEverythingReachesCareOnceWithRealIds() {
        CareWebApp app = new CareWebApp(port);
        // a shift starts with CARE up: the nurse signs in and the app asks who she is
        assertThat(app.login(Users.ASHA).status()).isEqualTo(200);
        assertThat(app.get("/api/v1/users/getcurrentuser/").status()).isEqualTo(200);
        Map<String, Object> careShapes = careShapes();

        goOffline();
        Api.Answer login = app.login(Users.ASHA);
        assertThat(login.status()).as("%s", login).isEqualTo(200);
        assertThat(login.json()).containsOnlyKeys("access", "refresh");
        assertThat(app.userIdClaim()).isEqualTo(Users.ASHA_ID);

        Api.Answer me = app.get("/api/v1/users/getcurrentuser/");
        assertThat(me.status()).as("%s", me).isEqualTo(200);
        assertThat(me.json()).containsEntry("id", Users.ASHA_ID).containsEntry("username", Users.ASHA);

        String phone = Writes.phone();
        Api.Answer patient = app.post("/api/v1/patient/", CareWebApp.patient("Offline Lakshmi", phone));
        assertThat(patient.status()).as("%s", patient).isEqualTo(200);
        String patientId = (String) patient.json().get("id");
        assertThat(patientId).startsWith("offline-");
        assertThat(patient.json()).containsKeys(keysOf(careShapes, "patient"))
                .containsEntry("name", "Offline Lakshmi").containsEntry("phone_number", phone);

        Api.Answer encounter = app.post("/api/v1/encounter/", CareWebApp.encounter(patientId));
        assertThat(encounter.status()).as("%s", encounter).isEqualTo(200);
        String encounterId = (String) encounter.json().get("id");
        assertThat(encounterId).startsWith("offline-");
        assertThat(encounter.json()).containsKeys(keysOf(careShapes, "encounter"))
                .containsEntry("status", "in_progress");
        assertThat(object(encounter.json().get("patient"))).containsEntry("id", patientId)
                .containsEntry("name", "Offline Lakshmi");

        Api.Answer update = app.put("/api/v1/patient/" + patientId + "/", Map.of("address", "12 Beach Road"));
        assertThat(update.status()).as("%s", update).isEqualTo(200);
        assertThat(update.json()).containsKeys(keysOf(careShapes, "patient")).containsEntry("id", patientId)
                .containsEntry("address", "12 Beach Road").containsEntry("name", "Offline Lakshmi");
        String updateId = update.header("X-Care-Sync-Write-Id");
        assertThat(updateId).startsWith("offline-");

        Api.Answer encounters = app.get("/api/v1/encounter/?patient=" + patientId + "&limit=15&offset=0");
        assertThat(encounters.status()).as("%s", encounters).isEqualTo(200);
        assertThat(encounters.json()).containsEntry("count", 1);
        assertThat(results(encounters)).extracting(e -> e.get("id")).containsExactly(encounterId);

        assertThat(app.get("/api/v1/users/getcurrentuser/").status()).isEqualTo(200);

        // the link comes back: care-sync replays all three, the patient first
        simulator.online();
        String session = api.login(Users.ASHA);
        String realPatient = (String) awaitStatus(session, patientId, "success").get("realId");
        String realEncounter = (String) awaitStatus(session, encounterId, "success").get("realId");
        awaitStatus(session, updateId, "success");

        assertThat(simulator.applied(patientId)).isEqualTo(1);
        assertThat(simulator.applied(encounterId)).isEqualTo(1);
        assertThat(simulator.applied(updateId)).isEqualTo(1);
        Map<String, Object> inCare = record("patient", realPatient);
        assertThat(inCare).containsEntry("name", "Offline Lakshmi").containsEntry("address", "12 Beach Road");
        assertThat(object(inCare.get("created_by"))).containsEntry("id", Users.ASHA_ID);
        assertThat(object(record("encounter", realEncounter).get("patient"))).containsEntry("id", realPatient);
        assertThat(simulator.records("patient").toString() + simulator.records("encounter"))
                .doesNotContain("offline-");

        // the token care-sync issued keeps the app working now CARE answers, and the temporary id reads the real record
        Api.Answer real = app.get("/api/v1/patient/" + patientId + "/");
        assertThat(real.status()).as("%s", real).isEqualTo(200);
        assertThat(real.json()).containsEntry("id", realPatient).containsEntry("address", "12 Beach Road");
        Api.Answer meOnline = app.get("/api/v1/users/getcurrentuser/");
        assertThat(meOnline.status()).as("%s", meOnline).isEqualTo(200);
        assertThat(meOnline.header("X-Care-Sync-Source")).isNull();
        assertThat(meOnline.json()).containsEntry("id", Users.ASHA_ID);
    }

    @Test
    void onlineTheSameSequencePassesThroughUnchangedAndFillsTheCache() {
        CareWebApp app = new CareWebApp(port);
        long before = writesCreated();
        Api.Answer login = app.login(Users.ASHA);
        assertThat(login.status()).as("%s", login).isEqualTo(200);
        assertThat(login.header("X-Care-Sync-Source")).isNull();
        String token = app.access();
        // CARE's own token: CARE accepts it directly
        assertThat(simulator.care("GET", "/api/v1/users/getcurrentuser/", token, null).statusCode()).isEqualTo(200);
        assertSameAsCare(app, "/api/v1/users/getcurrentuser/");

        Api.Answer patient = app.post("/api/v1/patient/", CareWebApp.patient("Online Lakshmi", Writes.phone()));
        assertThat(patient.status()).as("%s", patient).isEqualTo(200);
        String patientId = (String) patient.json().get("id");
        assertThat(UUID.fromString(patientId)).isNotNull();
        assertThat(patient.json()).containsOnlyKeys(keysOf(careShapes(), "patient"));

        Api.Answer encounter = app.post("/api/v1/encounter/", CareWebApp.encounter(patientId));
        assertThat(encounter.status()).as("%s", encounter).isEqualTo(200);
        assertThat(object(encounter.json().get("patient"))).containsEntry("id", patientId);

        Api.Answer update = app.put("/api/v1/patient/" + patientId + "/", Map.of("address", "12 Beach Road"));
        assertThat(update.status()).as("%s", update).isEqualTo(200);
        assertThat(update.json()).containsEntry("address", "12 Beach Road");
        assertThat(update.header("X-Care-Sync-Write-Id")).isNull();

        String encounters = "/api/v1/encounter/?patient=" + patientId + "&limit=15&offset=0";
        String listed = assertSameAsCare(app, encounters);
        assertSameAsCare(app, "/api/v1/patient/" + patientId + "/");
        assertThat(writesCreated()).as("nothing was queued").isEqualTo(before);

        // what passed through was kept for the user, and CARE's own token still says who she is
        Api.Answer online = app.get("/api/v1/patient/" + patientId + "/");
        goOffline();
        Api.Answer offline = app.get("/api/v1/patient/" + patientId + "/");
        assertThat(offline.status()).as("%s", offline).isEqualTo(200);
        assertThat(offline.header("X-Care-Sync-Source")).isEqualTo("cache");
        assertThat(offline.raw().body()).isEqualTo(online.raw().body());
        assertThat(app.get(encounters).raw().body()).isEqualTo(listed);
    }

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
        jdbc.update("UPDATE care_credential SET needs_sign_in = TRUE WHERE user_id = ?", Users.RAVI_ID);
        CareWebApp app = new CareWebApp(port);

        assertThat(app.login(Users.RAVI).status()).isEqualTo(200);

        assertThat(jdbc.queryForObject("SELECT needs_sign_in FROM care_credential WHERE user_id = ?", Boolean.class,
                Users.RAVI_ID)).isFalse();
        // the app's tokens are its own: care-sync signed in for itself
        String vaulted = jdbc.queryForObject("SELECT access_token FROM care_credential WHERE user_id = ?",
                String.class, Users.RAVI_ID);
        assertThat(vaulted).isNotEqualTo(app.access());
        goOffline();
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

    /** The same answer through care-sync as from CARE directly, byte for byte; that answer. */
    private String assertSameAsCare(CareWebApp app, String path) {
        Api.Answer through = app.get(path);
        HttpResponse<String> direct = simulator.care("GET", path, app.access(), null);
        assertThat(through.status()).isEqualTo(direct.statusCode());
        assertThat(through.header("X-Care-Sync-Source")).isNull();
        assertThat(through.raw().body()).isEqualTo(direct.body());
        return through.raw().body();
    }

    /** What CARE answers to a create of each kind, made directly: the fields a CARE-shaped answer must have. */
    private Map<String, Object> careShapes() {
        String token = simulator.careToken(Users.MEENA);
        Map<String, Object> patient = object(Simulator.body(simulator.care("POST", "/api/v1/patient/", token,
                CareWebApp.patient("Shape Sita", Writes.phone()))));
        Map<String, Object> encounter = object(Simulator.body(simulator.care("POST", "/api/v1/encounter/", token,
                CareWebApp.encounter((String) patient.get("id")))));
        return Map.of("patient", patient, "encounter", encounter);
    }

    private static String[] keysOf(Map<String, Object> shapes, String kind) {
        return object(shapes.get(kind)).keySet().toArray(String[]::new);
    }

    private Map<String, Object> record(String kind, String id) {
        return simulator.records(kind).stream().filter(r -> id.equals(r.get("id"))).findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " " + id + " in CARE"));
    }

    private long writesCreated() {
        return jdbc.queryForObject("SELECT count(*) FROM domainevententry WHERE payloadtype LIKE '%OfflineWriteCreated'",
                Long.class);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(Object value) {
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> results(Api.Answer answer) {
        return (List<Map<String, Object>>) answer.json().get("results");
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
