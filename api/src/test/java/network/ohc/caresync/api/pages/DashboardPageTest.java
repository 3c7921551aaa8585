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
import org.openqa.selenium.WebElement;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The facility dashboard in headless Chromium: an administrator watches the backlog build up and drain. */
class DashboardPageTest extends CareSyncTest {

    private static Browser browser;

    @BeforeEach
    void openBrowser() {
        if (browser == null) {
            browser = Browser.open("http://127.0.0.1:" + port);
        }
    }

    @AfterAll
    static void closeBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void theNumbersChangeAsAWriteWaitsAndThenSyncs() {
        browser.signIn("/dashboard", Users.KIRAN, Simulator.PASSWORD);
        browser.until("the figures", d -> number("synced-total") >= 0);
        browser.until("CARE online", d -> "Online".equals(figure("upstream")));
        browser.js("window.notReloaded = true");
        browser.console();
        long syncedBefore = number("synced-total");

        simulator.offline();
        browser.until("CARE offline", d -> "Offline".equals(figure("upstream")));
        String token = api.login(Users.MEENA);
        String id = Writes.newId();
        handOver(token, Writes.createPatient(id, Users.MEENA_ID));
        By meena = By.cssSelector("#by-user-table tr[data-user-id='" + Users.MEENA_ID + "']");
        browser.until("the write waiting", d -> number("waiting") >= 1 && number("backlog-pending") >= 1
                && !d.findElements(meena).isEmpty());
        assertThat(browser.text(meena)).contains(Users.MEENA);

        simulator.online();
        awaitStatus(token, id, "success");
        browser.until("the synced count up", d -> number("synced-total") >= syncedBefore + 1);
        assertThat(browser.js("return window.notReloaded === true")).isEqualTo(true);
        assertThat(browser.js("return document.querySelectorAll('#throughput-chart canvas').length")).isEqualTo(1L);
        assertThat(browser.js("""
                return performance.getEntriesByType('resource').map(e => e.name)
                    .filter(u => !u.startsWith(location.origin)).length""")).isEqualTo(0L);
        assertThat(browser.console()).doesNotContain("SEVERE");
    }

    @Test
    void aNurseIsToldTheDashboardIsForAdministrators() {
        browser.signIn("/dashboard", Users.ASHA, Simulator.PASSWORD);

        assertThat(browser.text(By.cssSelector("#content .notice"))).contains("for administrators");
        assertThat(browser.driver().findElements(By.cssSelector("[data-figure='synced-total']"))).isEmpty();
    }

    private static String figure(String name) {
        List<WebElement> found = browser.driver().findElements(By.cssSelector("[data-figure='" + name + "']"));
        return found.isEmpty() ? "" : found.get(0).getText().trim();
    }

    /** A figure on the page as a number; -1 while it is not one (not loaded yet). */
    private static long number(String name) {
        String text = figure(name);
        return text.matches("\\d+") ? Long.parseLong(text) : -1;
    }
}
