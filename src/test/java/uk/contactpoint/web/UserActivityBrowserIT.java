package uk.contactpoint.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.transaction.support.TransactionTemplate;

import uk.contactpoint.TestFixtures;
import uk.contactpoint.access.Role;
import uk.contactpoint.audit.AuditAction;
import uk.contactpoint.audit.AuditEvent;
import uk.contactpoint.audit.AuditLog;
import uk.contactpoint.audit.AuditOutcome;
import uk.contactpoint.directory.OrganisationKind;
import uk.contactpoint.directory.Sector;

/**
 * The oversight pages in a real browser with axe-core on each: an auditor looks at a user's activity (a form with
 * an error first, then the events with what a search was made with, then narrowed to one action), and at a
 * child's access history narrowed to one organisation.
 */
@Tag("browser")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UserActivityBrowserIT {

    @LocalServerPort
    int port;
    @Autowired
    TestFixtures fixtures;
    @Autowired
    AuditLog audit;
    @Autowired
    TransactionTemplate tx;

    private BrowserTestSupport browser;
    private ChromeDriver driver;

    @BeforeAll
    void startBrowser() {
        browser = BrowserTestSupport.start();
        driver = browser.driver();
        driver.manage().window().setSize(new Dimension(1100, 1600));
    }

    @AfterAll
    void closeBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void anAuditorLooksAtWhatAUserDidAndWhoLookedAtAChild() {
        TestFixtures.Child child = fixtures.child(false);
        String watched = fixtures.user(Set.of(Role.PRACTITIONER),
                fixtures.organisation(OrganisationKind.SERVICE, Sector.HEALTH, "Browser Watched Team"), false);
        Instant now = Instant.now();
        tx.executeWithoutResult(s -> {
            audit.record(new AuditEvent(now.minus(2, ChronoUnit.HOURS), watched, "Browser Watched Team", "PRACTITIONER", null,
                    "192.0.2.7", "s", AuditAction.SEARCH, List.of(child.id()), null, AuditOutcome.DISCLOSED,
                    "search: fields=family results=1"), "family=Quixley");
            audit.record(new AuditEvent(now.minus(1, ChronoUnit.HOURS), watched, "Browser Watched Team", "PRACTITIONER", null,
                    "192.0.2.7", "s", AuditAction.RECORD_VIEW, List.of(child.id()), "health visit", AuditOutcome.DISCLOSED, null), null);
            audit.record(new AuditEvent(now.minus(3, ChronoUnit.HOURS), "someone-else", "Browser Other Team", "PRACTITIONER", null,
                    "192.0.2.8", "s", AuditAction.RECORD_VIEW, List.of(child.id()), "school nurse", AuditOutcome.DISCLOSED, null), null);
        });
        String auditor = fixtures.user(Set.of(Role.LA_AUDITOR),
                fixtures.organisation(OrganisationKind.LOCAL_AUTHORITY, Sector.LOCAL_AUTHORITY, "Leeds ContactPoint Team"), false);
        browser.signIn(url(""), auditor, TestFixtures.PASSWORD, TestFixtures.PIN, fixtures.totpSecret(auditor));

        driver.findElement(By.linkText("User activity")).click();
        browser.waitFor(ExpectedConditions.titleIs("User activity - ContactPoint"));
        browser.assertPassesAxe("user activity form");
        browser.click("Show activity");
        browser.waitFor(ExpectedConditions.titleIs("Error: User activity - ContactPoint"));
        assertThat(driver.findElement(By.className("govuk-error-summary")).getText())
                .contains("Enter the username of the user whose activity you want to see");
        browser.assertPassesAxe("user activity form with an error");

        driver.findElement(By.id("username")).sendKeys(watched);
        browser.click("Show activity");
        browser.waitFor(ExpectedConditions.presenceOfElementLocated(By.id("activity")));
        assertThat(driver.findElement(By.id("activity")).getText()).contains("searched for: family=Quixley")
                .contains(child.contactPointId().value()).contains("health visit");
        browser.assertPassesAxe("a user's activity");
        browser.shot("user-activity");

        new Select(driver.findElement(By.id("action"))).selectByVisibleText("Record view");
        browser.click("Show activity");
        browser.waitFor(ExpectedConditions.textToBePresentInElementLocated(By.id("activity"), "1 events of"));
        assertThat(driver.findElement(By.id("activity")).getText()).doesNotContain("searched for");

        driver.get(url("/oversight/children"));
        driver.findElement(By.id("contactPointId")).sendKeys(child.contactPointId().value());
        browser.click("Show access history");
        browser.waitFor(ExpectedConditions.presenceOfElementLocated(By.id("history")));
        assertThat(driver.findElement(By.id("history")).getText()).contains("school nurse");
        browser.assertPassesAxe("a child's access history with filters");
        browser.shot("child-access-history");
        new Select(driver.findElement(By.id("organisation"))).selectByVisibleText("Browser Watched Team");
        browser.click("Show access history");
        browser.waitFor(ExpectedConditions.presenceOfElementLocated(By.id("history")));
        assertThat(driver.findElement(By.id("history")).getText()).contains("health visit").doesNotContain("school nurse");
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }
}
