package dev.tollgate.server.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.stream.Stream;

import org.openqa.selenium.Alert;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A headless Chromium driven by Selenium against a {@link TestServer}: the Debian {@code chromium} and
 * {@code chromedriver} only, never a download. Screenshots go to {@code target/screenshots/}.
 */
public final class Browser implements AutoCloseable {

    public static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    public static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    public static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final Duration WAIT = Duration.ofSeconds(15);

    private final ChromeDriverService service;
    private final ChromeDriver driver;
    private final Path profile;
    private final String baseUrl;
    private final WebDriverWait wait;

    private Browser(ChromeDriverService service, ChromeDriver driver, Path profile, String baseUrl) {
        this.service = service;
        this.driver = driver;
        this.profile = profile;
        this.baseUrl = baseUrl;
        this.wait = new WebDriverWait(driver, WAIT, Duration.ofMillis(100));
    }

    /** Starts Chromium; fails (never skips) when the Debian packages are missing. */
    public static Browser open(String baseUrl) {
        for (Path required : List.of(CHROMIUM, CHROMEDRIVER)) {
            if (!Files.isExecutable(required)) {
                throw new IllegalStateException(required + " is missing or not executable: the browser tests need "
                        + "Debian's chromium and chromium-driver packages (apt-get install chromium chromium-driver)");
            }
        }
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
        Path profile;
        try {
            profile = Files.createTempDirectory("tollgate-chromium-");
            Files.createDirectories(SCREENSHOTS);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--no-first-run", "--ignore-certificate-errors",
                "--disable-dev-shm-usage", "--window-size=1280,1000", "--user-data-dir=" + profile);
        options.setCapability("goog:loggingPrefs", Map.of(LogType.BROWSER, "ALL"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(10));
        return new Browser(service, driver, profile, baseUrl);
    }

    public ChromeDriver driver() {
        return driver;
    }

    public Browser go(String path) {
        driver.get(baseUrl + path);
        return this;
    }

    public String path() {
        return java.net.URI.create(driver.getCurrentUrl()).getPath();
    }

    public WebElement find(String id) {
        return wait.until(ExpectedConditions.presenceOfElementLocated(By.id(id)));
    }

    public boolean has(String id) {
        return !driver.findElements(By.id(id)).isEmpty();
    }

    public String text(String id) {
        return find(id).getText();
    }

    public Browser type(String id, String text) {
        WebElement field = find(id);
        field.clear();
        field.sendKeys(text);
        return this;
    }

    public Browser click(String id) {
        wait.until(ExpectedConditions.elementToBeClickable(By.id(id))).click();
        return this;
    }

    /** Clicks a link or submit button and waits until the next page replaced this one. */
    public Browser follow(String id) {
        WebElement page = driver.findElement(By.tagName("html"));
        click(id);
        waitUntilReplaced(page);
        return this;
    }

    /** Clicks a button that asks first, accepts the question, and waits until the next page replaced this one. */
    public Browser followConfirmed(String id) {
        WebElement page = driver.findElement(By.tagName("html"));
        click(id);
        confirm(true);
        waitUntilReplaced(page);
        return this;
    }

    public Browser followLink(String text) {
        WebElement page = driver.findElement(By.tagName("html"));
        wait.until(ExpectedConditions.elementToBeClickable(By.linkText(text))).click();
        waitUntilReplaced(page);
        return this;
    }

    /** Waits until the element's text contains {@code expected}, as after an htmx swap. */
    public Browser waitForText(String id, String expected) {
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id(id), expected));
        return this;
    }

    /** Waits until the element's attribute has {@code value}, as after an asynchronous script (the clipboard). */
    public Browser waitForAttribute(String id, String attribute, String value) {
        wait.until(ExpectedConditions.attributeToBe(By.id(id), attribute, value));
        return this;
    }

    public Browser waitFor(String id) {
        find(id);
        return this;
    }

    /** Answers the page's confirm dialog. */
    public Browser confirm(boolean accept) {
        Alert alert = wait.until(ExpectedConditions.alertIsPresent());
        if (accept) {
            alert.accept();
        } else {
            alert.dismiss();
        }
        return this;
    }

    /** Signs in on the portals' sign-in page, starting from the Developer Portal's Sign in link. */
    public Browser signIn(String username, String password) {
        go("/devportal/signin");
        return submitLogin(username, password);
    }

    public Browser submitLogin(String username, String password) {
        type("username", username);
        type("password", password);
        return follow("sign-in-submit");
    }

    public Browser signOut() {
        if (has("sign-out")) {
            follow("sign-out");
        }
        go("/login");
        driver.manage().deleteAllCookies();
        return this;
    }

    /** The page's console messages since the last call that are errors (a CSP violation, a failed script). */
    public List<String> consoleErrors() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue())
                .map(LogEntry::getMessage)
                .toList();
    }

    /** Runs a script in the page and returns its result. */
    public Object script(String script, Object... args) {
        return driver.executeScript(script, args);
    }

    public Path screenshot(String name) {
        Path target = SCREENSHOTS.resolve(name + ".png");
        try {
            Files.copy(driver.getScreenshotAs(OutputType.FILE).toPath(), target, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return target;
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            service.stop();
            deleteProfile();
        }
    }

    private void deleteProfile() {
        try (Stream<Path> files = Files.walk(profile)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // A profile left in the temp directory is harmless; the test result does not depend on it.
        }
    }

    /**
     * Waits until the page an element belonged to has been replaced by the next one. Chromium answers a question
     * about an element of a page it already dropped either as stale or as a node that "does not belong to the
     * document": both mean the navigation happened.
     */
    private void waitUntilReplaced(WebElement oldPage) {
        wait.until(driver -> {
            try {
                oldPage.isEnabled();
                return false;
            } catch (org.openqa.selenium.StaleElementReferenceException e) {
                return true;
            } catch (org.openqa.selenium.WebDriverException e) {
                if (String.valueOf(e.getMessage()).contains("does not belong to the document")) {
                    return true;
                }
                throw e;
            }
        });
    }
}
