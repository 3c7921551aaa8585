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
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

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

    @Test
    void aConflictIsComparedWithTheVersionCareSyncKeptFromTheNursesCache() {
        Map<String, Object> patient = patientInCare("Chitra Cached");
        assertThat(api.get("/api/v1/cache/getPatient?id=" + patient.get("id"), token).status()).isEqualTo(200);
        String id = staleUpdate(patient, Map.of("address", "Changed offline"), null);
        browser.visible(row("conflicts", id));

        browser.click(action(id, "resolve"));

        By address = By.cssSelector("#compare tr[data-field='address']");
        assertThat(browser.text(address)).contains("Changed offline").contains("Changed upstream").contains("1 Old Road")
                .contains("changed by you").contains("changed in CARE").doesNotContain("unknown");
        assertThat(browser.visible(By.id("base-source")).getDomAttribute("data-source")).isEqualTo("cache");
        browser.click(By.cssSelector("[data-resolve='take_theirs']"));
        browser.gone(row("conflicts", id));
    }

    @Test
    void aChildWaitingForItsParentSaysWhichOne() {
        simulator.offline();
        String parent = Writes.newId();
        String child = Writes.newId();
        handOver(token, Writes.createPatient(parent, Users.RAVI_ID, Writes.patientPayload("Padma Parent")));
        handOver(token, Writes.createEncounter(child, Users.RAVI_ID, parent, parent));

        browser.until("the child waiting for its parent", d -> d.findElement(row("pending", child)).getText()
                .contains("Waiting for Padma Parent (new patient)"));
        assertThat(browser.text(row("pending", child))).contains("Blocked");

        discard(child, parent);
    }

    @Test
    void aWriteWhoseCareSignInRanOutSaysSignInAgainAndGoesOnceTheNurseSignsIn() {
        simulator.offline();
        String id = Writes.newId();
        handOver(token, Writes.createPatient(id, Users.RAVI_ID, Writes.patientPayload("Sushila Sign-in")));
        simulator.expireTokens(true);
        simulator.online();
        awaitWrite(token, id, w -> "auth_required".equals(w.get("blockReason")));

        browser.until("the write asking for a sign-in", d -> d.findElement(row("pending", id)).getText()
                .contains("Sign in again"));

        api.login(Users.RAVI);
        browser.visible(row("success", id));
        assertThat(simulator.applied(id)).isEqualTo(1);
    }

    @Test
    void aWriteInDoubtIsSettledFromThePageEitherWay() {
        String care = simulator.careToken(Users.RAVI);
        String patient = (String) patientInCare("Indira Doubt").get("id");
        String encounter = (String) ((Map<?, ?>) Simulator.body(simulator.care("POST", "/api/v1/encounter/", care,
                Map.of("patient", patient, "facility", Simulator.FACILITY, "status", "in_progress",
                        "encounter_class", "amb", "priority", "routine")))).get("id");
        List<String> batch = List.of("POST /api/v1/batch_requests/");
        // CARE saves the first questionnaire but its answer is lost; the second never reaches it
        simulator.faults(Map.of("dropAfterApplyRate", 1.0, "faultRoutes", batch));
        String applied = Writes.newId();
        handOver(token, Writes.questionnaire(applied, Users.RAVI_ID, patient, encounter));
        awaitStatus(token, applied, "in_doubt");
        simulator.faults(Map.of("dropAfterApplyRate", 0.0, "resetRate", 1.0, "faultRoutes", batch));
        String lost = Writes.newId();
        handOver(token, Writes.questionnaire(lost, Users.RAVI_ID, patient, encounter));
        awaitStatus(token, lost, "in_doubt");
        simulator.faults(Map.of("resetRate", 0.0));

        browser.click(action(applied, "resolve"));
        assertThat(browser.text(By.id("in-doubt"))).contains("Did CARE save it?");
        browser.click(By.xpath("//section[@id='in-doubt']//button[normalize-space()='It was applied']"));
        browser.visible(row("success", applied));

        browser.click(action(lost, "resolve"));
        browser.click(By.xpath("//section[@id='in-doubt']//button[normalize-space()='Send again']"));
        browser.visible(row("success", lost));

        assertThat(awaitStatus(token, applied, "success").get("history").toString()).contains("InDoubtReconciled");
        assertThat(simulator.applied(applied)).isEqualTo(1);
        assertThat(simulator.applied(lost)).isEqualTo(1);
    }

    @Test
    void aQuestionnaireCareRefusedShowsEveryPartItRefusedWithCaresMessage() {
        String patient = (String) patientInCare("Qamar Questionnaire").get("id");
        String id = Writes.newId();
        Map<String, Object> write = Writes.questionnaire(id, Users.RAVI_ID, patient, UUID.randomUUID().toString());
        List<Object> requests = new ArrayList<>((List<?>) ((Map<?, ?>) write.get("payload")).get("requests"));
        requests.add(Map.of("url", "/api/v1/patient/" + UUID.randomUUID() + "/symptom/upsert/", "method", "POST",
                "reference_id", "second-visit", "body", Map.of("datapoints", List.of(Map.of(
                        "code", Map.of("code", "25064002", "display", "Headache"), "clinical_status", "active",
                        "encounter", UUID.randomUUID().toString())))));
        write.put("payload", Map.of("requests", requests));
        handOver(token, write);
        awaitStatus(token, id, "failed");

        By failed = row("failed", id);
        browser.until("both refused parts named", d -> d.findElement(failed).getText().contains("second-visit"));
        assertThat(browser.text(failed)).contains("symptoms: Encounter does not exist")
                .contains("second-visit: No Patient matches the given query.");

        browser.click(action(id, "details"));
        By symptoms = By.cssSelector("#care-errors li[data-reference-id='symptoms']");
        By second = By.cssSelector("#care-errors li[data-reference-id='second-visit']");
        assertThat(browser.text(symptoms)).contains("HTTP 400").contains("Encounter does not exist");
        assertThat(browser.text(second)).contains("HTTP 404").contains("No Patient matches the given query.");
        assertThat(browser.text(By.id("care-message"))).contains("2 of the 2 parts");
        browser.driver().switchTo().activeElement().sendKeys(Keys.ESCAPE);
    }

    @Test
    void theQueueHeadingsCountEveryWriteEvenBeyondTheRowsShown() {
        String meena = api.login(Users.MEENA);
        browser.signIn("/sync-status", Users.MEENA, Simulator.PASSWORD);
        simulator.offline();
        long before = waiting(meena);
        List<Map<String, Object>> writes = new ArrayList<>();
        for (int i = 0; i < 105; i++) {
            writes.add(Writes.createPatient(Writes.newId(), Users.MEENA_ID));
        }
        assertThat(api.post("/api/v1/offline-writes/batch", meena, writes).json()).containsEntry("accepted", 105);
        await().atMost(Duration.ofSeconds(30)).until(() -> waiting(meena) == before + 105);
        long waiting = before + 105;

        By heading = By.cssSelector("#queue-pending .queue-count");
        browser.until("the pending total", d -> d.findElement(heading).getText().equals(String.valueOf(waiting)));
        assertThat(browser.driver().findElements(By.cssSelector("#queue-pending tbody tr"))).hasSize(100);
        assertThat(browser.text(By.cssSelector("#queue-pending caption")))
                .contains("the newest 100 of " + waiting + " writes");

        for (Map<String, Object> w : writes) {
            api.post("/api/v1/offline-writes/" + w.get("id") + "/discard", meena, Map.of("reason", "test over"));
        }
    }

    @Test
    void aChangeTheStreamNeverAnnouncedStillReachesThePage() {
        String id = Writes.newId();
        handOver(token, Writes.createPatient(id, Users.RAVI_ID, Writes.patientPayload("Nalini Node")));
        // a write whose story is over: no later event of this node can overwrite the change below (a pending
        // write's next retry would, and the page would rightly show that instead)
        browser.visible(row("success", id));

        // as if another node had handled it: the view changes, and this node's stream says nothing
        jdbc.update("UPDATE write_view SET status = 'failed', retryable = FALSE, last_error = ?::jsonb "
                + "WHERE write_id = ?", "{\"kind\":\"validation\",\"httpStatus\":400,"
                + "\"message\":\"HTTP 400: refused while another node sent it\",\"errors\":[]}", id);

        new WebDriverWait(browser.driver(), Duration.ofSeconds(60), Duration.ofMillis(250)).until(d ->
                !d.findElements(row("failed", id)).isEmpty()
                        && d.findElement(row("failed", id)).getText().contains("refused while another node sent it"));
        assertThat(browser.js("return window.notReloaded === true")).isEqualTo(true);
    }

    @Test
    void theMainActionsWorkFromTheKeyboardEveryControlIsLabelledAndNothingLeavesCareSync() {
        browser.console();
        simulator.faults(Map.of("errorRate", 1.0, "errorStatus", 503, "faultRoutes", List.of("POST /api/v1/patient/")));
        String failed = Writes.newId();
        handOver(token, Writes.createPatient(failed, Users.RAVI_ID, Writes.patientPayload("Kavitha Keyboard")));
        awaitWrite(token, failed, w -> "failed".equals(w.get("syncStatus")) && Boolean.FALSE.equals(w.get("retryable")));
        simulator.faults(Map.of("errorRate", 0.0));
        String conflict = staleUpdate(patientInCare("Keerthi Keyboard"), Map.of("address", "Changed offline"), null);
        browser.visible(row("conflicts", conflict));
        browser.visible(row("failed", failed));
        assertThat(unlabelled()).isEmpty();

        tabTo(action(failed, "retry"));
        new Actions(browser.driver()).sendKeys(Keys.ENTER).perform();
        browser.visible(row("success", failed));

        tabTo(action(conflict, "resolve"));
        new Actions(browser.driver()).sendKeys(Keys.ENTER).perform();
        browser.visible(By.id("compare"));
        browser.until("focus on the first way to resolve", d -> "keep_mine".equals(
                browser.js("return document.activeElement.dataset.resolve")));
        assertThat(unlabelled()).isEmpty();
        new Actions(browser.driver()).sendKeys(Keys.ENTER).perform();
        browser.visible(row("success", conflict));

        assertThat(browser.js("""
                return performance.getEntriesByType('resource').map(e => e.name)
                    .filter(u => !u.startsWith(location.origin)).length""")).isEqualTo(0L);
        assertThat(browser.console()).doesNotContain("SEVERE");
    }

    @Test
    void onATabletHeldUprightTheQueuesAndTheirActionsStayInReach() {
        simulator.offline();
        String id = Writes.newId();
        handOver(token, Writes.createPatient(id, Users.RAVI_ID, Writes.patientPayload("Tara Tablet")));
        Dimension before = browser.driver().manage().window().getSize();
        try {
            browser.driver().manage().window().setSize(new Dimension(800, 1280));
            browser.until("a tablet's width", d -> ((Number) browser.js("return window.innerWidth")).intValue() <= 800);
            for (String queue : List.of("pending", "failed", "conflicts", "success")) {
                browser.visible(By.cssSelector("#queue-" + queue + " h2"));
            }
            for (String name : List.of("discard", "details")) {
                By button = action(id, name);
                browser.visible(button);
                browser.js("arguments[0].scrollIntoView({block: 'center'})", browser.driver().findElement(button));
                assertThat((Boolean) browser.js("""
                        const r = arguments[0].getBoundingClientRect();
                        return r.left >= 0 && r.right <= window.innerWidth && r.width > 0""",
                        browser.driver().findElement(button))).as("%s within the screen", name).isTrue();
            }
            assertThat((Boolean) browser.js("return document.documentElement.scrollWidth <= window.innerWidth"))
                    .as("no sideways scrolling").isTrue();
            browser.click(action(id, "details"));
            browser.visible(By.id("details-payload"));
            browser.driver().switchTo().activeElement().sendKeys(Keys.ESCAPE);
        } finally {
            browser.driver().manage().window().setSize(before);
        }
        discard(id);
    }

    /** The user's pending, blocked and in-flight writes, as GET /sync-status counts them. */
    @SuppressWarnings("unchecked")
    private long waiting(String token) {
        Map<String, Object> counts = (Map<String, Object>) api.get("/api/v1/sync-status", token).json().get("counts");
        return List.of("pending", "blocked", "in_flight").stream()
                .mapToLong(status -> ((Number) counts.get(status)).longValue()).sum();
    }

    /** Presses Tab from the page's title until the element has the focus. */
    private void tabTo(By target) {
        browser.js("document.getElementById('main-title').focus()");
        for (int presses = 0; presses < 400; presses++) {
            try {
                if ((Boolean) browser.js("return document.activeElement === arguments[0]",
                        browser.driver().findElement(target))) {
                    return;
                }
            } catch (org.openqa.selenium.StaleElementReferenceException rerendered) {
                // the queues were drawn again between finding the button and asking; the page keeps the focus
                continue;
            }
            new Actions(browser.driver()).sendKeys(Keys.TAB).perform();
        }
        throw new AssertionError("Tab never reached " + target);
    }

    /** The shown controls a screen reader could not name: no text, label or aria-label. */
    @SuppressWarnings("unchecked")
    private List<String> unlabelled() {
        return (List<String>) browser.js("""
                const shown = el => el.getClientRects().length > 0;
                const named = el => (el.getAttribute('aria-label') || '').trim() || el.getAttribute('aria-labelledby')
                    || (el.tagName === 'BUTTON' ? el.textContent.trim() : [...(el.labels || [])].some(l => l.textContent.trim()));
                return [...document.querySelectorAll('button, input:not([type=hidden]), textarea, select')]
                    .filter(shown).filter(el => !named(el)).map(el => el.outerHTML.slice(0, 120));""");
    }

    private void discard(String... ids) {
        for (String id : ids) {
            api.post("/api/v1/offline-writes/" + id + "/discard", token, Map.of("reason", "test over"));
        }
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
