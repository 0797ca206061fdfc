package uk.contactpoint.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
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
 * The daily cap on records of children a practitioner does not work with: within it records open, a child
 * already opened today is free, children they work with never count; beyond it nothing shows and the refusal
 * is audited; the manager approves one record, which then opens.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class ViewCapIT {

    @LocalServerPort
    int port;
    @Autowired
    TestFixtures fixtures;
    @Autowired
    JdbcClient jdbc;

    @Autowired
    uk.contactpoint.directory.LocalAuthorities authorities;

    @AfterEach
    void restoreTheDefaultCap() {
        jdbc.sql("UPDATE local_authority SET daily_view_cap = 20 WHERE gss_code = :la").param("la", TestFixtures.LEEDS).update();
    }

    private WebClient signedIn(String user) {
        WebClient web = new WebClient(port);
        web.signIn(user, TestFixtures.PASSWORD, TestFixtures.PIN, fixtures.totpSecret(user));
        return web;
    }

    private String open(WebClient web, TestFixtures.Child child) {
        return web.post("/records/open", "/records/open", Map.of("contactPointId", child.contactPointId().value(),
                "reason", "checking who to contact")).body();
    }

    @Test
    void beyondTheCapNothingShowsUntilTheManagerApproves() {
        jdbc.sql("UPDATE local_authority SET daily_view_cap = 2 WHERE gss_code = :la").param("la", TestFixtures.LEEDS).update();
        long org = fixtures.organisation(OrganisationKind.SERVICE, Sector.HEALTH, "Capped Service");
        String manager = fixtures.user(Set.of(Role.PRACTITIONER), org, false);
        String user = fixtures.user(Set.of(Role.PRACTITIONER), org, false);
        jdbc.sql("UPDATE app_user SET manager_id = (SELECT id FROM app_user WHERE username = :m) WHERE username = :u")
                .param("m", manager).param("u", user).update();
        WebClient web = signedIn(user);
        TestFixtures.Child first = fixtures.child(false);
        TestFixtures.Child second = fixtures.child(false);
        TestFixtures.Child third = fixtures.child(false);

        assertThat(open(web, first)).contains("Zebedee Quixley");
        assertThat(open(web, second)).contains("Zebedee Quixley");
        assertThat(open(web, first)).as("the same child again is free").contains("Zebedee Quixley");
        String refused = open(web, third);
        assertThat(refused).contains("Daily limit reached").contains("2 children today").doesNotContain("Zebedee Quixley")
                .doesNotContain("7 Quarry Street");
        assertThat(jdbc.sql("""
                        SELECT COUNT(*) FROM audit_event e JOIN audit_event_child c ON c.event_id = e.id
                        WHERE c.child_id = :c AND e.outcome = 'REFUSED' AND e.detail LIKE 'daily cap reached%'""")
                .param("c", third.id()).query(Long.class).single()).isEqualTo(1);

        assertThat(web.post("/records/open", "/records/approval", Map.of("contactPointId", third.contactPointId().value(),
                "reason", "")).body()).contains("Say why you need to open this record");
        assertThat(web.post("/records/open", "/records/approval", Map.of("contactPointId", third.contactPointId().value(),
                "reason", "Strategy meeting this afternoon")).body()).contains("Request sent");

        WebClient boss = signedIn(manager);
        String waiting = boss.get("/approvals").body();
        assertThat(waiting).contains("Strategy meeting this afternoon").contains(third.contactPointId().formatted());
        Matcher m = Pattern.compile("name=\"requestId\" value=\"(\\d+)\"").matcher(waiting);
        assertThat(m.find()).isTrue();
        boss.post("/approvals", "/approvals/decide", Map.of("requestId", m.group(1), "decision", "APPROVE"));
        assertThat(boss.get("/approvals").body()).contains("Approved");

        assertThat(open(web, third)).contains("Zebedee Quixley");
    }

    @Test
    void childrenThePractitionerWorksWithNeverCount() {
        jdbc.sql("UPDATE local_authority SET daily_view_cap = 1 WHERE gss_code = :la").param("la", TestFixtures.LEEDS).update();
        TestFixtures.Child a = fixtures.child(false);
        TestFixtures.Child b = fixtures.child(false);
        // The fixture's social worker's organisation is recorded on each child: find it and sign in there.
        long orgA = jdbc.sql("SELECT organisation_id FROM involvement WHERE child_id = :c AND service_type = 'SOCIAL_CARE'")
                .param("c", a.id()).query(Long.class).single();
        jdbc.sql("UPDATE involvement SET organisation_id = :o WHERE child_id = :c AND service_type = 'SOCIAL_CARE'")
                .param("o", orgA).param("c", b.id()).update();
        WebClient web = signedIn(fixtures.user(Set.of(Role.PRACTITIONER), orgA, false));
        assertThat(open(web, a)).contains("Zebedee Quixley");
        assertThat(open(web, b)).contains("Zebedee Quixley");
        assertThat(open(web, fixtures.child(false))).as("the first uninvolved one").contains("Zebedee Quixley");
        assertThat(open(web, fixtures.child(false))).contains("Daily limit reached");
    }

    @Test
    void theAuthoritysDataManagerSetsTheCapAndABadValueChangesNothing() {
        uk.contactpoint.directory.LocalAuthority leeds = authorities.find(new uk.contactpoint.directory.LocalAuthorityCode(TestFixtures.LEEDS)).orElseThrow();
        long laOrg = fixtures.organisation(OrganisationKind.LOCAL_AUTHORITY, Sector.LOCAL_AUTHORITY, "Leeds ContactPoint team");
        long service = fixtures.organisation(OrganisationKind.SERVICE, Sector.HEALTH, "Capped By Page Service");
        try {
            WebClient manager = signedIn(fixtures.user(Set.of(Role.LA_DATA_MANAGER), laOrg, false));
            String page = manager.get("/la/settings").body();
            assertThat(page).contains("Daily limit on records of children a practitioner does not work with").contains("value=\"20\"");

            String refused = manager.post("/la/settings", "/la/settings", Map.of("la", TestFixtures.LEEDS, "cap", "many",
                    "teamPhone", "0113 496 0100", "emergencyPhone", "not a number")).body();
            assertThat(refused).contains("There is a problem").contains("The daily limit must be a whole number from 0 to 200")
                    .contains("Enter the emergency duty team telephone number as a UK number");
            assertThat(cap()).as("nothing half-applied").isEqualTo(20);
            assertThat(authorities.find(leeds.code()).orElseThrow().contactPointTeamPhone()).isEqualTo(leeds.contactPointTeamPhone());

            assertThat(manager.post("/la/settings", "/la/settings", Map.of("la", TestFixtures.LEEDS, "cap", "1",
                    "teamPhone", "0113 496 0100", "emergencyPhone", "+44 113 496 0999")).statusCode()).isEqualTo(302);
            assertThat(manager.get("/la/settings?la=" + TestFixtures.LEEDS).body()).contains("Settings saved")
                    .contains("value=\"+44 113 496 0999\"");
            assertThat(cap()).isEqualTo(1);
            assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE detail = :d")
                    .param("d", "la-settings " + TestFixtures.LEEDS + " cap 20->1 team-phone changed emergency-phone changed")
                    .query(Long.class).single()).isEqualTo(1);

            // the practitioners of the authority now have one record a day of children they do not work with
            WebClient practitioner = signedIn(fixtures.user(Set.of(Role.PRACTITIONER), service, false));
            assertThat(open(practitioner, fixtures.child(false))).contains("Zebedee Quixley");
            assertThat(open(practitioner, fixtures.child(false))).contains("Daily limit reached").contains("1 children today");
            assertThat(practitioner.get("/la/settings").statusCode()).isEqualTo(403);

            WebClient auditor = signedIn(fixtures.user(Set.of(Role.LA_AUDITOR), laOrg, false));
            assertThat(auditor.get("/la/settings").body()).contains("0113 496 0100").doesNotContain("Save settings");
            assertThat(auditor.postWithoutFetching("/la/settings", Map.of("la", TestFixtures.LEEDS, "cap", "50",
                    "teamPhone", "0113 496 0100", "emergencyPhone", "0113 496 0999")).statusCode()).isEqualTo(403);
            assertThat(manager.get("/la/settings?la=E09000033").statusCode()).as("another authority's settings").isEqualTo(404);
            assertThat(cap()).isEqualTo(1);
        } finally {
            authorities.updatePhones(leeds.code(), leeds.contactPointTeamPhone(), leeds.emergencyDutyPhone());
        }
    }

    private int cap() {
        return jdbc.sql("SELECT daily_view_cap FROM local_authority WHERE gss_code = :la").param("la", TestFixtures.LEEDS)
                .query(Integer.class).single();
    }
}
