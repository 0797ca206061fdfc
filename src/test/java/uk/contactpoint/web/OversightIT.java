package uk.contactpoint.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Instant;
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
import uk.contactpoint.audit.internal.MisuseMonitor;
import uk.contactpoint.directory.OrganisationKind;
import uk.contactpoint.directory.Sector;

/** The oversight pages over HTTP: a child's access history with CSV export, and the alert queue. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class OversightIT {

    @LocalServerPort
    int port;
    @Autowired
    TestFixtures fixtures;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    MisuseMonitor monitor;

    private WebClient signedIn(String user) {
        WebClient web = new WebClient(port);
        web.signIn(user, TestFixtures.PASSWORD, TestFixtures.PIN, fixtures.totpSecret(user));
        return web;
    }

    @Test
    void shouldShowAnAuditorWhoLookedAtAChildAndExportItButNotToAPractitioner() {
        TestFixtures.Child child = fixtures.child(false);
        String practitioner = fixtures.user(Set.of(Role.PRACTITIONER),
                fixtures.organisation(OrganisationKind.SERVICE, Sector.HEALTH, "Looking Team"), false);
        WebClient looker = signedIn(practitioner);
        looker.post("/records/open", "/records/open", Map.of("contactPointId", child.contactPointId().value(), "reason", "health visit"));

        String auditor = fixtures.user(Set.of(Role.LA_AUDITOR),
                fixtures.organisation(OrganisationKind.LOCAL_AUTHORITY, Sector.LOCAL_AUTHORITY, "Leeds ContactPoint team"), false);
        WebClient oversight = signedIn(auditor);
        HttpResponse<String> history = oversight.post("/oversight/children", "/oversight/children",
                Map.of("contactPointId", child.contactPointId().value()));
        assertThat(history.statusCode()).isEqualTo(200);
        assertThat(history.body()).contains(practitioner).contains("Looking Team").contains("health visit");
        HttpResponse<String> csv = oversight.post("/oversight/children", "/oversight/children/export",
                Map.of("contactPointId", child.contactPointId().value()));
        assertThat(csv.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/csv");
        assertThat(csv.body()).startsWith("occurred_at,user,organisation,role,action,reason,outcome").contains(practitioner);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE actor = :u AND action IN ('OVERSIGHT', 'EXPORT')")
                .param("u", auditor).query(Long.class).single()).as("reading and exporting the history are audited").isEqualTo(2);

        HttpResponse<String> wrong = oversight.post("/oversight/children", "/oversight/children", Map.of("contactPointId", "12345"));
        assertThat(wrong.body()).contains("Enter a ContactPoint ID of 12 digits");
        assertThat(looker.get("/oversight/children").statusCode()).as("practitioners have no oversight").isEqualTo(403);
    }

    @Test
    void shouldNarrowAChildsAccessHistoryByDaysActionAndOrganisationOnThePageAndInTheCsv() {
        TestFixtures.Child child = fixtures.child(false);
        String looker = fixtures.user(Set.of(Role.PRACTITIONER),
                fixtures.organisation(OrganisationKind.SERVICE, Sector.HEALTH, "Filtered Health Team"), false);
        String other = fixtures.user(Set.of(Role.PRACTITIONER),
                fixtures.organisation(OrganisationKind.SERVICE, Sector.SOCIAL_CARE, "Filtered Care Team"), false);
        signedIn(looker).post("/records/open", "/records/open", Map.of("contactPointId", child.contactPointId().value(), "reason", "health visit"));
        signedIn(other).post("/records/open", "/records/open", Map.of("contactPointId", child.contactPointId().value(), "reason", "care review"));
        jdbc.sql("""
                        INSERT INTO audit_event (occurred_at, actor, actor_organisation, action, child_ids, reason, outcome)
                        VALUES (:t, 'long-gone', 'Filtered Old Team', 'RECORD_VIEW', :c, 'old visit', 'DISCLOSED')""")
                .param("t", java.sql.Timestamp.from(Instant.now().minus(java.time.Duration.ofDays(60))))
                .param("c", String.valueOf(child.id())).update();
        long oldId = jdbc.sql("SELECT MAX(id) FROM audit_event WHERE actor = 'long-gone'").query(Long.class).single();
        jdbc.sql("INSERT INTO audit_event_child (event_id, child_id) VALUES (:e, :c)").param("e", oldId).param("c", child.id()).update();

        String auditor = fixtures.user(Set.of(Role.LA_AUDITOR),
                fixtures.organisation(OrganisationKind.LOCAL_AUTHORITY, Sector.LOCAL_AUTHORITY, "Leeds ContactPoint team"), false);
        WebClient oversight = signedIn(auditor);
        String cp = child.contactPointId().value();
        assertThat(oversight.post("/oversight/children", "/oversight/children", Map.of("contactPointId", cp)).body())
                .contains("health visit", "care review", "old visit")
                .as("the organisations of the whole history can be chosen").contains("<option value=\"Filtered Care Team\"");

        assertThat(oversight.post("/oversight/children", "/oversight/children",
                Map.of("contactPointId", cp, "organisation", "Filtered Health Team")).body())
                .contains("health visit").doesNotContain("care review").doesNotContain("old visit");
        java.time.LocalDate today = java.time.LocalDate.now(uk.contactpoint.audit.AuditFilter.LONDON);
        Map<String, String> recent = Map.of("contactPointId", cp, "from-day", String.valueOf(today.minusDays(7).getDayOfMonth()),
                "from-month", String.valueOf(today.minusDays(7).getMonthValue()), "from-year", String.valueOf(today.minusDays(7).getYear()));
        assertThat(oversight.post("/oversight/children", "/oversight/children", recent).body())
                .contains("health visit", "care review").doesNotContain("old visit");
        assertThat(oversight.post("/oversight/children", "/oversight/children", Map.of("contactPointId", cp, "action", "SEARCH")).body())
                .contains("0</span> accesses").doesNotContain("health visit");
        assertThat(oversight.post("/oversight/children", "/oversight/children", Map.of("contactPointId", cp, "from-day", "31",
                "from-month", "2", "from-year", "2026")).body()).contains("From must be a real date");

        HttpResponse<String> csv = oversight.post("/oversight/children", "/oversight/children/export",
                Map.of("contactPointId", cp, "organisation", "Filtered Care Team"));
        assertThat(csv.body()).contains("care review").doesNotContain("health visit").doesNotContain("old visit");
        assertThat(csv.body().lines().count()).isEqualTo(2);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE actor = :u AND action = 'EXPORT' AND detail LIKE 'access history CSV: %organisation=chosen'")
                .param("u", auditor).query(Long.class).single()).as("the export and its filter are audited").isEqualTo(1);
    }

    @Test
    void shouldListAnAlertForAnotherAuditorAndLetThemDismissIt() {
        String subject = fixtures.user(Set.of(Role.PRACTITIONER),
                fixtures.organisation(OrganisationKind.SERVICE, Sector.HEALTH, "Subject Team"), false);
        Instant day = Instant.parse("2032-01-12T09:00:00Z");
        for (int i = 0; i < 3; i++) {
            int k = i;
            jdbc.sql("""
                            INSERT INTO audit_event (occurred_at, actor, action, child_ids, outcome, detail)
                            VALUES (:t, :u, 'RECORD_VIEW', :c, 'DISCLOSED', 'relationship=none;shielded=false')""")
                    .param("t", java.sql.Timestamp.from(day.plusSeconds(60L * k))).param("u", subject).param("c", "77" + k).update();
        }
        monitor.scan(day.plusSeconds(3600));
        long alert = jdbc.sql("SELECT id FROM misuse_alert WHERE subject_user = :u").param("u", subject).query(Long.class).single();
        String auditor = fixtures.user(Set.of(Role.LA_AUDITOR),
                fixtures.organisation(OrganisationKind.LOCAL_AUTHORITY, Sector.LOCAL_AUTHORITY, "Leeds ContactPoint team"), false);
        WebClient web = signedIn(auditor);
        assertThat(web.get("/oversight/alerts").body()).contains("alert-" + alert).contains("NO_RELATIONSHIP: " + subject);
        HttpResponse<String> decided = web.post("/oversight/alerts", "/oversight/alerts/" + alert + "/decide",
                Map.of("decision", "DISMISS", "note", "Covering a colleague's cases"));
        assertThat(decided.statusCode()).isEqualTo(302);
        assertThat(jdbc.sql("SELECT status FROM misuse_alert WHERE id = :id").param("id", alert).query(String.class).single())
                .isEqualTo("DISMISSED");
        assertThat(List.of(web.get("/oversight/alerts").body())).allSatisfy(b -> assertThat(b).contains("DISMISSED"));
    }
}
