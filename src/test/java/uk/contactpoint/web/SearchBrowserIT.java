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
 * The practitioner's main journey in a real browser: sign in with all factors, search with a misspelt name,
 * choose a reason, see the record; axe-core on every page. With {@code -Dscreenshots.dir=docs/screenshots}
 * it also saves a screenshot of each page (how the README's screenshots are made).
 */
@Tag("browser")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SearchBrowserIT {

    private static final String PASSWORD = "search-browser-" + UUID.randomUUID();
    private static final String PIN = "13572468";

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

    @Test
    void aPractitionerFindsAChildByAMisspeltNameGivesAReasonAndSeesWhoToContact() throws IOException {
        authorities.update(new LocalAuthorityCode(TestFixtures.LEEDS), "0113 496 0999", LiveState.PRACTITIONERS_LIVE);
        String family = "Featherstonehaugh" + (char) ('a' + (int) (Math.random() * 26));
        fixtures.child("Ottoline", family, LocalDate.of(2015, 4, 23), "LS6 2AB", false);
        String secret = Totp.newSecret();
        String username = "search." + UUID.randomUUID().toString().substring(0, 8);
        LocalDate vetted = LocalDate.now().minusMonths(1);
        users.create(new NewUser(username, PASSWORD, "Sam Practitioner", null, null,
                fixtures.organisation(OrganisationKind.SERVICE, Sector.SOCIAL_CARE, "Early Help Team"), TestFixtures.LEEDS,
                Set.of(Role.PRACTITIONER), false, vetted, vetted, vetted, PIN, secret));

        driver.get(url("/login"));
        shot("01-sign-in");
        driver.findElement(By.id("username")).sendKeys(username);
        driver.findElement(By.id("password")).sendKeys(PASSWORD);
        driver.findElement(By.xpath("//button[normalize-space()='Continue']")).click();
        waitFor(ExpectedConditions.urlToBe(url("/login/second-factor")));
        shot("02-pin-and-code");
        driver.findElement(By.id("pin")).sendKeys(PIN);
        driver.findElement(By.id("code")).sendKeys(Totp.code(secret, Instant.now()));
        driver.findElement(By.xpath("//button[normalize-space()='Continue']")).click();
        waitFor(ExpectedConditions.urlToBe(url("/home")));

        driver.get(url("/search"));
        assertPassesAxe("search form");
        driver.findElement(By.id("givenName")).sendKeys("Otoline");
        driver.findElement(By.id("familyName")).sendKeys(family.replace("haugh", "hough"));
        driver.findElement(By.id("dateOfBirth-day")).sendKeys("23");
        driver.findElement(By.id("dateOfBirth-month")).sendKeys("4");
        driver.findElement(By.id("dateOfBirth-year")).sendKeys("2015");
        shot("03-search");
        driver.findElement(By.xpath("//button[normalize-space()='Search']")).click();
        waitFor(ExpectedConditions.titleIs("Search results - ContactPoint"));
        assertThat(driver.findElement(By.id("results")).getText()).contains("Ottoline " + family).contains("LS6").contains("Leeds");
        assertPassesAxe("search results");
        shot("04-results");

        driver.findElement(By.xpath("//tr[contains(., '" + family + "')]//button")).click();
        waitFor(ExpectedConditions.titleIs("Open a record - ContactPoint"));
        assertPassesAxe("reason step");
        driver.findElement(By.cssSelector("label[for='reason']")).click();
        driver.findElement(By.id("reasonDetail")).sendKeys("early help assessment");
        shot("05-reason");
        driver.findElement(By.xpath("//button[normalize-space()='Open record']")).click();
        waitFor(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h1"), "Ottoline"));
        assertThat(driver.getPageSource()).contains("Sam Social").contains("0113 496 0100");
        assertPassesAxe("record");
        shot("06-record");
    }

    @Test
    void theMainJourneyCanBeWalkedWithTheKeyboardAlone() {
        authorities.update(new LocalAuthorityCode(TestFixtures.LEEDS), "0113 496 0999", LiveState.PRACTITIONERS_LIVE);
        String family = "Keyboardson" + (char) ('a' + (int) (Math.random() * 26));
        fixtures.child("Tabitha", family, LocalDate.of(2016, 9, 30), "LS6 2AB", false);
        String secret = Totp.newSecret();
        String username = "keys." + UUID.randomUUID().toString().substring(0, 8);
        LocalDate vetted = LocalDate.now().minusMonths(1);
        users.create(new NewUser(username, PASSWORD, "Kay Board", null, null,
                fixtures.organisation(OrganisationKind.SERVICE, Sector.SOCIAL_CARE, "Keyboard Team"), TestFixtures.LEEDS,
                Set.of(Role.PRACTITIONER), false, vetted, vetted, vetted, PIN, secret));
        driver.manage().deleteAllCookies();

        driver.get(url("/login"));
        tabTo("username").sendKeys(username);
        tabTo("password").sendKeys(PASSWORD + org.openqa.selenium.Keys.ENTER);
        waitFor(ExpectedConditions.urlToBe(url("/login/second-factor")));
        tabTo("pin").sendKeys(PIN);
        tabTo("code").sendKeys(Totp.code(secret, Instant.now()) + org.openqa.selenium.Keys.ENTER);
        waitFor(ExpectedConditions.urlToBe(url("/home")));

        tabToLink("Find a child").sendKeys(org.openqa.selenium.Keys.ENTER);
        waitFor(ExpectedConditions.urlToBe(url("/search")));
        tabTo("familyName").sendKeys(family);
        tabTo("dateOfBirth-day").sendKeys("30");
        tabTo("dateOfBirth-month").sendKeys("9");
        tabTo("dateOfBirth-year").sendKeys("2016" + org.openqa.selenium.Keys.ENTER);
        waitFor(ExpectedConditions.titleIs("Search results - ContactPoint"));

        org.openqa.selenium.WebElement open = tabUntil(e -> "button".equals(e.getTagName()) && e.getText().startsWith("Open"));
        open.sendKeys(org.openqa.selenium.Keys.ENTER);
        waitFor(ExpectedConditions.titleIs("Open a record - ContactPoint"));
        tabTo("reason").sendKeys(org.openqa.selenium.Keys.SPACE);
        tabUntil(e -> "button".equals(e.getTagName()) && e.getText().equals("Open record")).sendKeys(org.openqa.selenium.Keys.ENTER);
        waitFor(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h1"), "Tabitha"));
    }

    /** Presses Tab until the element with this id has the focus (at most 60 presses). */
    private org.openqa.selenium.WebElement tabTo(String id) {
        return tabUntil(e -> id.equals(e.getDomAttribute("id")));
    }

    private org.openqa.selenium.WebElement tabToLink(String text) {
        return tabUntil(e -> "a".equals(e.getTagName()) && e.getText().trim().equals(text));
    }

    private org.openqa.selenium.WebElement tabUntil(java.util.function.Predicate<org.openqa.selenium.WebElement> wanted) {
        for (int i = 0; i < 60; i++) {
            org.openqa.selenium.WebElement focused = driver.switchTo().activeElement();
            if (wanted.test(focused)) {
                return focused;
            }
            new org.openqa.selenium.interactions.Actions(driver).sendKeys(org.openqa.selenium.Keys.TAB).perform();
        }
        throw new AssertionError("not reachable by Tab within 60 presses on " + driver.getCurrentUrl());
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
