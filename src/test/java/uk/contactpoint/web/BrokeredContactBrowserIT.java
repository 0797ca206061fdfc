package uk.contactpoint.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.doReturn;

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
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;

import uk.contactpoint.TestFixtures;
import uk.contactpoint.access.Role;
import uk.contactpoint.directory.LiveState;
import uk.contactpoint.directory.LocalAuthorities;
import uk.contactpoint.directory.LocalAuthorityCode;
import uk.contactpoint.directory.OrganisationKind;
import uk.contactpoint.directory.Sector;
import uk.contactpoint.practice.OfficeHours;

/**
 * Brokered contact in a real browser with axe-core on every page (ADR 27): out of hours a practitioner asks for
 * contact with the masked service (a form with errors first) and is shown the emergency duty team; the LA's data
 * manager passes the request on; the service accepts; the practitioner then sees how to reach it.
 */
@Tag("browser")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BrokeredContactBrowserIT {

    @LocalServerPort
    int port;
    @Autowired
    TestFixtures fixtures;
    @Autowired
    LocalAuthorities authorities;
    @MockitoSpyBean
    OfficeHours hours;

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
    void aPractitionerAsksOutOfHoursTheLaTeamPassesItOnAndTheServiceAccepts() {
        doReturn(false).when(hours).open();
        LocalAuthorityCode leeds = new LocalAuthorityCode(TestFixtures.LEEDS);
        authorities.update(leeds, "0113 496 0999", LiveState.PRACTITIONERS_LIVE);
        authorities.updateTeamPhone(leeds, "0113 496 0888");
        TestFixtures.Child child = fixtures.child(false);
        String requester = fixtures.user(Set.of(Role.PRACTITIONER),
                fixtures.organisation(OrganisationKind.SERVICE, Sector.EDUCATION, "Leeds Education Welfare"), false);
        String manager = fixtures.user(Set.of(Role.LA_DATA_MANAGER),
                fixtures.organisation(OrganisationKind.LOCAL_AUTHORITY, Sector.LOCAL_AUTHORITY, "Leeds ContactPoint Team"), false);
        String service = fixtures.user(Set.of(Role.PRACTITIONER), child.sensitiveServiceOrganisation(), false);

        signIn(requester);
        driver.get(url("/records/open"));
        driver.findElement(By.id("contactPointId")).sendKeys(child.contactPointId().value());
        driver.findElement(By.cssSelector("label[for='reason']")).click();
        browser.click("Open record");
        browser.waitFor(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h1"), "Zebedee"));
        assertThat(driver.findElement(By.id("out-of-hours")).getText()).contains("0113 496 0999");
        browser.assertPassesAxe("record with a masked service out of hours");

        browser.click("Ask for contact to be brokered");
        browser.waitFor(ExpectedConditions.titleIs("Ask for contact to be brokered - ContactPoint"));
        browser.assertPassesAxe("ask for contact to be brokered");
        browser.click("Send request");
        browser.waitFor(ExpectedConditions.titleIs("Error: Ask for contact to be brokered - ContactPoint"));
        assertThat(driver.findElement(By.className("govuk-error-summary")).getText())
                .contains("Say why you need to contact the service").contains("Enter a phone number or an email address")
                .contains("Choose how soon you need contact");
        browser.assertPassesAxe("ask for contact to be brokered with errors");
        driver.findElement(By.id("reason")).sendKeys("The young person asked me to get in touch with their clinic");
        driver.findElement(By.id("phone")).sendKeys("0113 496 0321");
        driver.findElement(By.cssSelector("label[for='urgency']")).click();
        browser.click("Send request");
        browser.waitFor(ExpectedConditions.titleIs("Request sent - ContactPoint"));
        assertThat(driver.findElement(By.id("edt-phone")).getText()).isEqualTo("0113 496 0999");
        browser.assertPassesAxe("request sent out of hours");
        driver.findElement(By.linkText("Follow your request")).click();
        browser.waitFor(ExpectedConditions.titleIs("Request for brokered contact - ContactPoint"));
        String requestUrl = driver.getCurrentUrl();
        assertThat(driver.findElement(By.tagName("main")).getText()).doesNotContain("Sexual").doesNotContain("Clinic");
        browser.assertPassesAxe("request waiting for the LA team");

        signIn(manager);
        driver.get(url("/brokering"));
        browser.waitFor(ExpectedConditions.titleIs("Brokered contact - ContactPoint"));
        browser.assertPassesAxe("brokered contact for the LA team");
        driver.get(requestUrl);
        browser.click("Pass to the service");
        browser.waitFor(ExpectedConditions.textToBePresentInElementLocated(By.className("govuk-notification-banner"), "Passed to the service"));
        browser.assertPassesAxe("request passed to the service");

        signIn(service);
        driver.get(requestUrl);
        browser.waitFor(ExpectedConditions.titleIs("Request for brokered contact - ContactPoint"));
        browser.assertPassesAxe("request for the service");
        browser.click("Accept: let them see how to reach us");
        browser.waitFor(ExpectedConditions.textToBePresentInElementLocated(By.className("govuk-notification-banner"), "Accepted"));

        signIn(requester);
        driver.get(requestUrl);
        browser.waitFor(ExpectedConditions.titleIs("Request for brokered contact - ContactPoint"));
        assertThat(driver.findElement(By.id("service")).getText()).isEqualTo("How to reach the service");
        assertThat(driver.findElement(By.tagName("main")).getText()).contains("Nurse Confidential").contains("0113 496 0200");
        browser.assertPassesAxe("request accepted, as the requester sees it");
    }

    private void signIn(String username) {
        browser.signIn(url(""), username, TestFixtures.PASSWORD, TestFixtures.PIN, fixtures.totpSecret(username));
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }
}
