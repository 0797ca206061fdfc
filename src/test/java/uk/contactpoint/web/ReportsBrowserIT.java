package uk.contactpoint.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;
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
 * The LA team's report and transfer pages, and the national view, in a real browser with axe-core on each (WCAG 2.2
 * A and AA): every chart is an SVG with role img, a title and a description, and sits beside a table of the same
 * figures with its CSV link.
 */
@Tag("browser")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReportsBrowserIT {

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

    private String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    private void open(String path, String title) {
        driver.get(url(path));
        browser.waitFor(ExpectedConditions.titleIs(title + " - ContactPoint"));
        browser.assertPassesAxe(path);
    }

    private void chartsAreDescribedAndBesideTables(String page) {
        List<WebElement> charts = driver.findElements(By.cssSelector("svg.cp-chart"));
        assertThat(charts).as("charts on %s", page).isNotEmpty();
        for (WebElement chart : charts) {
            assertThat(chart.getAttribute("role")).isEqualTo("img");
            String[] labels = chart.getAttribute("aria-labelledby").split(" ");
            assertThat(labels).hasSize(2);
            assertThat(driver.findElement(By.id(labels[1])).getAttribute("textContent")).as("description").isNotBlank();
        }
        assertThat(driver.findElements(By.cssSelector("table.govuk-table"))).hasSizeGreaterThanOrEqualTo(charts.size());
        assertThat(driver.findElements(By.partialLinkText("Download this table as CSV"))).isNotEmpty();
    }

    @Test
    void anAuthorityTeamReadsItsReportsAndTransfersAndANationalAdministratorTheNationalView() {
        String manager = fixtures.user(Set.of(Role.LA_DATA_MANAGER),
                fixtures.organisation(OrganisationKind.LOCAL_AUTHORITY, Sector.LOCAL_AUTHORITY, "Leeds ContactPoint Team"), false);
        browser.signIn(url(""), manager, TestFixtures.PASSWORD, TestFixtures.PIN, fixtures.totpSecret(manager));

        open("/reports", "Reports");
        driver.findElement(By.linkText("Proportionality and use")).click();
        browser.waitFor(ExpectedConditions.titleIs("Proportionality and use - ContactPoint"));
        browser.assertPassesAxe("proportionality and use");
        chartsAreDescribedAndBesideTables("proportionality and use");
        browser.shot("17-proportionality");

        open("/reports/missing-education", "Children missing education");
        chartsAreDescribedAndBesideTables("missing education");
        open("/reports/data-quality", "Data quality");
        chartsAreDescribedAndBesideTables("data quality");
        open("/transfers", "Transfers between local authorities");
        open("/data/left-england", "Children who left England");

        String national = fixtures.user(Set.of(Role.NATIONAL_ADMIN),
                fixtures.organisation(OrganisationKind.NATIONAL_PARTNER, Sector.NATIONAL, "National team"), false);
        driver.manage().deleteAllCookies();
        browser.signIn(url(""), national, TestFixtures.PASSWORD, TestFixtures.PIN, fixtures.totpSecret(national));
        open("/reports/national", "National view");
        chartsAreDescribedAndBesideTables("national view");
        assertThat(driver.findElement(By.id("proportionality")).getText()).isEqualTo("Proportionality and use");
    }
}
