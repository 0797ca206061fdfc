package uk.contactpoint.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.transaction.support.TransactionTemplate;

import uk.contactpoint.TestFixtures;
import uk.contactpoint.access.Role;
import uk.contactpoint.audit.AuditAction;
import uk.contactpoint.audit.AuditEvent;
import uk.contactpoint.audit.AuditFilter;
import uk.contactpoint.audit.AuditLog;
import uk.contactpoint.audit.AuditOutcome;
import uk.contactpoint.directory.OrganisationKind;
import uk.contactpoint.directory.Sector;

/**
 * A user's activity for oversight (issue 8, ADR 32): an LA auditor sees the events of a user of their own
 * authority, filtered by days, action and outcome, with what each search was made with while it is readable, and
 * exports them as CSV safe to open in a spreadsheet; another authority's auditor and the user themselves are
 * refused; every look is audited without naming the user.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class UserActivityIT {

    private static final String INJECTION = "=HYPERLINK(\"http://evil.example\",\"click\")";

    @LocalServerPort
    int port;
    @Autowired
    TestFixtures fixtures;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    AuditLog audit;
    @Autowired
    TransactionTemplate tx;

    private WebClient signedIn(String user) {
        WebClient web = new WebClient(port);
        web.signIn(user, TestFixtures.PASSWORD, TestFixtures.PIN, fixtures.totpSecret(user));
        return web;
    }

    private long event(String actor, Instant at, AuditAction action, List<Long> children, String reason, AuditOutcome outcome,
                       String personal) {
        return tx.execute(s -> audit.record(new AuditEvent(at, actor, "Watched Team", "PRACTITIONER", null, "192.0.2.44",
                "session-x", action, children, reason, outcome, action == AuditAction.SEARCH ? "search: fields=family,dob results=1"
                : null), personal));
    }

    private static Map<String, String> form(String username, LocalDate from, LocalDate to, String action, String outcome) {
        Map<String, String> form = new HashMap<>();
        form.put("username", username);
        if (from != null) {
            form.put("from-day", String.valueOf(from.getDayOfMonth()));
            form.put("from-month", String.valueOf(from.getMonthValue()));
            form.put("from-year", String.valueOf(from.getYear()));
        }
        if (to != null) {
            form.put("to-day", String.valueOf(to.getDayOfMonth()));
            form.put("to-month", String.valueOf(to.getMonthValue()));
            form.put("to-year", String.valueOf(to.getYear()));
        }
        form.put("action", action);
        form.put("outcome", outcome);
        return form;
    }

    private long auditCount(String actor, String action, String outcome, String detailLike) {
        return jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE actor = :a AND action = :action AND outcome = :o AND detail LIKE :d")
                .param("a", actor).param("action", action).param("o", outcome).param("d", detailLike).query(Long.class).single();
    }

    @Test
    void shouldShowAnAuditorTheFilteredActivityOfAUserOfTheirAuthorityAndExportItSafely() {
        long team = fixtures.organisation(OrganisationKind.SERVICE, Sector.HEALTH, "Watched Team");
        String watched = fixtures.user(Set.of(Role.PRACTITIONER), team, false);
        long watchedId = jdbc.sql("SELECT id FROM app_user WHERE username = :u").param("u", watched).query(Long.class).single();
        TestFixtures.Child child = fixtures.child(false);
        long purged = 9_000_000_000L + ThreadLocalRandom.current().nextLong(1_000_000_000L);
        Instant now = Instant.now();
        long search = event(watched, now.minus(2, ChronoUnit.DAYS), AuditAction.SEARCH, List.of(child.id()), null,
                AuditOutcome.DISCLOSED, "family=Quixley dob=2012-05-17");
        long view = event(watched, now.minus(1, ChronoUnit.DAYS), AuditAction.RECORD_VIEW, List.of(child.id()), INJECTION,
                AuditOutcome.DISCLOSED, null);
        long gone = event(watched, now.minus(3, ChronoUnit.DAYS), AuditAction.SEARCH, List.of(purged), null,
                AuditOutcome.DISCLOSED, "family=Forgotten dob=2001-01-01");
        long old = event(watched, now.minus(40, ChronoUnit.DAYS), AuditAction.LOGIN, List.of(), null, AuditOutcome.SUCCESS, null);
        tx.executeWithoutResult(s -> audit.forgetChildren(List.of(purged)));

        String auditor = fixtures.user(Set.of(Role.LA_AUDITOR),
                fixtures.organisation(OrganisationKind.LOCAL_AUTHORITY, Sector.LOCAL_AUTHORITY, "Leeds ContactPoint team"), false);
        WebClient web = signedIn(auditor);
        HttpResponse<String> blank = web.get("/oversight/users");
        assertThat(blank.statusCode()).isEqualTo(200);
        LocalDate today = LocalDate.now(AuditFilter.LONDON);
        assertThat(blank.body()).as("the dates default to the last 30 days")
                .contains("value=\"" + today.getYear() + "\"").contains("User activity");

        HttpResponse<String> page = web.post("/oversight/users", "/oversight/users", form(watched, null, null, "", ""));
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("event-" + search, "event-" + view, "event-" + gone).doesNotContain("event-" + old)
                .contains("3</span> events of")
                .contains("searched for: family=Quixley dob=2012-05-17")
                .contains("no longer readable (record purged)").doesNotContain("Forgotten")
                .contains(child.contactPointId().value()).contains("purged record")
                .contains("192.0.2.44")
                .doesNotContain("Zebedee");

        assertThat(web.post("/oversight/users", "/oversight/users", form(watched, null, null, "RECORD_VIEW", "")).body())
                .contains("event-" + view).doesNotContain("event-" + search).doesNotContain("searched for:");
        assertThat(web.post("/oversight/users", "/oversight/users",
                form(watched, today.minusDays(45), today.minusDays(35), "", "")).body())
                .contains("event-" + old).doesNotContain("event-" + view);
        assertThat(web.post("/oversight/users", "/oversight/users", form(watched, null, null, "", "FAILURE")).body())
                .contains("No events match");
        assertThat(web.post("/oversight/users", "/oversight/users", form(watched, today, today.minusDays(1), "", "")).body())
                .contains("To must be the same as or after from");
        assertThat(web.post("/oversight/users", "/oversight/users", form(watched, null, null, "NOT_AN_ACTION", "")).body())
                .contains("Choose an action from the list");

        HttpResponse<String> csv = web.post("/oversight/users", "/oversight/users/export", form(watched, null, null, "", ""));
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/csv");
        assertThat(csv.headers().firstValue("Content-Disposition").orElseThrow()).contains("user-activity.csv");
        List<String> lines = csv.body().lines().toList();
        assertThat(lines.get(0)).isEqualTo(
                "occurred_at,action,outcome,children,reason,organisation,role,remote_address,client_system,search_values");
        assertThat(lines).hasSize(4);
        assertThat(csv.body()).as("a formula is quoted as text")
                .contains(",\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"click\"\")\",")
                .doesNotContain(",=HYPERLINK")
                .contains(child.contactPointId().value()).contains("purged record").contains("not exported")
                .as("what searches were made with never leaves in a file").doesNotContain("Quixley");

        String user = "user=" + watchedId + ";";
        assertThat(auditCount(auditor, "OVERSIGHT", "SUCCESS", "user activity: " + user + "%")).as("each look is audited, not a form sent back with a problem").isEqualTo(4);
        assertThat(auditCount(auditor, "OVERSIGHT", "DISCLOSED", "user activity: search values shown;" + user + "events=" + search))
                .as("showing what was searched for is audited, by event").isEqualTo(1);
        assertThat(auditCount(auditor, "EXPORT", "SUCCESS", "user activity CSV: " + user + "%events=3")).isEqualTo(1);
        assertThat(jdbc.sql("SELECT detail FROM audit_event WHERE actor = :a AND detail IS NOT NULL").param("a", auditor)
                .query(String.class).list()).as("no audit detail names the user or repeats what was searched for")
                .isNotEmpty().noneSatisfy(d -> assertThat(d).containsAnyOf(watched, "Quixley"));
    }

    @Test
    void shouldRefuseAnotherAuthoritysAuditorAndTheUserThemselvesAndLetANationalAdministratorSee() {
        String watched = fixtures.user(Set.of(Role.PRACTITIONER),
                fixtures.organisation(OrganisationKind.SERVICE, Sector.HEALTH, "Watched Team"), false);
        long login = event(watched, Instant.now().minus(1, ChronoUnit.HOURS), AuditAction.LOGIN, List.of(), null,
                AuditOutcome.SUCCESS, null);

        String york = fixtures.user(Set.of(Role.LA_AUDITOR),
                fixtures.organisation(OrganisationKind.LOCAL_AUTHORITY, Sector.LOCAL_AUTHORITY, "York ContactPoint team"), false,
                "E06000014");
        WebClient other = signedIn(york);
        HttpResponse<String> refused = other.post("/oversight/users", "/oversight/users", form(watched, null, null, "", ""));
        assertThat(refused.body()).contains("No user of your local authority has that username").doesNotContain("event-" + login);
        assertThat(other.post("/oversight/users", "/oversight/users/export", form(watched, null, null, "", "")).statusCode())
                .isEqualTo(403);
        assertThat(auditCount(york, "OVERSIGHT", "REFUSED", "user activity refused: user=%not in scope")).isEqualTo(1);
        assertThat(auditCount(york, "EXPORT", "REFUSED", "user activity refused: %")).isEqualTo(1);

        String auditor = fixtures.user(Set.of(Role.LA_AUDITOR, Role.PRACTITIONER),
                fixtures.organisation(OrganisationKind.LOCAL_AUTHORITY, Sector.LOCAL_AUTHORITY, "Leeds ContactPoint team"), false);
        WebClient self = signedIn(auditor);
        assertThat(self.post("/oversight/users", "/oversight/users", form(auditor, null, null, "", "")).body())
                .contains("You cannot review your own activity");
        assertThat(self.post("/oversight/users", "/oversight/users", form(auditor.toUpperCase(), null, null, "", "")).body())
                .as("not by another spelling either").contains("You cannot review your own activity");
        assertThat(auditCount(auditor, "OVERSIGHT", "REFUSED", "user activity refused: own activity")).isEqualTo(2);
        assertThat(self.post("/oversight/users", "/oversight/users", form("", null, null, "", "")).body())
                .contains("Enter the username of the user whose activity you want to see");

        String admin = fixtures.user(Set.of(Role.NATIONAL_ADMIN),
                fixtures.organisation(OrganisationKind.NATIONAL_PARTNER, Sector.NATIONAL, "National team"), false);
        assertThat(signedIn(admin).post("/oversight/users", "/oversight/users", form(watched, null, null, "", "")).body())
                .contains("event-" + login);

        String practitioner = fixtures.user(Set.of(Role.PRACTITIONER),
                fixtures.organisation(OrganisationKind.SERVICE, Sector.HEALTH, "Some Team"), false);
        assertThat(signedIn(practitioner).get("/oversight/users").statusCode()).isEqualTo(403);
    }
}
