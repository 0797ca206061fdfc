package uk.contactpoint.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
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
import org.openqa.selenium.virtualauthenticator.VirtualAuthenticator;
import org.openqa.selenium.virtualauthenticator.VirtualAuthenticatorOptions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

import uk.contactpoint.TestFixtures;
import uk.contactpoint.access.Role;
import uk.contactpoint.access.Totp;
import uk.contactpoint.directory.LiveState;
import uk.contactpoint.directory.LocalAuthorities;
import uk.contactpoint.directory.LocalAuthorityCode;
import uk.contactpoint.directory.OrganisationKind;
import uk.contactpoint.directory.Sector;

/**
 * Break-glass in a real browser with axe-core on every page: a practitioner with the child-protection flag opens
 * a shielded record, overrides the shield (a form with errors first), sees the record with the banner, and the
 * LA's auditor closes the review.
 */
@Tag("browser")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BreakGlassBrowserIT {

    @LocalServerPort
    int port;
    @Autowired
    TestFixtures fixtures;
    @Autowired
    LocalAuthorities authorities;
    @Autowired
    org.springframework.jdbc.core.simple.JdbcClient jdbc;

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
    void aChildProtectionPractitionerOverridesTheShieldAndTheLaAuditorClosesTheReview() {
        authorities.update(new LocalAuthorityCode(TestFixtures.LEEDS), "0113 496 0999", LiveState.PRACTITIONERS_LIVE);
        String family = "Glassbrowser" + (char) ('a' + (int) (Math.random() * 26));
        TestFixtures.Child child = fixtures.child("Araminta", family, LocalDate.of(2012, 8, 3), "LS6 2AB", true);
        String practitioner = fixtures.user(Set.of(Role.PRACTITIONER),
                fixtures.organisation(OrganisationKind.SERVICE, Sector.SOCIAL_CARE, "Leeds Children's Social Work"), true);
        String auditor = fixtures.user(Set.of(Role.LA_AUDITOR),
                fixtures.organisation(OrganisationKind.LOCAL_AUTHORITY, Sector.LOCAL_AUTHORITY, "Leeds ContactPoint Team"), false);

        signIn(practitioner);
        driver.get(url("/records/open"));
        driver.findElement(By.id("contactPointId")).sendKeys(child.contactPointId().value());
        driver.findElement(By.cssSelector("label[for='reason-CHILD_PROTECTION']")).click();
        browser.click("Open record");
        browser.waitFor(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h1"), "Araminta"));
        assertThat(driver.getPageSource()).contains("This record is restricted").doesNotContain("7 Quarry Street");
        browser.assertPassesAxe("restricted record with the override button");

        browser.click("Override the shield (child protection)");
        browser.waitFor(ExpectedConditions.titleIs("Override the shield - ContactPoint"));
        browser.assertPassesAxe("override the shield");
        browser.click("Override the shield");
        browser.waitFor(ExpectedConditions.titleIs("Error: Override the shield - ContactPoint"));
        assertThat(driver.findElement(By.className("govuk-error-summary")).getText())
                .contains("Choose why you must see past the shield").contains("Enter your PIN");
        browser.assertPassesAxe("override the shield with errors");

        driver.findElement(By.cssSelector("label[for='reason-SECTION_47']")).click();
        driver.findElement(By.id("pin")).sendKeys(TestFixtures.PIN);
        driver.findElement(By.id("code")).sendKeys(Totp.code(fixtures.totpSecret(practitioner), Instant.now().plusSeconds(Totp.STEP_SECONDS)));
        browser.click("Override the shield");
        browser.waitFor(ExpectedConditions.presenceOfElementLocated(By.id("shield-overridden")));
        assertThat(driver.getPageSource()).contains("7 Quarry Street").doesNotContain("Nurse Confidential");
        browser.assertPassesAxe("record past the shield");

        driver.get(url("/home"));
        signIn(auditor);
        driver.get(url("/oversight/break-glass"));
        browser.waitFor(ExpectedConditions.titleIs("Break-glass reviews - ContactPoint"));
        browser.assertPassesAxe("break-glass reviews");
        driver.findElement(By.xpath("//div[contains(@class,'govuk-summary-card')][contains(., '" + practitioner + "')]"
                + "//label[normalize-space()='Justified']")).click();
        driver.findElement(By.xpath("//div[contains(@class,'govuk-summary-card')][contains(., '" + practitioner + "')]"
                + "//input[@name='note']")).sendKeys("Section 47 enquiry confirmed");
        driver.findElement(By.xpath("//div[contains(@class,'govuk-summary-card')][contains(., '" + practitioner + "')]"
                + "//button[normalize-space()='Close review']")).click();
        browser.waitFor(ExpectedConditions.textToBePresentInElementLocated(By.className("govuk-notification-banner"), "closed: justified"));
        browser.assertPassesAxe("break-glass reviews after closing one");
    }

    @Test
    void aPractitionerWithASecurityKeyOverridesTheShieldWithTheKeyInPlaceOfPinAndCode() {
        authorities.update(new LocalAuthorityCode(TestFixtures.LEEDS), "0113 496 0999", LiveState.PRACTITIONERS_LIVE);
        String family = "Keyglass" + (char) ('a' + (int) (Math.random() * 26));
        TestFixtures.Child child = fixtures.child("Perpetua", family, LocalDate.of(2013, 5, 9), "LS6 2AB", true);
        String practitioner = fixtures.user(Set.of(Role.PRACTITIONER),
                fixtures.organisation(OrganisationKind.SERVICE, Sector.SOCIAL_CARE, "Leeds Children's Social Work"), true);
        VirtualAuthenticator key = driver.addVirtualAuthenticator(new VirtualAuthenticatorOptions()
                .setProtocol(VirtualAuthenticatorOptions.Protocol.CTAP2)
                .setTransport(VirtualAuthenticatorOptions.Transport.USB)
                .setHasResidentKey(false).setHasUserVerification(true).setIsUserVerified(true));
        try {
            signIn(practitioner);
            driver.get(url("/account/security-keys"));
            browser.waitFor(ExpectedConditions.visibilityOfElementLocated(By.id("add-security-key")));
            driver.findElement(By.id("key-label")).sendKeys("Work key");
            driver.findElement(By.id("add-security-key")).click();
            browser.waitFor(ExpectedConditions.urlContains("?added"));

            driver.get(url("/records/open"));
            driver.findElement(By.id("contactPointId")).sendKeys(child.contactPointId().value());
            driver.findElement(By.cssSelector("label[for='reason-CHILD_PROTECTION']")).click();
            browser.click("Open record");
            browser.waitFor(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h1"), "Perpetua"));
            browser.click("Override the shield (child protection)");
            browser.waitFor(ExpectedConditions.visibilityOfElementLocated(By.id("break-glass-with-key")));
            browser.assertPassesAxe("override the shield with a security key offered");
            driver.findElement(By.cssSelector("label[for='reason-SECTION_47']")).click();
            driver.findElement(By.id("break-glass-with-key")).click();
            browser.waitFor(ExpectedConditions.presenceOfElementLocated(By.id("shield-overridden")));
            assertThat(driver.getPageSource()).contains("7 Quarry Street").doesNotContain("Nurse Confidential");
            assertThat(jdbc.sql("SELECT detail FROM audit_event WHERE action = 'BREAK_GLASS' AND actor = :a AND outcome = 'DISCLOSED'")
                    .param("a", practitioner).query(String.class).single()).contains(";by security key;");
        } finally {
            driver.removeVirtualAuthenticator(key);
        }
    }

    private void signIn(String username) {
        browser.signIn(url(""), username, TestFixtures.PASSWORD, TestFixtures.PIN, fixtures.totpSecret(username));
    }



    private String url(String path) {
        return "http://localhost:" + port + path;
    }
}
