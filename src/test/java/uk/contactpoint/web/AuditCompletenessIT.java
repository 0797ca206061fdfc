package uk.contactpoint.web;

import static org.assertj.core.api.Assertions.assertThat;

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
import uk.contactpoint.directory.OrganisationKind;
import uk.contactpoint.directory.Sector;

/**
 * Completeness: the audit events an end-to-end journey leaves are exactly the requests that touched
 * personal data or authentication, in order, each with who, what, why and outcome, and no secret in any.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class AuditCompletenessIT {

    @LocalServerPort
    int port;
    @Autowired
    TestFixtures fixtures;
    @Autowired
    JdbcClient jdbc;

    private record Row(String action, String outcome, String childIds, String reason, String detail, String address) {
    }

    @Test
    void shouldRecordOneEventForEachSignInStepViewAndSignOutOfAJourneyAndNothingElse() {
        TestFixtures.Child child = fixtures.child(false);
        String user = fixtures.user(Set.of(Role.PRACTITIONER),
                fixtures.organisation(OrganisationKind.SERVICE, Sector.SOCIAL_CARE, "Completeness Team"), false);
        WebClient web = new WebClient(port);

        web.login(user, "not the password");
        web.signIn(user, TestFixtures.PASSWORD, TestFixtures.PIN, fixtures.totpSecret(user));
        web.get("/home");
        web.get("/records/open");
        web.post("/records/open", "/records/open", Map.of("contactPointId", child.contactPointId().value(), "reason", "new referral"));
        web.post("/records/open", "/records/open", Map.of("contactPointId",
                uk.contactpoint.directory.ContactPointId.generate(new java.util.Random()).value(), "reason", "checking"));
        // A mistyped id (bad check digit) is refused before any lookup: nothing read, nothing to audit.
        web.post("/records/open", "/records/open", Map.of("contactPointId", "123456789012", "reason", "typo"));
        web.post("/home", "/logout", Map.of());

        List<Row> rows = jdbc.sql("""
                        SELECT action, outcome, child_ids, reason, detail, remote_address FROM audit_event
                        WHERE actor = :u ORDER BY id""")
                .param("u", user)
                .query((rs, n) -> new Row(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6)))
                .list();
        assertThat(rows).extracting(Row::action).containsExactly(
                "LOGIN_FAILED",   // the wrong password
                "LOGIN",          // step 1: password
                "LOGIN",          // step 2: PIN and code
                "RECORD_VIEW",    // the record, with its reason
                "RECORD_VIEW",    // a well-formed id that opens nothing: still audited
                "LOGOUT");
        assertThat(rows.get(0).detail()).isEqualTo("WrongPassword");
        assertThat(rows.get(3).outcome()).isEqualTo("DISCLOSED");
        assertThat(rows.get(3).childIds()).isEqualTo(Long.toString(child.id()));
        assertThat(rows.get(3).reason()).isEqualTo("new referral");
        assertThat(rows.get(4).outcome()).isEqualTo("NOTHING_DISCLOSED");
        assertThat(rows).allSatisfy(r -> assertThat(r.address()).isEqualTo("127.0.0.1"));
        String everything = rows.toString();
        assertThat(everything).doesNotContain(TestFixtures.PASSWORD).doesNotContain("not the password")
                .doesNotContain(TestFixtures.PIN);
    }
}
