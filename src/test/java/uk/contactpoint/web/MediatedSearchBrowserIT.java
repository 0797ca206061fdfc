package uk.contactpoint.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import com.deque.html.axecore.results.Rule;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

import uk.contactpoint.TestFixtures;
import uk.contactpoint.access.NewUser;
import uk.contactpoint.access.Role;
import uk.contactpoint.access.Totp;
import uk.contactpoint.access.UserAccounts;
import uk.contactpoint.directory.LiveState;
import uk.contactpoint.directory.LocalAuthorities;
import uk.contactpoint.directory.LocalAuthorityCode;
import uk.contactpoint.directory.OrganisationKind;
import uk.contactpoint.directory.Sector;

/**
 * Searching for a caller in a real browser: the operator signs in with all factors, checks the caller by a
 * wrong and then the right code from the caller's token, searches with a misspelt name, opens the record
 * with a reason and ends the call; axe-core on every page. With {@code -Dscreenshots.dir=docs/screenshots}
 * it saves the screenshots the README shows.
 */
@Tag("browser")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MediatedSearchBrowserIT {

    private static final String PASSWORD = "mediated-browser-" + UUID.randomUUID();
    private static final String PIN = "24681357";

    @LocalServerPort
    int port;
    @Autowired
    UserAccounts users;
    @Autowired
    TestFixtures fixtures;
    @Autowired
    LocalAuthorities authorities;

    private BrowserTestSupport browser;
    private ChromeDriver driver;

    @BeforeAll
    void startBrowser() {
        browser = BrowserTestSupport.start();
        driver = browser.driver();
        driver.manage().window().setSize(new Dimension(1100, 1400));
    }

    @AfterAll
    void closeBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    private String user(String prefix, String name, String phone, long organisation, String secret) {
        String username = prefix + "." + UUID.randomUUID().toString().substring(0, 8);
        LocalDate vetted = LocalDate.now().minusMonths(1);
        users.create(new NewUser(username, PASSWORD, name, null, phone, organisation, TestFixtures.LEEDS,
                Set.of(Role.PRACTITIONER), false, vetted, vetted, vetted, PIN, secret));
        return username;
    }

    @Test
    void anOperatorChecksACallerByTheirTokenCodeFindsAChildForThemAndOpensTheRecord() throws IOException {
        authorities.update(new LocalAuthorityCode(TestFixtures.LEEDS), "0113 496 0999", LiveState.PRACTITIONERS_LIVE);
        String family = "Montmorency" + (char) ('a' + (int) (Math.random() * 26));
        fixtures.child("Clementine", family, LocalDate.of(2014, 10, 9), "LS6 2AB", false);
        String operatorSecret = Totp.newSecret();
        String operator = user("operator", "Olu Operator", null,
                fixtures.organisation(OrganisationKind.SERVICE, Sector.SOCIAL_CARE, "Children's Services Duty Team"), operatorSecret);
        String callerSecret = Totp.newSecret();
        String caller = user("caller", "Cass Caller", "0113 496 0456",
                fixtures.organisation(OrganisationKind.SERVICE, Sector.HEALTH, "Community Midwifery"), callerSecret);

        driver.get(url("/login"));
        driver.findElement(By.id("username")).sendKeys(operator);
        driver.findElement(By.id("password")).sendKeys(PASSWORD);
        driver.findElement(By.xpath("//button[normalize-space()='Continue']")).click();
        waitFor(ExpectedConditions.urlToBe(url("/login/second-factor")));
        driver.findElement(By.id("pin")).sendKeys(PIN);
        driver.findElement(By.id("code")).sendKeys(Totp.code(operatorSecret, Instant.now()));
        driver.findElement(By.xpath("//button[normalize-space()='Continue']")).click();
        waitFor(ExpectedConditions.urlToBe(url("/home")));
        assertPassesAxe("home");

        driver.findElement(By.id("mediated-link")).click();
        waitFor(ExpectedConditions.titleIs("Search for a caller - ContactPoint"));
        assertPassesAxe("caller form");
        driver.findElement(By.id("username")).sendKeys(caller);
        driver.findElement(By.id("reason")).sendKeys("Booking visit: who else is involved");
        driver.findElement(By.cssSelector("label[for='verification']")).click();
        shot("13-mediated-caller");
        driver.findElement(By.xpath("//button[normalize-space()='Continue']")).click();
        waitFor(ExpectedConditions.titleIs("Check the caller - ContactPoint"));
        assertThat(driver.findElement(By.id("caller")).getText()).contains("Cass Caller").contains("Community Midwifery");
        assertPassesAxe("check page");

        String right = Totp.code(callerSecret, Instant.now());
        driver.findElement(By.id("code")).sendKeys(right.equals("000000") ? "111111" : "000000");
        driver.findElement(By.xpath("//button[normalize-space()='Confirm and continue']")).click();
        waitFor(ExpectedConditions.titleIs("Error: Check the caller - ContactPoint"));
        assertThat(driver.findElement(By.className("govuk-error-summary")).getText()).contains("The code is not right");
        assertPassesAxe("check page with a wrong code");
        shot("14-mediated-verify-error");

        driver.findElement(By.id("code")).sendKeys(Totp.code(callerSecret, Instant.now()));
        driver.findElement(By.xpath("//button[normalize-space()='Confirm and continue']")).click();
        waitFor(ExpectedConditions.urlToBe(url("/mediated/search")));
        assertThat(driver.findElement(By.id("call")).getText()).contains("Cass Caller").contains("End call");
        assertPassesAxe("search form for a caller");
        driver.findElement(By.id("givenName")).sendKeys("Clementyne");
        driver.findElement(By.id("familyName")).sendKeys(family.replace("ency", "ancy"));
        driver.findElement(By.id("dateOfBirth-day")).sendKeys("9");
        driver.findElement(By.id("dateOfBirth-month")).sendKeys("10");
        driver.findElement(By.id("dateOfBirth-year")).sendKeys("2014");
        driver.findElement(By.xpath("//button[normalize-space()='Search']")).click();
        waitFor(ExpectedConditions.titleIs("Search results - ContactPoint"));
        assertThat(driver.findElement(By.id("results")).getText()).contains("Clementine " + family).contains("LS6");
        assertPassesAxe("search results for a caller");
        shot("15-mediated-results");

        driver.findElement(By.xpath("//tr[contains(., '" + family + "')]//button")).click();
        waitFor(ExpectedConditions.titleIs("Open a record - ContactPoint"));
        assertThat(driver.findElement(By.id("reason")).getDomProperty("value")).isEqualTo("Booking visit: who else is involved");
        assertPassesAxe("reason step for a caller");
        driver.findElement(By.xpath("//button[normalize-space()='Open record']")).click();
        waitFor(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h1"), "Clementine"));
        assertThat(driver.getPageSource()).contains("Sam Social").contains("Cass Caller");
        assertPassesAxe("record for a caller");
        shot("16-mediated-record");

        driver.findElement(By.xpath("//button[normalize-space()='End call']")).click();
        waitFor(ExpectedConditions.titleIs("Search for a caller - ContactPoint"));
        assertThat(driver.getPageSource()).contains("Call ended");
        assertPassesAxe("call ended");
    }

    private void waitFor(org.openqa.selenium.support.ui.ExpectedCondition<?> condition) {
        new WebDriverWait(driver, Duration.ofSeconds(15)).until(condition);
    }

    private void assertPassesAxe(String page) {
        List<Rule> violations = browser.axeViolations();
        assertThat(violations).extracting(Rule::getId)
                .as("axe-core WCAG 2.2 AA violations on the %s:\n%s", page, BrowserTestSupport.describe(violations)).isEmpty();
    }

    private void shot(String name) throws IOException {
        String dir = System.getProperty("screenshots.dir");
        if (dir != null) {
            Path target = Path.of(dir).resolve(name + ".png");
            Files.createDirectories(target.getParent());
            Files.write(target, driver.getScreenshotAs(OutputType.BYTES));
        }
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }
}
