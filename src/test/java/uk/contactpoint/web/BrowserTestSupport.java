package uk.contactpoint.web;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.logging.Level;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.deque.html.axecore.results.CheckedNode;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;

import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * One headless Debian Chromium for a browser test class (tag "browser"; CI installs chromium and
 * chromium-driver). Both the browser binary and the driver are given by path, so Selenium Manager is
 * never run and nothing is downloaded; the browser's own background networking is switched off too.
 * Closing it quits the browser, stops the driver and deletes the throwaway profile directory.
 */
final class BrowserTestSupport implements AutoCloseable {

    static final File CHROMIUM = new File("/usr/bin/chromium");
    static final File CHROMEDRIVER = new File("/usr/bin/chromedriver");
    /** The WCAG 2.2 AA rules of axe-core (and the A and AA rules of the earlier versions it builds on). */
    static final List<String> WCAG_TAGS = List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa");

    private final Path profile;
    private final ChromeDriverService service;
    private final ChromeDriver driver;

    private BrowserTestSupport(Path profile, ChromeDriverService service, ChromeDriver driver) {
        this.profile = profile;
        this.service = service;
        this.driver = driver;
    }

    static BrowserTestSupport start() {
        if (!CHROMIUM.canExecute() || !CHROMEDRIVER.canExecute()) {
            throw new IllegalStateException("Browser tests need " + CHROMIUM + " and " + CHROMEDRIVER
                    + ": apt-get install chromium chromium-driver (or run without CI=true to skip them)");
        }
        Path profile;
        try {
            profile = Files.createTempDirectory("contactpoint-chromium-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-first-run", "--disable-quic", "--user-data-dir=" + profile.toAbsolutePath());
        LoggingPreferences logging = new LoggingPreferences();
        logging.enable(LogType.BROWSER, Level.ALL);
        options.setCapability(ChromeOptions.LOGGING_PREFS, logging);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER)
                .usingAnyFreePort()
                .build();
        try {
            ChromeDriver driver = new ChromeDriver(service, options);
            driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
            driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
            return new BrowserTestSupport(profile, service, driver);
        } catch (RuntimeException e) {
            service.stop();
            delete(profile);
            throw e;
        }
    }

    ChromeDriver driver() {
        return driver;
    }

    /** Runs axe-core's WCAG 2.2 A and AA rules on the page in the browser now. */
    List<Rule> axeViolations() {
        return new AxeBuilder().withTags(WCAG_TAGS).analyze(driver).getViolations();
    }

    /** The TOTP step each user last signed in with: a code is accepted once, so a second sign-in waits for the next. */
    private final java.util.Map<String, Long> lastStep = new java.util.HashMap<>();

    /**
     * Signs in at {@code base} (scheme, host and port) with all factors, from a clean cookie jar, and waits for the
     * home page. A user signing in again within one TOTP step waits for the next code.
     */
    void signIn(String base, String username, String password, String pin, String totpSecret) {
        long step = java.time.Instant.now().getEpochSecond() / 30;
        if (lastStep.getOrDefault(username, -1L) >= step) {
            try {
                Thread.sleep((step + 1) * 30_000 - System.currentTimeMillis() + 200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        driver.manage().deleteAllCookies();
        driver.get(base + "/login");
        driver.findElement(org.openqa.selenium.By.id("username")).sendKeys(username);
        driver.findElement(org.openqa.selenium.By.id("password")).sendKeys(password);
        click("Continue");
        waitFor(org.openqa.selenium.support.ui.ExpectedConditions.urlToBe(base + "/login/second-factor"));
        driver.findElement(org.openqa.selenium.By.id("pin")).sendKeys(pin);
        // The step of the code actually typed (the password step may have crossed into the next one): a later
        // sign-in of the same user must wait for a step after it, as the server takes each code once only.
        java.time.Instant typed = java.time.Instant.now();
        lastStep.put(username, typed.getEpochSecond() / 30);
        driver.findElement(org.openqa.selenium.By.id("code")).sendKeys(uk.contactpoint.access.Totp.code(totpSecret, typed));
        click("Continue");
        waitFor(org.openqa.selenium.support.ui.ExpectedConditions.urlToBe(base + "/home"));
    }

    /** Clicks the button with exactly this text. */
    void click(String button) {
        driver.findElement(org.openqa.selenium.By.xpath("//button[normalize-space()='" + button + "']")).click();
    }

    /** Waits up to 15 seconds for a condition. */
    void waitFor(org.openqa.selenium.support.ui.ExpectedCondition<?> condition) {
        new org.openqa.selenium.support.ui.WebDriverWait(driver, Duration.ofSeconds(15)).until(condition);
    }

    /** Fails with each violation described when axe-core finds any WCAG 2.2 A or AA violation on the page now. */
    void assertPassesAxe(String page) {
        List<Rule> violations = axeViolations();
        if (!violations.isEmpty()) {
            throw new AssertionError("axe-core WCAG 2.2 AA violations on the " + page + ":\n" + describe(violations));
        }
    }

    /** Saves a screenshot of the page as {@code name.png} in the directory the property screenshots.dir names, if set. */
    void shot(String name) {
        String dir = System.getProperty("screenshots.dir");
        if (dir == null) {
            return;
        }
        try {
            Path target = Path.of(dir).resolve(name + ".png");
            Files.createDirectories(target.getParent());
            Files.write(target, driver.getScreenshotAs(org.openqa.selenium.OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Each violation's id, impact and help, with each failing element's selector and HTML. */
    static String describe(List<Rule> violations) {
        return violations.stream().map(rule -> rule.getId() + " (" + rule.getImpact() + "): " + rule.getHelp() + "\n"
                + rule.getNodes().stream().map(BrowserTestSupport::describe).collect(Collectors.joining("\n")))
                .collect(Collectors.joining("\n"));
    }

    private static String describe(CheckedNode node) {
        return "    at " + node.getTarget() + ": " + node.getHtml()
                + (node.getFailureSummary() == null ? "" : "\n      " + node.getFailureSummary().replace("\n", "\n      "));
    }

    /** The browser console's messages since the last call (reading them empties the log). */
    List<LogEntry> takeConsole() {
        return driver.manage().logs().get(LogType.BROWSER).getAll();
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            service.stop();
            delete(profile);
        }
    }

    private static void delete(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // A profile left in the temp directory is harmless.
        }
    }
}
