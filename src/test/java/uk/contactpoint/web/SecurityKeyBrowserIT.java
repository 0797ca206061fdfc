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
import org.openqa.selenium.virtualauthenticator.VirtualAuthenticator;
import org.openqa.selenium.virtualauthenticator.VirtualAuthenticatorOptions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

import uk.contactpoint.TestFixtures;
import uk.contactpoint.access.NewUser;
import uk.contactpoint.access.Role;
import uk.contactpoint.access.Totp;
import uk.contactpoint.access.UserAccounts;
import uk.contactpoint.directory.OrganisationKind;
import uk.contactpoint.directory.Sector;

/**
 * A FIDO2 security key instead of PIN and code, with Chromium's virtual authenticator (CTAP2, with user
 * verification: the key's own PIN). The user registers the key while signed in, then signs in with the
 * password and the key. Runs with CI=true.
 */
@Tag("browser")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SecurityKeyBrowserIT {

    private static final String PASSWORD = "security-key-browser-" + UUID.randomUUID();
    private static final String PIN = "86420135";

    @LocalServerPort
    int port;
    @Autowired
    UserAccounts users;
    @Autowired
    TestFixtures fixtures;
    @Autowired
    JdbcClient jdbc;

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

    private String user(String secret) {
        long org = fixtures.organisation(OrganisationKind.SERVICE, Sector.HEALTH, "Key Test Service");
        String username = "key." + UUID.randomUUID().toString().substring(0, 8);
        LocalDate vetted = LocalDate.now().minusMonths(1);
        users.create(new NewUser(username, PASSWORD, "Key User", null, null, org, TestFixtures.LEEDS,
                Set.of(Role.PRACTITIONER), false, vetted, vetted, vetted, PIN, secret));
        return username;
    }

    private void password(String username) {
        driver.get(url("/login"));
        driver.findElement(By.id("username")).sendKeys(username);
        driver.findElement(By.id("password")).sendKeys(PASSWORD);
        driver.findElement(By.xpath("//button[normalize-space()='Continue']")).click();
        wait(ExpectedConditions.urlToBe(url("/login/second-factor")));
    }

    @Test
    void aUserRegistersASecurityKeyAndSignsInWithThePasswordAndTheKeyInsteadOfPinAndCode() {
        VirtualAuthenticator key = driver.addVirtualAuthenticator(new VirtualAuthenticatorOptions()
                .setProtocol(VirtualAuthenticatorOptions.Protocol.CTAP2)
                .setTransport(VirtualAuthenticatorOptions.Transport.USB)
                .setHasResidentKey(false).setHasUserVerification(true).setIsUserVerified(true));
        try {
            driver.manage().deleteAllCookies();
            String secret = Totp.newSecret();
            String username = user(secret);
            password(username);
            driver.findElement(By.id("pin")).sendKeys(PIN);
            driver.findElement(By.id("code")).sendKeys(Totp.code(secret, Instant.now()));
            driver.findElement(By.xpath("//button[normalize-space()='Continue']")).click();
            wait(ExpectedConditions.urlToBe(url("/home")));

            driver.get(url("/account/security-keys"));
            assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("Security keys");
            wait(ExpectedConditions.visibilityOfElementLocated(By.id("add-security-key")));
            assertPassesAxe("security keys page");
            driver.findElement(By.id("key-label")).sendKeys("Blue key");
            driver.findElement(By.id("add-security-key")).click();
            wait(ExpectedConditions.urlContains("?added"));
            assertThat(driver.findElement(By.id("keys")).getText()).contains("Blue key");
            assertThat(key.getCredentials()).hasSize(1);

            driver.findElement(By.xpath("//button[normalize-space()='Sign out']")).click();
            wait(ExpectedConditions.urlContains("/login?logout"));
            password(username);
            wait(ExpectedConditions.visibilityOfElementLocated(By.id("use-security-key")));
            assertPassesAxe("second step with a security key");
            driver.findElement(By.id("use-security-key")).click();
            wait(ExpectedConditions.urlToBe(url("/home")));
            assertThat(driver.findElement(By.tagName("h1")).getText()).contains(username);
            assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE actor = :u AND action = 'LOGIN' AND actor_role LIKE '%FACTOR_WEBAUTHN%'")
                    .param("u", username).query(Long.class).single()).as("the login by key is audited as such").isEqualTo(1);
            assertThat(jdbc.sql("SELECT sign_count FROM security_key k JOIN app_user u ON u.id = k.user_id WHERE u.username = :u")
                    .param("u", username).query(Long.class).single()).as("the signature counter moved on").isPositive();
        } finally {
            driver.removeVirtualAuthenticator(key);
        }
    }

    @Test
    void aUserWithoutAKeyIsToldToUsePinAndCodeAndAKeyOfAnotherUserIsRefused() {
        VirtualAuthenticator key = driver.addVirtualAuthenticator(new VirtualAuthenticatorOptions()
                .setProtocol(VirtualAuthenticatorOptions.Protocol.CTAP2)
                .setTransport(VirtualAuthenticatorOptions.Transport.USB)
                .setHasResidentKey(false).setHasUserVerification(true).setIsUserVerified(true));
        try {
            driver.manage().deleteAllCookies();
            String username = user(Totp.newSecret());
            password(username);
            wait(ExpectedConditions.visibilityOfElementLocated(By.id("use-security-key")));
            driver.findElement(By.id("use-security-key")).click();
            wait(ExpectedConditions.visibilityOfElementLocated(By.id("security-key-error")));
            assertThat(driver.findElement(By.id("security-key-error")).getText()).contains("You have no security key");
            assertThat(driver.getCurrentUrl()).isEqualTo(url("/login/second-factor"));
            assertThat(driver.manage().getCookieNamed("__Host-SESSION")).isNotNull();
            driver.get(url("/home"));
            assertThat(driver.getCurrentUrl()).as("still only half signed in").contains("/login/second-factor");
        } finally {
            driver.removeVirtualAuthenticator(key);
        }
    }

    private void wait(org.openqa.selenium.support.ui.ExpectedCondition<?> condition) {
        new WebDriverWait(driver, Duration.ofSeconds(15)).until(condition);
    }

    private void assertPassesAxe(String page) {
        List<Rule> violations = browser.axeViolations();
        assertThat(violations).extracting(Rule::getId)
                .as("axe-core WCAG 2.2 AA violations on the %s:\n%s", page, BrowserTestSupport.describe(violations))
                .isEmpty();
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }
}
