package network.ohc.caresync.api.support;

import org.openqa.selenium.By;
import org.openqa.selenium.ElementClickInterceptedException;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.stream.Collectors;

/**
 * Debian's headless Chromium driven by Selenium, for the pages care-sync serves. The browser and its driver are the
 * system's ({@code apt-get install chromium chromium-driver}; {@code .ci/run} installs them), named explicitly so
 * that Selenium never downloads one. When they are missing the tests fail and say so: they never skip.
 */
public final class Browser implements AutoCloseable {

    private static final Duration WAIT = Duration.ofSeconds(20);

    private final ChromeDriver driver;
    private final String baseUrl;
    private final Path profile;

    private Browser(ChromeDriver driver, String baseUrl, Path profile) {
        this.driver = driver;
        this.baseUrl = baseUrl;
        this.profile = profile;
    }

    public static Browser open(String baseUrl) {
        File chromium = new File(System.getProperty("chromium.binary", "/usr/bin/chromium"));
        File chromedriver = new File(System.getProperty("chromedriver.binary", "/usr/bin/chromedriver"));
        if (!chromium.canExecute() || !chromedriver.canExecute()) {
            throw new IllegalStateException("the browser tests need Debian's Chromium and its driver at " + chromium
                    + " and " + chromedriver + "; install them with 'apt-get install -y chromium chromium-driver' "
                    + "(.ci/run does this before the build)");
        }
        try {
            Path profile = Files.createTempDirectory("care-sync-chromium");
            ChromeOptions options = new ChromeOptions();
            options.setBinary(chromium);
            options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    "--no-first-run", "--user-data-dir=" + profile, "--window-size=1280,1000", "--lang=en-GB");
            LoggingPreferences logs = new LoggingPreferences();
            logs.enable(LogType.BROWSER, Level.ALL);
            options.setCapability("goog:loggingPrefs", logs);
            ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(chromedriver)
                    .usingAnyFreePort().build();
            return new Browser(new ChromeDriver(service, options), baseUrl, profile);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public WebDriver driver() {
        return driver;
    }

    public void get(String path) {
        driver.get(baseUrl + path);
    }

    /** Opens a page fresh (no session in this tab) and signs in through its form. */
    public void signIn(String path, String username, String password) {
        get(path);
        js("sessionStorage.clear()");
        driver.navigate().refresh();
        type(By.id("username"), username);
        type(By.id("password"), password);
        click(By.id("sign-in-submit"));
        until("signed in as " + username, d -> username.equals(d.findElement(By.id("signed-in-user")).getText()));
    }

    public void type(By by, String text) {
        WebElement field = visible(by);
        field.clear();
        field.sendKeys(text);
    }

    /** Clicks an element once it is there, shown and enabled, trying again when a live update replaced it. */
    public void click(By by) {
        until("a clickable " + by, d -> {
            try {
                WebElement element = d.findElement(by);
                if (!element.isDisplayed() || !element.isEnabled()) {
                    return false;
                }
                element.click();
                return true;
            } catch (NoSuchElementException | StaleElementReferenceException | ElementClickInterceptedException e) {
                return false;
            }
        });
    }

    public WebElement visible(By by) {
        return until(by + " shown", d -> {
            List<WebElement> found = d.findElements(by);
            return !found.isEmpty() && found.get(0).isDisplayed() ? found.get(0) : null;
        });
    }

    public void gone(By by) {
        until(by + " gone", d -> d.findElements(by).isEmpty());
    }

    public String text(By by) {
        return until("text of " + by, d -> {
            try {
                return d.findElement(by).getText();
            } catch (NoSuchElementException | StaleElementReferenceException e) {
                return null;
            }
        });
    }

    public Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    /** Waits for a condition; on timeout the failure carries a screenshot's path and the browser's console. */
    public <T> T until(String what, Function<WebDriver, T> condition) {
        try {
            return new WebDriverWait(driver, WAIT, Duration.ofMillis(100))
                    .ignoring(StaleElementReferenceException.class).until(condition::apply);
        } catch (TimeoutException e) {
            throw new AssertionError("the page did not show " + what + " within " + WAIT.toSeconds() + " s; "
                    + "screenshot: " + screenshot() + "; console: " + console(), e);
        }
    }

    /** The browser console's messages so far (errors of the page's scripts, refused requests). */
    public String console() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream().map(LogEntry::toString)
                .collect(Collectors.joining(" | "));
    }

    public Path screenshot() {
        try {
            Path folder = Files.createDirectories(Path.of("target", "browser-screenshots"));
            Path file = Files.createTempFile(folder, "page-", ".png").toAbsolutePath();
            Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
            return file;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    @Override
    public void close() {
        driver.quit();
        try (var files = Files.walk(profile)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temporary profile left behind is harmless
        }
    }
}
