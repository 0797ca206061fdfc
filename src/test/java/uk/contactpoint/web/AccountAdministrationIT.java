package uk.contactpoint.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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

/**
 * User administration and enrolment over real HTTP: an administrator creates an account, the user
 * activates it (activation code, password and PIN, token by QR code) and signs in; suspension and lapsed
 * vetting stop access at once and say why; administrators stay within their scope; bulk import is all or
 * nothing; every act is audited.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class AccountAdministrationIT {

    private static final Pattern CODE = Pattern.compile("id=\"activation-code\">([A-Z0-9-]+)<");
    private static final Pattern SECRET = Pattern.compile("id=\"secret\">([A-Z2-7 ]+)<");
    private static final String NEW_PASSWORD = "a long and private passphrase";
    private static final String NEW_PIN = "97531864";

    @LocalServerPort
    int port;
    @Autowired
    TestFixtures fixtures;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    uk.contactpoint.directory.Directory directory;

    private long organisation;

    private WebClient nationalAdmin() {
        organisation = fixtures.organisation(OrganisationKind.SERVICE, Sector.SOCIAL_CARE, "Social Work Team");
        String admin = fixtures.user(Set.of(Role.NATIONAL_ADMIN),
                fixtures.organisation(OrganisationKind.NATIONAL_PARTNER, Sector.NATIONAL, "National team"), false);
        WebClient web = new WebClient(port);
        web.signIn(admin, TestFixtures.PASSWORD, TestFixtures.PIN, fixtures.totpSecret(admin));
        return web;
    }

    private static String username() {
        return "new" + ThreadLocalRandom.current().nextLong(1L << 40);
    }

    private Map<String, String> newUserForm(String username) {
        LocalDate recently = LocalDate.now().minusMonths(1);
        return Map.ofEntries(Map.entry("username", username), Map.entry("displayName", "Nia Newcomer"),
                Map.entry("email", "nia@example.gov.uk"), Map.entry("organisationId", String.valueOf(organisation)),
                Map.entry("localAuthority", TestFixtures.LEEDS), Map.entry("roles", "PRACTITIONER"),
                Map.entry("dbsCheckDate", recently.toString()), Map.entry("trainingCompletedOn", recently.toString()),
                Map.entry("agreementSignedOn", recently.toString()));
    }

    private static String group(Pattern p, String body) {
        Matcher m = p.matcher(body);
        assertThat(m.find()).as("page has " + p).isTrue();
        return m.group(1);
    }

    /** Activates with the code and returns the token secret shown on the second page. */
    private static String activate(WebClient user, String username, String code) {
        HttpResponse<String> first = user.post("/activate", "/activate", Map.of("username", username, "code", code,
                "password", NEW_PASSWORD, "passwordAgain", NEW_PASSWORD, "pin", NEW_PIN, "pinAgain", NEW_PIN));
        assertThat(first.statusCode()).as(first.body()).isEqualTo(302);
        HttpResponse<String> token = user.get("/activate/token");
        assertThat(token.body()).contains("<svg").contains("Set up your security token");
        String secret = group(SECRET, token.body()).replace(" ", "");
        HttpResponse<String> done = user.post("/activate/token", "/activate/token",
                Map.of("code", Totp.code(secret, Instant.now())));
        assertThat(done.headers().firstValue("Location").orElse(done.body())).endsWith("/login?activated");
        return secret;
    }

    @Test
    void shouldCreateAUserWhoActivatesWithTheCodeAndSignsInWithAllFactors() {
        WebClient admin = nationalAdmin();
        String username = username();
        HttpResponse<String> created = admin.post("/admin/users/new", "/admin/users", newUserForm(username));
        assertThat(created.statusCode()).isEqualTo(200);
        String code = group(CODE, created.body());

        WebClient user = new WebClient(port);
        assertThat(user.login(username, NEW_PASSWORD).headers().firstValue("Location").orElseThrow()).endsWith("/login?error");
        String secret = activate(user, username, code);

        user.login(username, NEW_PASSWORD);
        // The activation used this time step's code; the next step's code is the next one accepted.
        HttpResponse<String> second = user.secondFactor(NEW_PIN, Totp.code(secret, Instant.now().plusSeconds(Totp.STEP_SECONDS)));
        assertThat(second.headers().firstValue("Location").orElseThrow()).endsWith("/home");
        assertThat(user.get("/home").statusCode()).isEqualTo(200);

        long id = jdbc.sql("SELECT id FROM app_user WHERE username = :u").param("u", username).query(Long.class).single();
        assertThat(audited("ADMIN", "CREATED user=" + id)).isEqualTo(1);
        assertThat(audited("FACTOR_CHANGE", "ACTIVATED user=" + id)).isEqualTo(1);
        String stored = jdbc.sql("SELECT activation_code_hash FROM app_user WHERE id = :id").param("id", id)
                .query(String.class).optional().orElse(null);
        assertThat(stored).as("the code is consumed").isNull();
    }

    @Test
    void shouldAcceptAnActivationCodeOnceAndVoidItAfterFiveWrongTries() {
        WebClient admin = nationalAdmin();
        String once = username();
        String code = group(CODE, admin.post("/admin/users/new", "/admin/users", newUserForm(once)).body());
        activate(new WebClient(port), once, code);
        HttpResponse<String> again = new WebClient(port).post("/activate", "/activate", Map.of("username", once, "code", code,
                "password", NEW_PASSWORD, "passwordAgain", NEW_PASSWORD, "pin", NEW_PIN, "pinAgain", NEW_PIN));
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(again.body()).contains("The username or activation code is not right");

        String guessed = username();
        String realCode = group(CODE, admin.post("/admin/users/new", "/admin/users", newUserForm(guessed)).body());
        WebClient attacker = new WebClient(port);
        for (int i = 0; i < 5; i++) {
            attacker.post("/activate", "/activate", Map.of("username", guessed, "code", "AAAA-BBBB-CCC" + i,
                    "password", NEW_PASSWORD, "passwordAgain", NEW_PASSWORD, "pin", NEW_PIN, "pinAgain", NEW_PIN));
        }
        HttpResponse<String> tooLate = new WebClient(port).post("/activate", "/activate", Map.of("username", guessed,
                "code", realCode, "password", NEW_PASSWORD, "passwordAgain", NEW_PASSWORD, "pin", NEW_PIN, "pinAgain", NEW_PIN));
        assertThat(tooLate.statusCode()).as("the real code no longer works after five wrong ones").isEqualTo(200);
        assertThat(tooLate.body()).contains("The username or activation code is not right");
    }

    @Test
    void shouldRefuseACommonPasswordAndMismatchedPinAtActivationAndStoreNothing() {
        WebClient admin = nationalAdmin();
        String username = username();
        String code = group(CODE, admin.post("/admin/users/new", "/admin/users", newUserForm(username)).body());
        WebClient user = new WebClient(port);
        HttpResponse<String> common = user.post("/activate", "/activate", Map.of("username", username, "code", code,
                "password", "password123", "passwordAgain", "password123", "pin", NEW_PIN, "pinAgain", NEW_PIN));
        assertThat(common.body()).contains("This password is too common");
        HttpResponse<String> pins = user.post("/activate", "/activate", Map.of("username", username, "code", code,
                "password", NEW_PASSWORD, "passwordAgain", NEW_PASSWORD, "pin", NEW_PIN, "pinAgain", "12345678"));
        assertThat(pins.body()).contains("The PINs do not match");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM app_user WHERE username = :u AND pin_hash IS NULL AND activation_code_hash IS NOT NULL")
                .param("u", username).query(Long.class).single()).isEqualTo(1);
        // The code still works: mistakes in the password or PIN do not count against it.
        activate(user, username, code);
    }

    @Test
    void shouldEndTheSessionsOfASuspendedUserAtOnceTellTheManagerAndSayWhyAtTheNextSignIn() throws Exception {
        WebClient admin = nationalAdmin();
        String manager = fixtures.user(Set.of(Role.PRACTITIONER), organisation, false);
        String username = username();
        Map<String, String> form = new java.util.HashMap<>(newUserForm(username));
        form.put("manager", manager);
        String code = group(CODE, admin.post("/admin/users/new", "/admin/users", form).body());
        WebClient user = new WebClient(port);
        String secret = activate(user, username, code);
        user.login(username, NEW_PASSWORD);
        user.secondFactor(NEW_PIN, Totp.code(secret, Instant.now().plusSeconds(Totp.STEP_SECONDS)));
        assertThat(user.get("/home").statusCode()).isEqualTo(200);
        long id = jdbc.sql("SELECT id FROM app_user WHERE username = :u").param("u", username).query(Long.class).single();

        HttpResponse<String> refused = admin.post("/admin/users/" + id, "/admin/users/" + id + "/suspend", Map.of("reason", ""));
        assertThat(refused.body()).contains("say why the account is suspended");
        assertThat(admin.post("/admin/users/" + id, "/admin/users/" + id + "/suspend",
                Map.of("reason", "Left the organisation")).statusCode()).isEqualTo(302);

        HttpResponse<String> after = user.get("/home");
        assertThat(after.statusCode()).isEqualTo(302);
        assertThat(after.headers().firstValue("Location").orElseThrow()).contains("/login");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM spring_session WHERE principal_name = :u").param("u", username)
                .query(Long.class).single()).as("no session of the user is left on any node").isZero();

        WebClient again = new WebClient(port);
        HttpResponse<String> login = again.login(username, NEW_PASSWORD);
        assertThat(login.headers().firstValue("Location").orElseThrow()).endsWith("/login?stopped=SUSPENDED");
        assertThat(again.get("/login?stopped=SUSPENDED").body()).contains("Your account has been suspended");
        // A wrong password still gets the ordinary answer: the reason needs the right password.
        assertThat(again.login(username, "not the password").headers().firstValue("Location").orElseThrow()).endsWith("/login?error");

        long managerId = jdbc.sql("SELECT id FROM app_user WHERE username = :u").param("u", manager).query(Long.class).single();
        assertThat(eventually(() -> jdbc.sql("SELECT COUNT(*) FROM notification WHERE user_id = :m AND subject LIKE '%suspended%'")
                .param("m", managerId).query(Long.class).single())).isEqualTo(1);
        assertThat(audited("ADMIN", "SUSPENDED user=" + id)).isEqualTo(1);

        admin.post("/admin/users/" + id, "/admin/users/" + id + "/reactivate", Map.of());
        assertThat(new WebClient(port).login(username, NEW_PASSWORD).headers().firstValue("Location").orElseThrow())
                .endsWith("/login/second-factor");
    }

    @Test
    void shouldStopAccessMidSessionWhenTheDbsCheckTurnsThreeYearsOldOrAccreditationLapses() {
        long org = fixtures.organisation(OrganisationKind.SERVICE, Sector.HEALTH, "Health Visiting");
        String username = fixtures.user(Set.of(Role.PRACTITIONER), org, false);
        WebClient user = new WebClient(port);
        user.signIn(username, TestFixtures.PASSWORD, TestFixtures.PIN, fixtures.totpSecret(username));
        assertThat(user.get("/home").statusCode()).isEqualTo(200);

        jdbc.sql("UPDATE app_user SET dbs_check_date = :d WHERE username = :u")
                .param("d", LocalDate.now().minusYears(3)).param("u", username).update();
        HttpResponse<String> stopped = user.get("/home");
        assertThat(stopped.headers().firstValue("Location").orElseThrow()).endsWith("/login?stopped=DBS_EXPIRED");
        assertThat(user.get("/login?stopped=DBS_EXPIRED").body()).contains("more than 3 years old");
        assertThat(new WebClient(port).login(username, TestFixtures.PASSWORD).headers().firstValue("Location").orElseThrow())
                .endsWith("/login?stopped=DBS_EXPIRED");

        jdbc.sql("UPDATE app_user SET dbs_check_date = :d WHERE username = :u")
                .param("d", LocalDate.now().minusYears(3).plusDays(1)).param("u", username).update();
        WebClient back = new WebClient(port);
        back.login(username, TestFixtures.PASSWORD);
        back.secondFactor(TestFixtures.PIN, Totp.code(fixtures.totpSecret(username), Instant.now().plusSeconds(Totp.STEP_SECONDS)));
        assertThat(back.get("/home").statusCode()).as("a check 1 day short of 3 years is still good").isEqualTo(200);

        jdbc.sql("UPDATE organisation SET accreditation_expires_on = :d WHERE id = :o")
                .param("d", LocalDate.now()).param("o", org).update();
        assertThat(back.get("/home").headers().firstValue("Location").orElseThrow()).endsWith("/login?stopped=ACCREDITATION_LAPSED");
    }

    @Test
    void shouldKeepAnLaAdministratorToTheirOwnAuthorityAndTheRolesTheyMayGive() {
        WebClient national = nationalAdmin();
        String elsewhere = username();
        Map<String, String> form = new java.util.HashMap<>(newUserForm(elsewhere));
        form.put("localAuthority", "E08000036");
        group(CODE, national.post("/admin/users/new", "/admin/users", form).body());
        long elsewhereId = jdbc.sql("SELECT id FROM app_user WHERE username = :u").param("u", elsewhere).query(Long.class).single();

        String laAdmin = fixtures.user(Set.of(Role.LA_USER_ADMIN), organisation, false);
        WebClient la = new WebClient(port);
        la.signIn(laAdmin, TestFixtures.PASSWORD, TestFixtures.PIN, fixtures.totpSecret(laAdmin));
        assertThat(la.get("/admin/users").body()).doesNotContain(elsewhere);
        assertThat(la.get("/admin/users/" + elsewhereId).statusCode()).isEqualTo(403);
        assertThat(la.post("/admin/users", "/admin/users/" + elsewhereId + "/suspend", Map.of("reason", "x")).statusCode())
                .isEqualTo(403);
        assertThat(jdbc.sql("SELECT enabled FROM app_user WHERE id = :id").param("id", elsewhereId).query(Boolean.class).single()).isTrue();

        String grab = username();
        Map<String, String> national2 = new java.util.HashMap<>(newUserForm(grab));
        national2.put("roles", "NATIONAL_ADMIN");
        HttpResponse<String> refused = la.post("/admin/users/new", "/admin/users", national2);
        assertThat(refused.body()).contains("you cannot give the role National administrator");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM app_user WHERE username = :u").param("u", grab).query(Long.class).single()).isZero();

        long own = jdbc.sql("SELECT id FROM app_user WHERE username = :u").param("u", laAdmin).query(Long.class).single();
        assertThat(la.post("/admin/users", "/admin/users/" + own + "/reset", Map.of()).statusCode())
                .as("nobody administers their own account").isEqualTo(403);
    }

    @Test
    void shouldImportEveryRowOrNoneWithARowByRowReport() {
        WebClient admin = nationalAdmin();
        String a = username();
        String b = username();
        String header = uk.contactpoint.access.UserImport.HEADER + "\n";
        String good = a + ",Ann Able,ann@example.gov.uk,,%d,E08000035,PRACTITIONER,no,,2025-01-10,2025-01-11,2025-01-12\n"
                .formatted(organisation);
        String bad = b + ",Bob Baker,,,%d,E08000035,PRACTITIONER;WIZARD,no,,2025-01-10,2025-01-11,2025-13-12\n"
                .formatted(organisation);
        HttpResponse<String> refused = admin.post("/admin/users/import", "/admin/users/import", Map.of("csv", header + good + bad));
        assertThat(refused.body()).contains("No users were created").contains("no role is called WIZARD");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM app_user WHERE username IN (:a, :b)").param("a", a).param("b", b)
                .query(Long.class).single()).isZero();

        String taken = good.replace(a, b).replace("Ann Able", "Bob Baker");
        HttpResponse<String> duplicate = admin.post("/admin/users/import", "/admin/users/import",
                Map.of("csv", header + good + taken.replace(b, a)));
        assertThat(duplicate.body()).contains("No users were created").contains("appears twice");

        HttpResponse<String> created = admin.post("/admin/users/import", "/admin/users/import", Map.of("csv", header + good + taken));
        assertThat(created.body()).contains("2</span> users created");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM app_user WHERE username IN (:a, :b) AND activation_code_hash IS NOT NULL")
                .param("a", a).param("b", b).query(Long.class).single()).isEqualTo(2);
    }

    @Test
    void shouldRefuseOverlongOrMalformedAccountFieldsWithAClearErrorAndCreateNothing() {
        WebClient admin = nationalAdmin();
        String username = username();
        Map<String, String> form = new java.util.HashMap<>(newUserForm(username));
        form.put("displayName", "x".repeat(5_000));
        assertThat(admin.post("/admin/users/new", "/admin/users", form).body()).contains("Full name: enter the user");
        form.put("displayName", "Fine Name");
        form.put("dbsCheckDate", "31/03/2025");
        assertThat(admin.post("/admin/users/new", "/admin/users", form).body()).contains("Enter the date as year-month-day");
        form.put("dbsCheckDate", LocalDate.now().plusDays(3).toString());
        assertThat(admin.post("/admin/users/new", "/admin/users", form).body()).contains("cannot be in the future");
        form.put("dbsCheckDate", "2025-01-01");
        form.put("email", "not an address");
        assertThat(admin.post("/admin/users/new", "/admin/users", form).body()).contains("Email: enter an address");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM app_user WHERE username = :u").param("u", username).query(Long.class).single()).isZero();
        assertThat(admin.postWithoutFetching("/admin/users", form).statusCode()).as("no CSRF token").isEqualTo(403);
    }

    @Test
    void shouldLetANationalAdministratorAccreditAnOrganisationAndWithdrawItStoppingItsUsers() {
        WebClient admin = nationalAdmin();
        long charity = directory.addOrganisation(new uk.contactpoint.directory.NewOrganisation(OrganisationKind.NATIONAL_PARTNER,
                "N" + ThreadLocalRandom.current().nextLong(1L << 40), "Children's Charity", Sector.VOLUNTARY, null, null, null,
                null, new uk.contactpoint.directory.LocalAuthorityCode(TestFixtures.LEEDS), false));
        String member = fixtures.user(Set.of(Role.PRACTITIONER), charity, false);
        assertThat(new WebClient(port).login(member, TestFixtures.PASSWORD).headers().firstValue("Location").orElseThrow())
                .endsWith("/login?stopped=ORGANISATION_NOT_ACCREDITED");

        String page = "/admin/organisations/" + charity;
        LocalDate today = LocalDate.now();
        HttpResponse<String> tooLate = admin.post(page, page + "/accredit", Map.of("agreementSignedOn", today.toString(),
                "misuseProcedureConfirmedOn", today.toString(), "expiresOn", today.minusDays(1).toString()));
        assertThat(tooLate.body()).contains("Expiry: enter a date after today");
        assertThat(admin.post(page, page + "/accredit", Map.of("agreementSignedOn", today.minusDays(2).toString(),
                "misuseProcedureConfirmedOn", today.minusDays(1).toString(), "expiresOn", today.plusYears(1).toString()))
                .statusCode()).isEqualTo(302);
        assertThat(new WebClient(port).login(member, TestFixtures.PASSWORD).headers().firstValue("Location").orElseThrow())
                .endsWith("/login/second-factor");

        assertThat(admin.post(page, page + "/withdraw", Map.of("reason", "Agreement breached")).statusCode()).isEqualTo(302);
        assertThat(new WebClient(port).login(member, TestFixtures.PASSWORD).headers().firstValue("Location").orElseThrow())
                .endsWith("/login?stopped=ORGANISATION_NOT_ACCREDITED");
        assertThat(audited("ADMIN", "ORGANISATION_WITHDRAWN user=0 organisation=" + charity)).isEqualTo(1);

        String laAdmin = fixtures.user(Set.of(Role.LA_USER_ADMIN), organisation, false);
        WebClient la = new WebClient(port);
        la.signIn(laAdmin, TestFixtures.PASSWORD, TestFixtures.PIN, fixtures.totpSecret(laAdmin));
        assertThat(la.get("/admin/organisations").statusCode()).as("only national administrators accredit").isEqualTo(403);
    }

    @Test
    void shouldEndASessionIdleForFifteenMinutesOnWhicheverNodeServesTheNextRequest() {
        String username = fixtures.user(Set.of(Role.PRACTITIONER),
                fixtures.organisation(OrganisationKind.SERVICE, Sector.SOCIAL_CARE, "Idle Team"), false);
        WebClient user = new WebClient(port);
        user.signIn(username, TestFixtures.PASSWORD, TestFixtures.PIN, fixtures.totpSecret(username));
        assertThat(user.get("/home").statusCode()).isEqualTo(200);
        // As the shared session store sees a session last used 16 minutes ago.
        long past = System.currentTimeMillis() - Duration.ofMinutes(16).toMillis();
        assertThat(jdbc.sql("UPDATE spring_session SET last_access_time = :t, expiry_time = :e WHERE principal_name = :u")
                .param("t", past).param("e", past + Duration.ofMinutes(15).toMillis()).param("u", username).update()).isEqualTo(1);
        HttpResponse<String> after = user.get("/home");
        assertThat(after.statusCode()).isEqualTo(302);
        assertThat(after.headers().firstValue("Location").orElseThrow()).endsWith("/login");
    }

    private long audited(String action, String detail) {
        return jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE action = :a AND detail LIKE :d")
                .param("a", action).param("d", detail + "%").query(Long.class).single();
    }

    private static long eventually(java.util.function.LongSupplier count) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        long value = count.getAsLong();
        while (value == 0 && System.nanoTime() < deadline) {
            Thread.sleep(50);
            value = count.getAsLong();
        }
        return value;
    }
}
