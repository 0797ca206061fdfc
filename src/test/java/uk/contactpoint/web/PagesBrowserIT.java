package uk.contactpoint.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.logging.Level;
import java.util.stream.Collectors;

import com.deque.html.axecore.results.Rule;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

import uk.contactpoint.access.NewUser;
import uk.contactpoint.access.Role;
import uk.contactpoint.access.Totp;
import uk.contactpoint.access.UserAccounts;
import uk.contactpoint.directory.Directory;
import uk.contactpoint.directory.LocalAuthorityCode;
import uk.contactpoint.directory.NewOrganisation;
import uk.contactpoint.directory.OrganisationKind;
import uk.contactpoint.directory.Sector;

/**
 * The GOV.UK pages in a real (headless Chromium) browser: accessibility by axe-core, the sign-in journey,
 * and the Content-Security-Policy as the browser enforces it. Runs with CI=true (see .ci/run).
 */
@Tag("browser")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PagesBrowserIT {

    private static final String LEEDS = "E08000035";
    private static final String PASSWORD = "browser-test-password-" + UUID.randomUUID();
    private static final String PIN = "97531864";
    private static final String TOTP_SECRET = Totp.newSecret();

    @LocalServerPort
    int port;
    @Autowired
    UserAccounts users;
    @Autowired
    Directory directory;

    private BrowserTestSupport browser;
    private ChromeDriver driver;
    private String practitioner;

    @BeforeAll
    void startBrowserAndCreateAPractitioner() {
        String suffix = UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        long organisation = directory.addOrganisation(new NewOrganisation(OrganisationKind.SERVICE, "T" + suffix,
                "Test service " + suffix, Sector.SOCIAL_CARE, null, null, null, null, new LocalAuthorityCode(LEEDS), true));
        practitioner = "browser.practitioner." + suffix;
        LocalDate vetted = LocalDate.now().minusMonths(1);
        users.create(new NewUser(practitioner, PASSWORD, "Browser Practitioner", practitioner + "@example.org",
                "0113 496 0000", organisation, LEEDS, Set.of(Role.PRACTITIONER), false, vetted, vetted, vetted,
                PIN, TOTP_SECRET));
        browser = BrowserTestSupport.start();
        driver = browser.driver();
    }

    @AfterAll
    void closeBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    @BeforeEach
    void signedOutWithAnEmptyCacheAndConsole() {
        driver.get(url("/actuator/health"));
        driver.manage().deleteAllCookies();
        driver.executeCdpCommand("Network.clearBrowserCache", Map.of());
        browser.takeConsole();
    }

    @Test
    void theStartPageAndTheSignInPagePassAxe() {
        driver.get(url("/"));
        assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("Find who is working with a child");
        assertPassesAxe("start page");

        driver.get(url("/login"));
        assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("Sign in to ContactPoint");
        assertPassesAxe("sign-in page");

        driver.get(url("/accessibility"));
        assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("Accessibility statement for ContactPoint");
        assertPassesAxe("accessibility statement");
        driver.get(url("/privacy"));
        assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("Privacy notice");
        assertPassesAxe("privacy notice");
    }

    @Test
    void aPractitionerSignsInAndAnEmptyOpenRecordFormShowsAnAccessibleErrorSummary() {
        driver.get(url("/"));
        driver.findElement(By.linkText("Start now")).click();
        assertThat(driver.getCurrentUrl()).isEqualTo(url("/login"));
        driver.findElement(By.id("username")).sendKeys(practitioner);
        driver.findElement(By.id("password")).sendKeys(PASSWORD);
        driver.findElement(By.xpath("//button[normalize-space()='Continue']")).click();

        new org.openqa.selenium.support.ui.WebDriverWait(driver, java.time.Duration.ofSeconds(15))
                .until(org.openqa.selenium.support.ui.ExpectedConditions.urlToBe(url("/login/second-factor")));
        assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("Enter your PIN and security code");
        assertPassesAxe("second sign-in step");
        driver.findElement(By.id("pin")).sendKeys(PIN);
        driver.findElement(By.id("code")).sendKeys(Totp.code(TOTP_SECRET, Instant.now()));
        driver.findElement(By.xpath("//button[normalize-space()='Continue']")).click();

        new org.openqa.selenium.support.ui.WebDriverWait(driver, java.time.Duration.ofSeconds(15))
                .until(org.openqa.selenium.support.ui.ExpectedConditions.urlToBe(url("/home")));
        assertThat(driver.findElement(By.tagName("h1")).getText()).startsWith("Welcome").contains(practitioner);

        driver.get(url("/records/open"));
        assertThat(driver.getTitle()).isEqualTo("Open a record - ContactPoint");
        assertThat(driver.findElements(By.className("govuk-error-summary"))).isEmpty();
        driver.findElement(By.xpath("//button[normalize-space()='Open record']")).click();

        // A click does not wait for the page it submits to: wait for the answer before reading it.
        new org.openqa.selenium.support.ui.WebDriverWait(driver, java.time.Duration.ofSeconds(15))
                .until(org.openqa.selenium.support.ui.ExpectedConditions.titleIs("Error: Open a record - ContactPoint"));
        WebElement summary = driver.findElement(By.className("govuk-error-summary"));
        assertThat(summary.findElement(By.className("govuk-error-summary__title")).getText()).isEqualTo("There is a problem");
        List<String> links = summary.findElements(By.cssSelector(".govuk-error-summary__list a")).stream()
                .map(a -> a.getDomAttribute("href")).toList();
        assertThat(links).containsExactly("#contactPointId", "#reason");
        for (String link : links) {
            WebElement field = driver.findElement(By.id(link.substring(1)));
            assertThat(field.getTagName()).isEqualTo("input");
            assertThat(field.getDomAttribute("aria-describedby")).contains(link.substring(1) + "-error");
        }
        // GOV.UK Frontend's error summary module (loaded by /js/init.js under the CSP) moves focus to the summary.
        assertThat(driver.switchTo().activeElement().getDomAttribute("class")).contains("govuk-error-summary");
        assertPassesAxe("open-a-record page with errors");
        assertThat(severeOrCspMessages(browser.takeConsole())).as("console of the signed-in journey").isEmpty();
    }

    @Test
    void theStartPageLoadsEveryResourceAndRunsOnlyScriptsTheContentSecurityPolicyAllows() {
        driver.get(url("/"));
        driver.executeAsyncScript("const done = arguments[arguments.length - 1]; document.fonts.ready.then(() => done(true));");

        List<LogEntry> console = browser.takeConsole();
        assertThat(severeOrCspMessages(console))
                .as("console errors (CSP violations, failed loads, script errors) on the start page:\n%s", format(console))
                .isEmpty();
        assertThat((Boolean) driver.executeScript("return document.body.classList.contains('govuk-frontend-supported')"))
                .as("the layout's inline script ran (allowed by its hash)").isTrue();

        @SuppressWarnings("unchecked")
        List<Map<String, Object>> loaded = (List<Map<String, Object>>) driver.executeScript(
                "return performance.getEntriesByType('resource')"
                        + ".map(e => ({name: new URL(e.name).pathname, status: e.responseStatus}))");
        assertThat(loaded).as("resources the start page loaded").extracting(e -> e.get("name"))
                .contains("/govuk/govuk-frontend.min.css", "/css/contactpoint.css", "/js/init.js",
                        "/govuk/govuk-frontend.min.js")
                .anySatisfy(name -> assertThat((String) name).as("a GOV.UK font").startsWith("/assets/fonts/"));
        assertThat(loaded).as("every resource the start page loaded answered 2xx")
                .allSatisfy(e -> assertThat(((Number) e.get("status")).intValue()).isBetween(200, 299));
    }

    private void assertPassesAxe(String page) {
        List<Rule> violations = browser.axeViolations();
        assertThat(violations).extracting(Rule::getId)
                .as("axe-core WCAG 2.2 AA violations on the %s:\n%s", page, BrowserTestSupport.describe(violations))
                .isEmpty();
    }

    private static List<String> severeOrCspMessages(List<LogEntry> console) {
        return console.stream()
                .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue()
                        || e.getMessage().toLowerCase(Locale.ROOT).contains("content security policy")
                        || e.getMessage().contains("Failed to load resource"))
                .map(LogEntry::getMessage)
                .toList();
    }

    private static String format(List<LogEntry> console) {
        return console.stream().map(e -> e.getLevel() + " " + e.getMessage()).collect(Collectors.joining("\n"));
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }
}
