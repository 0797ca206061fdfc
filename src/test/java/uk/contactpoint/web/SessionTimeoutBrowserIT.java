package uk.contactpoint.web;

import static org.assertj.core.api.Assertions.assertThat;

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
import uk.contactpoint.directory.OrganisationKind;
import uk.contactpoint.directory.Sector;

/**
 * WCAG 2.2.1: two minutes before an idle session would end, the page warns and offers to extend it. The
 * idle timeout is shortened to 2 minutes 4 seconds here so that the warning comes after 4 seconds.
 */
@Tag("browser")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "server.servlet.session.timeout=124s")
@ActiveProfiles("test")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SessionTimeoutBrowserIT {

    private static final String PASSWORD = "timeout-browser-" + UUID.randomUUID();
    private static final String PIN = "75319024";

    @LocalServerPort
    int port;
    @Autowired
    UserAccounts users;
    @Autowired
    TestFixtures fixtures;

    private BrowserTestSupport browser;
    private ChromeDriver driver;

    @BeforeAll
    void startBrowser() {
        browser = BrowserTestSupport.start();
        driver = browser.driver();
    }

    @AfterAll
    void closeBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void aSignedInUserIsWarnedBeforeTheIdleTimeoutAndCanStaySignedIn() {
        String secret = Totp.newSecret();
        String username = "timeout." + UUID.randomUUID().toString().substring(0, 8);
        LocalDate vetted = LocalDate.now().minusMonths(1);
        users.create(new NewUser(username, PASSWORD, "Idle User", null, null,
                fixtures.organisation(OrganisationKind.SERVICE, Sector.SOCIAL_CARE, "Idle Team"), TestFixtures.LEEDS,
                Set.of(Role.PRACTITIONER), false, vetted, vetted, vetted, PIN, secret));
        driver.get(url("/login"));
        driver.findElement(By.id("username")).sendKeys(username);
        driver.findElement(By.id("password")).sendKeys(PASSWORD);
        driver.findElement(By.xpath("//button[normalize-space()='Continue']")).click();
        wait(ExpectedConditions.urlToBe(url("/login/second-factor")));
        driver.findElement(By.id("pin")).sendKeys(PIN);
        driver.findElement(By.id("code")).sendKeys(Totp.code(secret, Instant.now()));
        driver.findElement(By.xpath("//button[normalize-space()='Continue']")).click();
        wait(ExpectedConditions.urlToBe(url("/home")));

        wait(ExpectedConditions.visibilityOfElementLocated(By.id("session-timeout")));
        assertThat(driver.findElement(By.id("session-timeout-title")).getText()).isEqualTo("You will be signed out soon");
        List<Rule> violations = browser.axeViolations();
        assertThat(violations).extracting(Rule::getId).as(BrowserTestSupport.describe(violations)).isEmpty();
        driver.findElement(By.id("session-extend")).click();
        wait(ExpectedConditions.invisibilityOfElementLocated(By.id("session-timeout")));

        driver.get(url("/home"));
        assertThat(driver.getCurrentUrl()).as("still signed in").isEqualTo(url("/home"));
    }

    private void wait(org.openqa.selenium.support.ui.ExpectedCondition<?> condition) {
        new WebDriverWait(driver, Duration.ofSeconds(20)).until(condition);
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }
}
