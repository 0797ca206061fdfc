package uk.contactpoint.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
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
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

import uk.contactpoint.TestFixtures;
import uk.contactpoint.access.Role;
import uk.contactpoint.directory.LiveState;
import uk.contactpoint.directory.LocalAuthorities;
import uk.contactpoint.directory.LocalAuthorityCode;
import uk.contactpoint.directory.OrganisationKind;
import uk.contactpoint.directory.Sector;

/**
 * The practitioner's journeys after finding a child, in a real browser with axe-core on every page:
 * sign in with all factors, search with a misspelt name, give a reason, open the record, record an
 * involvement (a form with errors first), mark CAF holder, propose lead professional, report an
 * inaccuracy, see My children, end the involvement, say a record was opened in error; then the LA's data
 * manager confirms the lead professional proposal and deals with the report. With
 * {@code -Dscreenshots.dir=docs/screenshots} it saves the pages the README shows.
 */
@Tag("browser")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PracticeBrowserIT {

    @LocalServerPort
    int port;
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
        driver.manage().window().setSize(new Dimension(1100, 1600));
    }

    @AfterAll
    void closeBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void aPractitionerRecordsProposesReportsAndEndsTheirInvolvementAndTheLaTeamConfirmsAndDealsWithIt() {
        LocalAuthorityCode leeds = new LocalAuthorityCode(TestFixtures.LEEDS);
        authorities.update(leeds, "0113 496 0999", LiveState.PRACTITIONERS_LIVE);
        authorities.updateTeamPhone(leeds, "0113 496 0888");
        String family = "Wolstenholme" + (char) ('a' + (int) (Math.random() * 26));
        fixtures.child("Peregrine", family, LocalDate.of(2014, 6, 11), "LS6 2AB", false);
        String practitioner = fixtures.user(Set.of(Role.PRACTITIONER),
                fixtures.organisation(OrganisationKind.SERVICE, Sector.HEALTH, "Leeds School Nursing"), false);
        String manager = fixtures.user(Set.of(Role.LA_DATA_MANAGER),
                fixtures.organisation(OrganisationKind.LOCAL_AUTHORITY, Sector.LOCAL_AUTHORITY, "Leeds ContactPoint Team"), false);

        signIn(practitioner);
        driver.get(url("/search"));
        driver.findElement(By.id("givenName")).sendKeys("Peregrin");
        driver.findElement(By.id("familyName")).sendKeys(family.replace("holme", "holm"));
        driver.findElement(By.id("dateOfBirth-day")).sendKeys("11");
        driver.findElement(By.id("dateOfBirth-month")).sendKeys("6");
        driver.findElement(By.id("dateOfBirth-year")).sendKeys("2014");
        browser.click("Search");
        browser.waitFor(ExpectedConditions.titleIs("Search results - ContactPoint"));
        browser.assertPassesAxe("search results");
        driver.findElement(By.xpath("//tr[contains(., '" + family + "')]//button")).click();
        browser.waitFor(ExpectedConditions.titleIs("Open a record - ContactPoint"));
        driver.findElement(By.cssSelector("label[for='reason']")).click();
        browser.click("Open record");
        browser.waitFor(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h1"), "Peregrine"));
        assertThat(driver.findElement(By.id("la-team-phone")).getText()).isEqualTo("0113 496 0888");
        browser.assertPassesAxe("record");

        // Record my involvement: a missing service first, then the whole form.
        browser.click("Record my involvement");
        browser.waitFor(ExpectedConditions.titleIs("Record your involvement - ContactPoint"));
        assertThat(driver.findElement(By.id("phone")).getDomProperty("value")).as("pre-filled from the profile").isNotNull();
        browser.assertPassesAxe("record your involvement");
        browser.click("Record my involvement");
        browser.waitFor(ExpectedConditions.titleIs("Error: Record your involvement - ContactPoint"));
        assertThat(driver.findElement(By.className("govuk-error-summary")).getText()).contains("Choose your service");
        browser.assertPassesAxe("record your involvement with errors");
        driver.findElement(By.cssSelector("label[for='serviceType-SCHOOL_NURSING']")).click();
        driver.findElement(By.id("role")).sendKeys("School nurse");
        driver.findElement(By.id("phone")).clear();
        driver.findElement(By.id("phone")).sendKeys("0113 496 0444");
        browser.shot("07-record-involvement");
        browser.click("Record my involvement");
        browser.waitFor(ExpectedConditions.textToBePresentInElementLocated(By.className("govuk-notification-banner"), "Your involvement is recorded"));
        assertThat(driver.findElement(By.id("your-involvement")).isDisplayed()).isTrue();
        browser.assertPassesAxe("record after recording an involvement");

        browser.click("Mark me as CAF holder");
        browser.waitFor(ExpectedConditions.textToBePresentInElementLocated(By.className("govuk-notification-banner"), "CAF holder"));

        browser.click("Propose me as lead professional");
        browser.waitFor(ExpectedConditions.titleIs("Become lead professional - ContactPoint"));
        browser.assertPassesAxe("become lead professional");
        browser.shot("08-lead-professional");
        driver.findElement(By.cssSelector("label[for='basis']")).click();
        browser.click("Continue");
        browser.waitFor(ExpectedConditions.textToBePresentInElementLocated(By.className("govuk-notification-banner"), "Your proposal is sent"));
        browser.shot("09-record-with-my-involvement");

        browser.click("Report an inaccuracy");
        browser.waitFor(ExpectedConditions.titleIs("Report an inaccuracy - ContactPoint"));
        browser.assertPassesAxe("report an inaccuracy");
        driver.findElement(By.cssSelector("label[for='field-ADDRESS']")).click();
        driver.findElement(By.id("description")).sendKeys("The family moved to 3 Mill Lane in October");
        browser.click("Send report");
        browser.waitFor(ExpectedConditions.textToBePresentInElementLocated(By.className("govuk-notification-banner"), "Your report is sent"));

        driver.get(url("/my-children"));
        browser.waitFor(ExpectedConditions.titleIs("My children - ContactPoint"));
        assertThat(driver.findElement(By.id("current")).getText()).contains("Peregrine " + family).contains("School nursing")
                .contains("CAF holder");
        browser.assertPassesAxe("my children");
        browser.shot("10-my-children");

        // The LA's data manager confirms the proposal and deals with the report.
        signIn(manager);
        driver.get(url("/lead-professional"));
        browser.waitFor(ExpectedConditions.titleIs("Lead professional proposals - ContactPoint"));
        browser.assertPassesAxe("lead professional proposals");
        browser.shot("11-lead-professional-proposals");
        driver.findElement(By.xpath("//div[contains(@class,'govuk-summary-card')][contains(., '" + family + "')]//button[@value='CONFIRM']")).click();
        browser.waitFor(ExpectedConditions.textToBePresentInElementLocated(By.className("govuk-notification-banner"), "The proposal is confirmed"));
        browser.assertPassesAxe("lead professional proposals after a decision");
        driver.get(url("/data/inaccuracies"));
        browser.waitFor(ExpectedConditions.titleIs("Inaccuracy reports - ContactPoint"));
        browser.assertPassesAxe("inaccuracy reports");
        browser.shot("12-inaccuracy-reports");
        driver.findElement(By.xpath("//div[contains(@class,'govuk-summary-card')][contains(., '" + family + "')]//button")).click();
        browser.waitFor(ExpectedConditions.textToBePresentInElementLocated(By.className("govuk-notification-banner"), "dealt with"));

        // Back as the practitioner: lead professional now; end the involvement; then a record opened in error.
        signIn(practitioner);
        driver.get(url("/my-children"));
        assertThat(driver.findElement(By.id("current")).getText()).contains("Lead professional");
        driver.findElement(By.xpath("//tr[contains(., '" + family + "')]//button[starts-with(normalize-space(.), 'Open')]")).click();
        browser.waitFor(ExpectedConditions.titleIs("Open a record - ContactPoint"));
        driver.findElement(By.cssSelector("label[for='reason']")).click();
        browser.click("Open record");
        browser.waitFor(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h1"), "Peregrine"));
        browser.click("End my involvement");
        browser.waitFor(ExpectedConditions.titleIs("End your involvement - ContactPoint"));
        browser.assertPassesAxe("end your involvement");
        browser.click("End my involvement");
        browser.waitFor(ExpectedConditions.textToBePresentInElementLocated(By.className("govuk-notification-banner"), "Your involvement has ended"));
        assertThat(driver.findElement(By.id("ended-involvements")).getText()).contains("School nursing");
        browser.assertPassesAxe("record with an ended involvement");

        browser.click("I opened this record in error");
        browser.waitFor(ExpectedConditions.titleIs("Opened in error - ContactPoint"));
        browser.assertPassesAxe("opened in error");
    }

    private void signIn(String username) {
        browser.signIn(url(""), username, TestFixtures.PASSWORD, TestFixtures.PIN, fixtures.totpSecret(username));
    }



    private String url(String path) {
        return "http://localhost:" + port + path;
    }
}
