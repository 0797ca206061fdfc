package uk.contactpoint.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
import uk.contactpoint.directory.OrganisationKind;
import uk.contactpoint.directory.Sector;

/**
 * The bulk shielding import in a real browser with axe-core on every page: a shielding officer uploads a file
 * with a bad row (refused, row by row), then the corrected file (applied); and keeps the address exclusion
 * register (an address without a postcode refused, then added, then removed).
 */
@Tag("browser")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ShieldingImportBrowserIT {

    @LocalServerPort
    int port;
    @Autowired
    TestFixtures fixtures;

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
    void aShieldingOfficerUploadsAFileWithABadRowThenTheCorrectedFile() throws IOException {
        TestFixtures.Child child = fixtures.child(false);
        String officer = fixtures.user(Set.of(Role.LA_SHIELDING_OFFICER),
                fixtures.organisation(OrganisationKind.LOCAL_AUTHORITY, Sector.LOCAL_AUTHORITY, "Leeds ContactPoint Team"), false);
        String header = "contactpoint_id,reason,requested_by,review_date\n";
        String good = child.contactPointId().value() + ",DOMESTIC_VIOLENCE_OR_REFUGE,the child's mother," + LocalDate.now().plusMonths(6) + "\n";
        Path bad = Files.createTempFile("shield", ".csv");
        Path corrected = Files.createTempFile("shield", ".csv");
        Files.writeString(bad, header + good + "12345,OTHER,police," + LocalDate.now().plusMonths(6) + "\n");
        Files.writeString(corrected, header + good);
        try {
            signIn(officer);
            driver.get(url("/shielding"));
            driver.findElement(By.linkText("import your list of records to shield")).click();
            browser.waitFor(ExpectedConditions.titleIs("Import records to shield - ContactPoint"));
            browser.assertPassesAxe("shielding import");
            browser.click("Import and shield");
            browser.waitFor(ExpectedConditions.titleIs("Error: Import records to shield - ContactPoint"));
            browser.assertPassesAxe("shielding import without a file");

            driver.findElement(By.id("file")).sendKeys(bad.toString());
            browser.click("Import and shield");
            browser.waitFor(ExpectedConditions.presenceOfElementLocated(By.id("import-refused")));
            assertThat(driver.findElement(By.id("import-report")).getText()).contains("ContactPoint ID: must be 12 digits long");
            browser.assertPassesAxe("shielding import refused");

            driver.findElement(By.id("file")).sendKeys(corrected.toString());
            browser.click("Import and shield");
            browser.waitFor(ExpectedConditions.presenceOfElementLocated(By.id("import-applied")));
            assertThat(driver.findElement(By.id("import-applied")).getText()).contains("1 records shielded");
            browser.assertPassesAxe("shielding import applied");
        } finally {
            Files.deleteIfExists(bad);
            Files.deleteIfExists(corrected);
        }
    }

    @Test
    void aShieldingOfficerAddsAndRemovesAnAddressOnTheExclusionRegister() {
        String officer = fixtures.user(Set.of(Role.LA_SHIELDING_OFFICER),
                fixtures.organisation(OrganisationKind.LOCAL_AUTHORITY, Sector.LOCAL_AUTHORITY, "Leeds ContactPoint Team"), false);
        signIn(officer);
        driver.get(url("/shielding"));
        driver.findElement(By.linkText("address exclusion register")).click();
        browser.waitFor(ExpectedConditions.titleIs("Address exclusion register - ContactPoint"));
        browser.assertPassesAxe("address exclusion register");
        driver.findElement(By.id("line1")).sendKeys("21 Browser Test Road");
        browser.click("Add to the register");
        browser.waitFor(ExpectedConditions.titleIs("Error: Address exclusion register - ContactPoint"));
        browser.assertPassesAxe("address exclusion register with an error");
        driver.findElement(By.id("line1")).sendKeys("21 Browser Test Road");
        driver.findElement(By.id("postcode")).sendKeys("ls1 4ap");
        browser.click("Add to the register");
        browser.waitFor(ExpectedConditions.presenceOfElementLocated(By.id("entries")));
        assertThat(driver.findElement(By.id("entries")).getText()).contains("21 BROWSER TEST ROAD").contains("LS1 4AP");
        browser.assertPassesAxe("address exclusion register with an entry");
        driver.findElement(By.xpath("//tr[contains(., '21 BROWSER TEST ROAD')]//button")).click();
        browser.waitFor(ExpectedConditions.textToBePresentInElementLocated(By.className("govuk-notification-banner"), "no longer on the register"));
        assertThat(driver.findElements(By.xpath("//tr[contains(., '21 BROWSER TEST ROAD')]"))).isEmpty();
    }

    private void signIn(String username) {
        browser.signIn(url(""), username, TestFixtures.PASSWORD, TestFixtures.PIN, fixtures.totpSecret(username));
    }



    private String url(String path) {
        return "http://localhost:" + port + path;
    }
}
