package uk.contactpoint.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

import uk.contactpoint.TestFixtures;
import uk.contactpoint.access.Role;
import uk.contactpoint.access.Totp;
import uk.contactpoint.directory.LiveState;
import uk.contactpoint.directory.LocalAuthorities;
import uk.contactpoint.directory.LocalAuthorityCode;
import uk.contactpoint.directory.OrganisationKind;
import uk.contactpoint.directory.Sector;
import uk.contactpoint.safeguards.WorkingDays;

/**
 * Break-glass over HTTP (issue 7, ADR 23): only the child-protection flag may override a shield, with a reason
 * and a fresh second factor; the record shows past the shield on that response only, sensitive services stay
 * masked, the LA is alerted and told at once, and the override waits as a review the LA closes.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class BreakGlassIT {

    private static final String HIDDEN_ADDRESS = "7 Quarry Street";

    @LocalServerPort
    int port;
    @Autowired
    TestFixtures fixtures;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    LocalAuthorities authorities;

    TestFixtures.Child child;
    String cp;
    String family;

    @BeforeEach
    void shieldedChild() {
        authorities.update(new LocalAuthorityCode(TestFixtures.LEEDS), "0113 496 0999", LiveState.PRACTITIONERS_LIVE);
        family = "Glasstest" + (char) ('a' + ThreadLocalRandom.current().nextInt(26)) + (char) ('a' + ThreadLocalRandom.current().nextInt(26));
        child = fixtures.child("Ottoline", family, LocalDate.of(2013, 2, 11), "LS6 2AB", true);
        cp = child.contactPointId().value();
    }

    private WebClient signedIn(String user) {
        WebClient web = new WebClient(port);
        web.signIn(user, TestFixtures.PASSWORD, TestFixtures.PIN, fixtures.totpSecret(user));
        return web;
    }

    private String practitioner(boolean childProtection) {
        return fixtures.user(Set.of(Role.PRACTITIONER),
                fixtures.organisation(OrganisationKind.SERVICE, Sector.SOCIAL_CARE, "Children's Social Care"), childProtection);
    }

    private HttpResponse<String> open(WebClient web) {
        return web.post("/records/open", "/records/open", Map.of("contactPointId", cp, "reasonChoice", "CHILD_PROTECTION"));
    }

    private static Map<String, String> override(String cp, String reasonChoice, String detail, String pin, String code) {
        Map<String, String> form = new HashMap<>();
        form.put("contactPointId", cp);
        form.put("reasonChoice", reasonChoice);
        form.put("reasonDetail", detail);
        form.put("pin", pin);
        form.put("code", code);
        return form;
    }

    /** A code the sign-in did not use: the next time step's, which the check's window still accepts. */
    private String freshCode(String user) {
        return Totp.code(fixtures.totpSecret(user), Instant.now().plusSeconds(Totp.STEP_SECONDS));
    }

    private long events(String actor, String outcome) {
        return jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE action = 'BREAK_GLASS' AND actor = :a AND outcome = :o")
                .param("a", actor).param("o", outcome).query(Long.class).single();
    }

    @Test
    void shouldRefusePractitionersWithoutTheChildProtectionFlag() {
        String user = practitioner(false);
        WebClient web = signedIn(user);

        assertThat(open(web).body()).contains("This record is restricted").doesNotContain("Override the shield");
        assertThat(web.post("/records/open", "/records/break-glass/start", Map.of("contactPointId", cp)).statusCode()).isEqualTo(403);
        HttpResponse<String> forced = web.post("/records/open", "/records/break-glass",
                override(cp, "IMMEDIATE_RISK", "", TestFixtures.PIN, freshCode(user)));
        assertThat(forced.statusCode()).isEqualTo(403);
        assertThat(forced.body()).doesNotContain(HIDDEN_ADDRESS);
        assertThat(web.get("/oversight/break-glass").statusCode()).isEqualTo(403);
    }

    @Test
    void shouldRequireAReasonAndTheSecondFactorAndAuditAWrongCode() {
        String user = practitioner(true);
        WebClient web = signedIn(user);

        String restricted = open(web).body();
        assertThat(restricted).contains("This record is restricted").contains("Override the shield (child protection)");
        assertThat(web.post("/records/open", "/records/break-glass/start", Map.of("contactPointId", cp)).body())
                .contains("Why must you see past the shield?").contains("Code from your security token");

        String noReason = web.post("/records/open", "/records/break-glass", override(cp, "", "", TestFixtures.PIN, freshCode(user))).body();
        assertThat(noReason).contains("Choose why you must see past the shield").doesNotContain(HIDDEN_ADDRESS);
        String otherWithoutWords = web.post("/records/open", "/records/break-glass", override(cp, "OTHER", " ", TestFixtures.PIN,
                freshCode(user))).body();
        assertThat(otherWithoutWords).contains("Say in a few words what the other reason is").doesNotContain(HIDDEN_ADDRESS);
        String tooLong = web.post("/records/open", "/records/break-glass", override(cp, "OTHER", "x".repeat(151), TestFixtures.PIN,
                freshCode(user))).body();
        assertThat(tooLong).contains("150 characters or fewer").doesNotContain(HIDDEN_ADDRESS);
        String noFactor = web.post("/records/open", "/records/break-glass", override(cp, "SECTION_47", "", "", "")).body();
        assertThat(noFactor).contains("Enter your PIN").contains("Enter the code shown on your security token").doesNotContain(HIDDEN_ADDRESS);
        assertThat(events(user, "REFUSED") + events(user, "DISCLOSED")).as("nothing was checked yet").isZero();

        String wrongPin = web.post("/records/open", "/records/break-glass", override(cp, "SECTION_47", "", "99999999", freshCode(user))).body();
        assertThat(wrongPin).contains("The PIN or the code is not right").doesNotContain(HIDDEN_ADDRESS);
        String wrongCode = web.post("/records/open", "/records/break-glass", override(cp, "SECTION_47", "", TestFixtures.PIN, "000000")).body();
        assertThat(wrongCode).contains("The PIN or the code is not right").doesNotContain(HIDDEN_ADDRESS);
        assertThat(events(user, "REFUSED")).isEqualTo(2);
        assertThat(jdbc.sql("SELECT detail FROM audit_event WHERE action = 'BREAK_GLASS' AND actor = :a").param("a", user)
                .query(String.class).list()).allSatisfy(d -> assertThat(d).contains("second factor refused")
                        .doesNotContain(TestFixtures.PIN).doesNotContain("99999999"));
        assertThat(jdbc.sql("SELECT COUNT(*) FROM break_glass_review WHERE child_id = :c").param("c", child.id()).query(Long.class).single())
                .isZero();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM misuse_alert WHERE rule = 'BREAK_GLASS' AND subject_user = :u").param("u", user)
                .query(Long.class).single()).isZero();
    }

    @Test
    void shouldTakeASecurityKeyOnlyOverTheChallengeGivenForItAndRefuseOneThatDoesNotVerify() {
        String user = practitioner(true);
        WebClient web = signedIn(user);
        assertThat(open(web).body()).contains("This record is restricted");
        assertThat(web.post("/records/open", "/records/break-glass/start", Map.of("contactPointId", cp)).body())
                .as("no key, no key section").doesNotContain("Override the shield with my security key");
        assertThat(web.post("/records/open", "/records/break-glass/key-options", Map.of()).statusCode()).isEqualTo(404);

        // A registered key (its public part only: no test can sign with it, so any assertion fails to verify).
        jdbc.sql("""
                        INSERT INTO security_key (user_id, credential_id, attested_credential_data, sign_count, label, created_at)
                        SELECT id, :c, 'AAAA', 0, 'Grey key', CURRENT_TIMESTAMP FROM app_user WHERE username = :u""")
                .param("c", "cred" + ThreadLocalRandom.current().nextLong(1L << 40)).param("u", user).update();
        assertThat(web.post("/records/open", "/records/break-glass/start", Map.of("contactPointId", cp)).body())
                .contains("Override the shield with my security key");

        Map<String, String> byKey = override(cp, "SECTION_47", "", "", "");
        byKey.put("keyAssertion", "{\"id\":\"forged\",\"type\":\"public-key\"}");
        String withoutChallenge = web.post("/records/open", "/records/break-glass", byKey).body();
        assertThat(withoutChallenge).contains("answer has expired").doesNotContain(HIDDEN_ADDRESS);
        assertThat(events(user, "REFUSED")).as("no challenge given: nothing checked").isZero();

        HttpResponse<String> options = web.post("/records/open", "/records/break-glass/key-options", Map.of());
        assertThat(options.statusCode()).isEqualTo(200);
        assertThat(options.body()).contains("\"challenge\"").contains("allowCredentials");
        String forged = web.post("/records/open", "/records/break-glass", byKey).body();
        assertThat(forged).contains("Your security key was not accepted").doesNotContain(HIDDEN_ADDRESS);
        assertThat(jdbc.sql("SELECT detail FROM audit_event WHERE action = 'BREAK_GLASS' AND actor = :a AND outcome = 'REFUSED'")
                .param("a", user).query(String.class).single()).isEqualTo("break-glass;second factor refused;by security key");
        assertThat(web.post("/records/open", "/records/break-glass", byKey).body()).as("the challenge was good for one try")
                .contains("answer has expired");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM break_glass_review WHERE child_id = :c").param("c", child.id()).query(Long.class).single())
                .isZero();
    }

    @Test
    void shouldLockTheAccountAndEndTheSessionAfterFiveWrongSecondFactors() {
        String user = practitioner(true);
        WebClient web = signedIn(user);

        HttpResponse<String> last = null;
        for (int i = 0; i < 5; i++) {
            last = web.post("/records/open", "/records/break-glass", override(cp, "IMMEDIATE_RISK", "", "11111111", "000000"));
            assertThat(last.body()).doesNotContain(HIDDEN_ADDRESS);
        }

        assertThat(last.statusCode()).isEqualTo(302);
        assertThat(last.headers().firstValue("Location").orElseThrow()).endsWith("/login");
        assertThat(web.get("/home").statusCode()).as("the session has ended").isEqualTo(302);
        assertThat(events(user, "REFUSED")).isEqualTo(5);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE action = 'BREAK_GLASS' AND actor = :a AND detail LIKE '%account locked%'")
                .param("a", user).query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void shouldShowTheHiddenFieldsOnceKeepSensitiveServicesMaskedAlertTheLaAndOpenAReviewItCloses() {
        long team = fixtures.organisation(OrganisationKind.LOCAL_AUTHORITY, Sector.LOCAL_AUTHORITY, "Leeds ContactPoint team");
        String auditor = fixtures.user(Set.of(Role.LA_AUDITOR), team, false);
        String officer = fixtures.user(Set.of(Role.LA_SHIELDING_OFFICER), team, false);
        String user = practitioner(true);
        WebClient web = signedIn(user);
        open(web);

        String code = freshCode(user);
        HttpResponse<String> seen = web.post("/records/open", "/records/break-glass",
                override(cp, "SECTION_47", "strategy discussion today", TestFixtures.PIN, code));

        assertThat(seen.statusCode()).isEqualTo(200);
        assertThat(seen.headers().allValues("Cache-Control")).anySatisfy(v -> assertThat(v).contains("no-store"));
        assertThat(seen.body()).contains("Shield overridden: this view is recorded and your LA team has been told")
                .doesNotContain("This record is restricted")
                .contains(HIDDEN_ADDRESS).contains("Test Primary School").contains("Sam Social").contains("07700 900777")
                .contains("A sensitive service is involved")
                .doesNotContain("Nurse Confidential").doesNotContain("Test Sexual Health Clinic").doesNotContain("clinic@example.org");

        assertThat(web.post("/records/open", "/records/break-glass", override(cp, "SECTION_47", "", TestFixtures.PIN, code)).body())
                .as("the same code a second time").contains("The PIN or the code is not right").doesNotContain(HIDDEN_ADDRESS);
        HttpResponse<String> again = open(web);
        assertThat(again.body()).as("opening the record again the ordinary way").contains("This record is restricted")
                .doesNotContain(HIDDEN_ADDRESS).doesNotContain("Shield overridden");
        assertThat(again.headers().allValues("Cache-Control")).anySatisfy(v -> assertThat(v).contains("no-store"));
        assertThat(web.get("/home").body()).doesNotContain(HIDDEN_ADDRESS);

        assertThat(jdbc.sql("SELECT reason FROM audit_event WHERE action = 'BREAK_GLASS' AND actor = :a AND outcome = 'DISCLOSED' AND child_ids = :c")
                .param("a", user).param("c", Long.toString(child.id())).query(String.class).single())
                .isEqualTo("Child protection enquiry (section 47): strategy discussion today");
        assertThat(jdbc.sql("SELECT subject_la FROM misuse_alert WHERE rule = 'BREAK_GLASS' AND subject_user = :u AND status = 'OPEN'")
                .param("u", user).query(String.class).single()).isEqualTo(TestFixtures.LEEDS);
        LocalDate today = LocalDate.now(ZoneId.of("Europe/London"));
        Map<String, Object> review = jdbc.sql("SELECT id, due_on, username FROM break_glass_review WHERE child_id = :c")
                .param("c", child.id()).query().singleRow();
        assertThat(review.get("username")).isEqualTo(user);
        assertThat(((java.sql.Date) review.get("due_on")).toLocalDate()).isEqualTo(WorkingDays.plus(today, 3));
        long reviewId = ((Number) review.get("id")).longValue();

        WebClient auditorWeb = signedIn(auditor);
        WebClient officerWeb = signedIn(officer);
        for (WebClient teamMember : List.of(auditorWeb, officerWeb)) {
            String home = eventually(teamMember, "A shielded record was opened by break-glass");
            assertThat(home).contains(user).doesNotContain("Ottoline").doesNotContain(family).doesNotContain(cp);
        }
        assertThat(auditorWeb.get("/oversight/alerts").body()).contains("BREAK_GLASS: " + user);

        String reviews = officerWeb.get("/oversight/break-glass").body();
        assertThat(reviews).contains("Review " + reviewId + ": " + user).contains(cp)
                .contains("Child protection enquiry (section 47): strategy discussion today").doesNotContain("Overdue");
        jdbc.sql("UPDATE break_glass_review SET due_on = :d WHERE id = :id").param("d", today.minusDays(1)).param("id", reviewId).update();
        assertThat(officerWeb.get("/oversight/break-glass").body()).contains("Overdue");

        String anotherLa = fixtures.user(Set.of(Role.LA_AUDITOR),
                fixtures.organisation(OrganisationKind.LOCAL_AUTHORITY, Sector.LOCAL_AUTHORITY, "Camden ContactPoint team"), false, "E09000007");
        WebClient camden = signedIn(anotherLa);
        assertThat(camden.get("/oversight/break-glass").body()).doesNotContain("Review " + reviewId + ":");
        assertThat(camden.post("/oversight/break-glass", "/oversight/break-glass/" + reviewId + "/close",
                Map.of("outcome", "JUSTIFIED", "note", "not ours")).statusCode()).isEqualTo(403);

        auditorWeb.post("/oversight/break-glass", "/oversight/break-glass/" + reviewId + "/close", Map.of("outcome", "JUSTIFIED", "note", ""));
        assertThat(auditorWeb.get("/oversight/break-glass").body()).contains("Note: say what you checked");
        HttpResponse<String> closed = auditorWeb.post("/oversight/break-glass", "/oversight/break-glass/" + reviewId + "/close",
                Map.of("outcome", "JUSTIFIED", "note", "Strategy discussion confirmed with the social work team"));
        assertThat(closed.statusCode()).isEqualTo(302);
        assertThat(auditorWeb.get("/oversight/break-glass").body()).contains("Review " + reviewId + " closed: justified.")
                .contains("Justified, by " + auditor);
        assertThat(jdbc.sql("SELECT outcome FROM break_glass_review WHERE id = :id").param("id", reviewId).query(String.class).single())
                .isEqualTo("JUSTIFIED");
        auditorWeb.post("/oversight/break-glass", "/oversight/break-glass/" + reviewId + "/close",
                Map.of("outcome", "NOT_JUSTIFIED", "note", "again"));
        assertThat(auditorWeb.get("/oversight/break-glass").body()).contains("This review has been closed already");
    }

    /** Notifications are delivered after the override commits: waits up to 10 s for one to show on the home page. */
    private static String eventually(WebClient web, String text) {
        long until = System.nanoTime() + 10_000_000_000L;
        String home = web.get("/home").body();
        while (!home.contains(text) && System.nanoTime() < until) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
            home = web.get("/home").body();
        }
        assertThat(home).contains(text);
        return home;
    }
}
