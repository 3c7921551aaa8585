package network.ohc.caresync.api.pages;

import network.ohc.caresync.api.support.Browser;
import network.ohc.caresync.api.support.CareSyncTest;
import network.ohc.caresync.api.support.Simulator;
import network.ohc.caresync.api.support.Users;
import network.ohc.caresync.api.support.Writes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The Sync Status Page in headless Chromium: a nurse sees her writes change live and acts on them. */
class SyncStatusPageTest extends CareSyncTest {

    private static Browser browser;
    private String token;

    @AfterAll
    static void closeBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    @BeforeEach
    void signIn() {
        if (browser == null) {
            browser = Browser.open("http://127.0.0.1:" + port);
        }
        token = api.login(Users.RAVI);
        browser.signIn("/sync-status", Users.RAVI, Simulator.PASSWORD);
        browser.until("the live stream",
                d -> "live".equals(d.findElement(By.id("live")).getDomAttribute("data-state")));
        browser.js("window.notReloaded = true");
    }

    @Test
    void aWrongPasswordIsRefusedOnTheFormAndTheRightOneShowsTheQueues() {
        browser.click(By.id("sign-out"));
        browser.visible(By.id("username"));
        browser.type(By.id("username"), Users.RAVI);
        browser.type(By.id("password"), "not-the-password");
        browser.click(By.id("sign-in-submit"));
        browser.until("a sign-in error", d -> !d.findElement(By.id("sign-in-error")).getText().isBlank());

        browser.type(By.id("password"), Simulator.PASSWORD);
        browser.click(By.id("sign-in-submit"));

        assertThat(browser.text(By.id("signed-in-user"))).isEqualTo(Users.RAVI);
        for (String queue : List.of("pending", "failed", "conflicts", "success")) {
            browser.visible(By.cssSelector("#queue-" + queue + " h2"));
        }
        assertThat(browser.js("return sessionStorage.getItem('care-sync.session')")).asString().contains("token");
    }

    @Test
    void aConflictAppearsLiveAndKeepingMineSendsItAgain() {
        Map<String, Object> patient = patientInCare("Meera Conflict");
        String id = staleUpdate(patient, Map.of("address", "Changed offline"), null);

        By row = row("conflicts", id);
        browser.visible(row);
        assertThat(browser.js("return window.notReloaded === true")).isEqualTo(true);
        assertThat(browser.text(row)).contains("Meera Conflict").contains("Conflict").contains("Changed in CARE");
        browser.until("the change announced", d -> d.findElement(By.id("announcer")).getText().contains("Conflict"));

        browser.click(action(id, "resolve"));
        By address = By.cssSelector("#compare tr[data-field='address']");
        assertThat(browser.visible(address).getDomAttribute("class")).contains("differs");
        assertThat(browser.text(address)).contains("Changed offline").contains("Changed upstream");
        browser.click(By.cssSelector("[data-resolve='keep_mine']"));

        browser.visible(row("success", id));
        assertThat(awaitStatus(token, id, "success").get("history").toString()).contains("keep_mine");
        assertThat(careRecord(patient)).containsEntry("address", "Changed offline");
        assertThat(browser.js("return window.notReloaded === true")).isEqualTo(true);
    }

    @Test
    void takingTheirsGivesTheWriteUpAndLeavesCareAsItIs() {
        Map<String, Object> patient = patientInCare("Anu Theirs");
        String id = staleUpdate(patient, Map.of("address", "Changed offline"), null);
        browser.visible(row("conflicts", id));

        browser.click(action(id, "details"));
        browser.visible(By.id("compare"));
        browser.click(By.cssSelector("[data-resolve='take_theirs']"));

        browser.gone(row("conflicts", id));
        assertThat(awaitStatus(token, id, "discarded").get("history").toString()).contains("take_theirs");
        assertThat(careRecord(patient)).containsEntry("address", "Changed upstream");
    }

    @Test
    void aMergedVersionTakesEachFieldFromTheSideChosenInTheEditor() {
        Map<String, Object> patient = patientInCare("Divya Merge");
        Map<String, Object> mine = new LinkedHashMap<>();
        mine.put("name", "Divya Offline");
        mine.put("address", "Changed offline");
        Map<String, Object> base = new LinkedHashMap<>();
        base.put("name", "Divya Merge");
        base.put("address", patient.get("address"));
        String id = staleUpdate(patient, mine, base);
        browser.visible(row("conflicts", id));

        browser.click(action(id, "resolve"));
        assertThat(browser.text(By.cssSelector("#compare tr[data-field='address']"))).contains("1 Old Road");
        browser.click(By.cssSelector("[data-resolve='merged']"));
        browser.click(By.cssSelector("fieldset[data-field='address'] input[value='theirs']"));
        assertThat(browser.visible(By.cssSelector("fieldset[data-field='address'] input[type='text']"))
                .getDomProperty("value")).isEqualTo("Changed upstream");
        browser.type(By.cssSelector("fieldset[data-field='name'] input[type='text']"), "Divya Merged");
        browser.click(By.id("send-merged"));

        browser.visible(row("success", id));
        Map<String, Object> synced = awaitStatus(token, id, "success");
        assertThat(synced.get("payload")).isEqualTo(Map.of("name", "Divya Merged", "address", "Changed upstream"));
        assertThat(careRecord(patient)).containsEntry("name", "Divya Merged")
                .containsEntry("address", "Changed upstream");
    }

    @Test
    void aFailedWriteShowsCaresAnswerAndSyncsWhenRetriedFromThePage() {
        simulator.faults(Map.of("errorRate", 1.0, "errorStatus", 503, "faultRoutes", List.of("POST /api/v1/patient/")));
        String id = Writes.newId();
        handOver(token, Writes.createPatient(id, Users.RAVI_ID, Writes.patientPayload("Kamala Retry")));
        awaitWrite(token, id, w -> "failed".equals(w.get("syncStatus")) && Boolean.FALSE.equals(w.get("retryable")));
        browser.until("the failed write, retries used up",
                d -> d.findElement(row("failed", id)).getText().contains("not retried automatically"));

        browser.click(action(id, "details"));
        assertThat(browser.text(By.id("care-message"))).contains("503");
        assertThat(browser.text(By.id("details-history"))).contains("failed");
        browser.driver().switchTo().activeElement().sendKeys(Keys.ESCAPE);
        browser.until("the dialog closed", d -> d.findElement(By.id("details")).getDomAttribute("open") == null);
        assertThat(browser.js("return document.activeElement.dataset.writeId + '/'"
                + " + document.activeElement.dataset.action")).isEqualTo(id + "/details");

        simulator.faults(Map.of("errorRate", 0.0));
        browser.click(action(id, "retry"));

        browser.until("the write synced", d -> d.findElement(row("success", id)).getText().contains("Synced"));
        assertThat(browser.js("return window.notReloaded === true")).isEqualTo(true);
        assertThat(simulator.applied(id)).isEqualTo(1);
    }

    @Test
    void aWriteIsGivenUpOnlyWithAReason() {
        simulator.offline();
        String id = Writes.newId();
        handOver(token, Writes.createPatient(id, Users.RAVI_ID, Writes.patientPayload("Uma Discard")));
        browser.visible(row("pending", id));

        browser.click(action(id, "discard"));
        assertThat(browser.text(By.id("discard-what"))).contains("Uma Discard");
        browser.click(By.id("discard-confirm"));
        browser.until("the reason asked for", d -> !d.findElement(By.id("discard-error")).getText().isBlank());
        assertThat(browser.driver().switchTo().activeElement().getDomAttribute("id")).isEqualTo("discard-reason");
        browser.type(By.id("discard-reason"), "Registered twice");
        browser.click(By.id("discard-confirm"));

        browser.gone(row("pending", id));
        assertThat(awaitStatus(token, id, "discarded").get("history").toString()).contains("Registered twice");
    }

    private static By row(String queue, String id) {
        return By.cssSelector("#queue-" + queue + " tr[data-write-id='" + id + "']");
    }

    private static By action(String id, String action) {
        return By.cssSelector("tr[data-write-id='" + id + "'] button[data-action='" + action + "']");
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> patientInCare(String name) {
        String care = simulator.careToken(Users.RAVI);
        Map<String, Object> payload = Writes.patientPayload(name);
        payload.put("address", "1 Old Road");
        var created = simulator.care("POST", "/api/v1/patient/", care, payload);
        assertThat(created.statusCode()).isEqualTo(200);
        return (Map<String, Object>) Simulator.body(created);
    }

    /** Changes the patient in CARE, then hands over an update based on the version before that change. */
    private String staleUpdate(Map<String, Object> patient, Map<String, Object> changes, Map<String, Object> base) {
        String care = simulator.careToken(Users.RAVI);
        String patientId = (String) patient.get("id");
        assertThat(simulator.care("PUT", "/api/v1/patient/" + patientId + "/", care,
                Map.of("address", "Changed upstream")).statusCode()).isEqualTo(200);
        String id = Writes.newId();
        Map<String, Object> write = Writes.updatePatient(id, Users.RAVI_ID, patientId, changes,
                (String) patient.get("modified_date"));
        if (base != null) {
            write.put("basePayload", base);
        }
        assertThat(handOver(token, write).status()).isEqualTo(202);
        return id;
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> careRecord(Map<String, Object> patient) {
        String path = "/api/v1/patient/" + patient.get("id") + "/";
        return (Map<String, Object>) Simulator.body(simulator.care("GET", path, simulator.careToken(Users.RAVI), null));
    }
}
