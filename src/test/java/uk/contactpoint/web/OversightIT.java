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
