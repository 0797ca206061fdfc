package uk.contactpoint.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

import uk.contactpoint.TestFixtures;
import uk.contactpoint.access.Role;
import uk.contactpoint.access.Totp;
import uk.contactpoint.directory.OrganisationKind;
import uk.contactpoint.directory.Sector;

/** The two-step sign-in, lockouts and sessions, over real HTTP. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class SignInIT {

    private static final String STEP_TWO = "/login/second-factor";
    private static final String MISSING_FACTOR = STEP_TWO + "?factor.type=pin_totp&factor.reason=missing";

    @LocalServerPort
    int port;
    @Autowired
    TestFixtures fixtures;
    @Autowired
    JdbcClient jdbc;

    @Test
    void shouldSendAPasswordOnlySessionToTheSecondStepForEveryPersonalPage() {
        WebClient web = new WebClient(port);
        String user = user();

        assertThat(location(web.login(user, TestFixtures.PASSWORD))).endsWith(STEP_TWO);

        assertThat(location(web.get("/home"))).contains(MISSING_FACTOR);
        assertThat(location(web.get("/records/open"))).contains(MISSING_FACTOR);
        HttpResponse<String> post = web.post(STEP_TWO, "/records/open", Map.of("contactPointId", "1", "reason", "x"));
        assertThat(post.statusCode()).isEqualTo(302);
        assertThat(location(post)).contains(MISSING_FACTOR);
    }

    @Test
    void shouldOfferASecondStepFormWithPinCodeAndCsrf() {
        WebClient web = new WebClient(port);
        web.login(user(), TestFixtures.PASSWORD);

        HttpResponse<String> page = web.get(STEP_TWO);

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("action=\"/login/second-factor\"").contains("name=\"pin\"")
                .contains("name=\"code\"").contains("name=\"_csrf\"").contains("autocomplete=\"one-time-code\"");
    }

    @Test
    void shouldNotShowTheSecondStepWithoutThePasswordStep() {
        WebClient web = new WebClient(port);

        assertThat(location(web.get(STEP_TWO))).endsWith("/login");
        HttpResponse<String> post = web.post("/login", STEP_TWO, Map.of("pin", TestFixtures.PIN, "code", "123456"));
        assertThat(location(post)).endsWith("/login");
    }

    @Test
    void shouldRefuseAWrongPinOrAWrongCodeWithOneMessage() {
        WebClient web = new WebClient(port);
        String user = user();
        String code = Totp.code(fixtures.totpSecret(user), Instant.now());
        web.login(user, TestFixtures.PASSWORD);

        HttpResponse<String> wrongPin = web.secondFactor("99999999", code);
        HttpResponse<String> wrongCode = web.secondFactor(TestFixtures.PIN, otherThan(code));
        HttpResponse<String> noCode = web.secondFactor(TestFixtures.PIN, "");

        assertThat(List.of(wrongPin, wrongCode, noCode)).extracting(SignInIT::location).containsOnly(
                location(wrongPin)).allSatisfy(l -> assertThat(l).endsWith(STEP_TWO + "?error"));
        assertThat(web.get(STEP_TWO + "?error").body()).contains("There is a problem");
        assertThat(location(web.get("/home"))).contains(MISSING_FACTOR);
    }

    @Test
    void shouldNeverAcceptTheSameCodeTwice() {
        String user = user();
        String code = Totp.code(fixtures.totpSecret(user), Instant.now());
        WebClient first = new WebClient(port);
        first.login(user, TestFixtures.PASSWORD);
        assertThat(location(first.secondFactor(TestFixtures.PIN, code))).endsWith("/home");

        WebClient replay = new WebClient(port);
        replay.login(user, TestFixtures.PASSWORD);

        assertThat(location(replay.secondFactor(TestFixtures.PIN, code))).endsWith(STEP_TWO + "?error");
        assertThat(location(replay.get("/home"))).contains(MISSING_FACTOR);
    }

    @Test
    void shouldLockTheAccountAndEndTheSessionAfterFiveBadSecondSteps() {
        WebClient web = new WebClient(port);
        String user = user();
        web.login(user, TestFixtures.PASSWORD);
        String wrong = otherThan(Totp.code(fixtures.totpSecret(user), Instant.now()));
        for (int i = 0; i < 4; i++) {
            assertThat(location(web.secondFactor(TestFixtures.PIN, wrong))).endsWith(STEP_TWO + "?error");
        }

        HttpResponse<String> fifth = web.secondFactor(TestFixtures.PIN, wrong);

        assertThat(location(fifth)).endsWith("/login?error");
        assertThat(location(web.get(STEP_TWO))).as("the half-logged-in session has ended").endsWith("/login");
        assertThat(location(web.login(user, TestFixtures.PASSWORD))).as("locked, right password or not").endsWith("/login?error");
        assertThat(jdbc.sql("SELECT second_factor_locked FROM app_user WHERE username = :u").param("u", user)
                .query(Boolean.class).single()).isTrue();
    }

    @Test
    void shouldLockForFifteenMinutesAfterTenBadPasswordsAndCountTheStepsApart() {
        String user = user();
        WebClient web = new WebClient(port);
        web.login(user, TestFixtures.PASSWORD);
        web.secondFactor(TestFixtures.PIN, "000000");
        for (int i = 0; i < 9; i++) {
            assertThat(location(new WebClient(port).login(user, "wrong password " + i))).endsWith("/login?error");
        }
        assertThat(counters(user)).containsEntry("failed_passwords", 9).containsEntry("failed_second_factors", 1);

        new WebClient(port).login(user, "wrong password 10");

        OffsetDateTime until = jdbc.sql("SELECT locked_until FROM app_user WHERE username = :u").param("u", user)
                .query(OffsetDateTime.class).single();
        assertThat(Duration.between(Instant.now(), until.toInstant())).isBetween(Duration.ofMinutes(14), Duration.ofMinutes(15));
        assertThat(location(new WebClient(port).login(user, TestFixtures.PASSWORD))).endsWith("/login?error");
    }

    @Test
    void shouldAnswerUnknownUserWrongPasswordAndLockedAccountTheSameWay() {
        String locked = user();
        jdbc.sql("UPDATE app_user SET locked_until = :t WHERE username = :u")
                .param("t", java.sql.Timestamp.from(Instant.now().plusSeconds(600))).param("u", locked).update();

        HttpResponse<String> unknown = new WebClient(port).login("nobody-" + System.nanoTime(), TestFixtures.PASSWORD);
        HttpResponse<String> wrong = new WebClient(port).login(user(), "not the password");
        HttpResponse<String> lockedOut = new WebClient(port).login(locked, TestFixtures.PASSWORD);

        for (HttpResponse<String> r : List.of(unknown, wrong, lockedOut)) {
            assertThat(r.statusCode()).isEqualTo(302);
            assertThat(location(r)).endsWith("/login?error");
            assertThat(r.body()).isEqualTo(unknown.body());
        }
    }

    @Test
    void shouldNeverLetOneUsersSecondFactorCompleteAnotherUsersLogin() {
        String alice = user();
        String bob = user();
        WebClient web = new WebClient(port);
        assertThat(location(web.signIn(alice, TestFixtures.PASSWORD, TestFixtures.PIN, fixtures.totpSecret(alice)))).endsWith("/home");

        // Bob's password in Alice's fully signed-in browser: Bob has the password factor only.
        assertThat(location(web.login(bob, TestFixtures.PASSWORD))).endsWith(STEP_TWO);
        assertThat(location(web.get("/home"))).contains(MISSING_FACTOR);
        // Alice's PIN and code do not complete Bob's login.
        assertThat(location(web.secondFactor(TestFixtures.PIN, nextCode(alice)))).endsWith(STEP_TWO + "?error");
        assertThat(location(web.get("/home"))).contains(MISSING_FACTOR);
    }

    @Test
    void shouldKeepOneSessionPerUserAndEndASessionAtLogout() {
        String user = user();
        WebClient first = new WebClient(port);
        first.signIn(user, TestFixtures.PASSWORD, TestFixtures.PIN, fixtures.totpSecret(user));
        assertThat(first.get("/home").statusCode()).isEqualTo(200);

        WebClient second = new WebClient(port);
        second.login(user, TestFixtures.PASSWORD);
        assertThat(first.get("/home").statusCode()).as("a password alone does not end the other session").isEqualTo(200);
        assertThat(location(second.secondFactor(TestFixtures.PIN, nextCode(user)))).endsWith("/home");

        assertThat(location(first.get("/home"))).as("the older session has ended").endsWith("/login");
        assertThat(second.get("/home").statusCode()).isEqualTo(200);

        String cookie = second.sessionCookie();
        assertThat(location(second.post("/home", "/logout", Map.of()))).endsWith("/login?logout");
        WebClient stolen = new WebClient(port);
        stolen.setSessionCookie(cookie);
        assertThat(location(stolen.get("/home"))).as("the logged-out session id is dead").endsWith("/login");
    }

    @Test
    void shouldSetAHostPrefixedSecureHttpOnlyStrictSessionCookieWithAFifteenMinuteIdleTimeout() {
        WebClient web = new WebClient(port);
        String user = user();
        web.signIn(user, TestFixtures.PASSWORD, TestFixtures.PIN, fixtures.totpSecret(user));

        String header = web.sessionCookieHeader();
        assertThat(header).startsWith("__Host-SESSION=").contains("Secure").contains("HttpOnly")
                .contains("SameSite=Strict").contains("Path=/").doesNotContainIgnoringCase("Domain=");
        String id = new String(java.util.Base64.getDecoder().decode(web.sessionCookie()));
        assertThat(id).as("192-bit random session id").matches("[A-Za-z0-9_-]{32}");
        Integer idle = jdbc.sql("SELECT max_inactive_interval FROM spring_session WHERE principal_name = :u")
                .param("u", user).query(Integer.class).single();
        assertThat(idle).isEqualTo(15 * 60);
    }

    @Test
    void shouldRequireTheCsrfTokenOnBothSteps() {
        WebClient web = new WebClient(port);
        String user = user();
        web.get("/login");
        assertThat(web.postWithoutFetching("/login", Map.of("username", user, "password", TestFixtures.PASSWORD))
                .statusCode()).isEqualTo(403);
        web.login(user, TestFixtures.PASSWORD);
        assertThat(web.postWithoutFetching(STEP_TWO, Map.of("pin", TestFixtures.PIN,
                "code", Totp.code(fixtures.totpSecret(user), Instant.now()))).statusCode()).isEqualTo(403);
    }

    @Test
    void shouldAuditBothStepsWithoutThePinOrCode() {
        WebClient web = new WebClient(port);
        String user = user();
        web.login(user, TestFixtures.PASSWORD);
        web.secondFactor(TestFixtures.PIN, "000001");
        web.secondFactor(TestFixtures.PIN, nextCode(user));

        List<Map<String, Object>> events = jdbc.sql(
                        "SELECT action, outcome, actor_role, detail FROM audit_event WHERE actor = :u ORDER BY id")
                .param("u", user).query().listOfRows();
        assertThat(events).extracting(e -> e.get("action") + "/" + e.get("detail"))
                .containsExactly("LOGIN/null", "LOGIN_FAILED/WrongSecondFactor", "LOGIN/null");
        assertThat((String) events.get(2).get("actor_role")).contains("FACTOR_PIN_TOTP");
        assertThat(events.toString()).doesNotContain(TestFixtures.PIN).doesNotContain("000001");
    }

    private String user() {
        return fixtures.user(Set.of(Role.PRACTITIONER),
                fixtures.organisation(OrganisationKind.SERVICE, Sector.SOCIAL_CARE, "Team"), false);
    }

    /** A valid code that no earlier sign-in in this test has used: the next time step's. */
    private String nextCode(String user) {
        return Totp.code(Totp.decode(fixtures.totpSecret(user)), Totp.step(Instant.now()) + 1, Totp.DIGITS);
    }

    private Map<String, Object> counters(String user) {
        return jdbc.sql("SELECT failed_passwords, failed_second_factors FROM app_user WHERE username = :u")
                .param("u", user).query().singleRow();
    }

    private static String otherThan(String code) {
        return code.equals("000000") ? "111111" : "000000";
    }

    private static String location(HttpResponse<String> response) {
        return response.headers().firstValue("Location").orElse("(status " + response.statusCode() + ")");
    }
}
