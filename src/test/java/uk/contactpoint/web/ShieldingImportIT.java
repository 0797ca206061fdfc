package uk.contactpoint.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
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
 * The bulk shielding import over HTTP (ADR 22): a file with any bad row shields nobody and says what is wrong
 * with each row; a good file shields every named child of the officer's LA at once, one decision and one audit
 * event each; importing it again changes nothing; another LA's child is refused as if it did not exist.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class ShieldingImportIT {

    private static final String HEADER = "contactpoint_id,nhs_number,date_of_birth,reason,requested_by,review_date\n";

    @LocalServerPort
    int port;
    @Autowired
    TestFixtures fixtures;
    @Autowired
    JdbcClient jdbc;

    private WebClient signedIn(String user) {
        WebClient web = new WebClient(port);
        web.signIn(user, TestFixtures.PASSWORD, TestFixtures.PIN, fixtures.totpSecret(user));
        return web;
    }

    private boolean shielded(TestFixtures.Child child) {
        return jdbc.sql("SELECT shielded FROM child WHERE id = :c").param("c", child.id()).query(Boolean.class).single();
    }

    private long shieldEvents(TestFixtures.Child child) {
        return jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE action = 'RECORD_CHANGE' AND child_ids = :c AND detail = 'shielded'")
                .param("c", Long.toString(child.id())).query(Long.class).single();
    }

    private long decisions(TestFixtures.Child child) {
        return jdbc.sql("SELECT COUNT(*) FROM shield_decision WHERE child_id = :c").param("c", child.id()).query(Long.class).single();
    }

    private String nhsNumber(TestFixtures.Child child) {
        return jdbc.sql("SELECT identifier FROM source_identifier WHERE child_id = :c AND scheme = 'NHS_NUMBER'")
                .param("c", child.id()).query(String.class).single();
    }

    @Test
    void shouldRefuseAFileWithBadRowsAndThenShieldTheCorrectedFileOnceByIdOrNhsNumber() {
        LocalDate dob = LocalDate.of(2013, 3, 4);
        TestFixtures.Child byId = fixtures.child("Araminta", "Bulkshield", dob, "LS6 2AB", false);
        TestFixtures.Child byNhs = fixtures.child("Benedict", "Bulkshield", dob, "LS6 2AB", false);
        TestFixtures.Child before = fixtures.child("Cressida", "Bulkshield", dob, "LS6 2AB", true);
        long team = fixtures.organisation(OrganisationKind.LOCAL_AUTHORITY, Sector.LOCAL_AUTHORITY, "Leeds ContactPoint team");
        WebClient officer = signedIn(fixtures.user(Set.of(Role.LA_SHIELDING_OFFICER), team, false));
        String review = LocalDate.now().plusMonths(6).toString();
        String good = byId.contactPointId().value() + ",,,DOMESTIC_VIOLENCE_OR_REFUGE,\"the child's mother, through the LA\"," + review + "\n"
                + "," + nhsNumber(byNhs) + "," + dob + ",adoption,adoption team," + review + "\n"
                + before.contactPointId().value() + ",,,OTHER,police," + review + "\n";
        String bad = "12345,,,OTHER,police," + review + "\n"
                + "," + nhsNumber(byNhs) + ",2013-03-05,OTHER,police," + review + "\n"
                + byId.contactPointId().value() + ",,,OTHER,police," + review + "\n"
                + ",,,OTHER,police," + review + "\n";
        String worse = fixtures.child(false).contactPointId().value() + ",,,NOT_A_REASON,police," + review + "\n"
                + fixtures.child(false).contactPointId().value() + ",,,OTHER,," + review + "\n"
                + fixtures.child(false).contactPointId().value() + ",,,OTHER,police,2020-01-01\n";

        String refused = officer.post("/shielding/import", "/shielding/import", Map.of("csv", HEADER + good + bad + worse)).body();
        assertThat(refused).contains("No records were shielded").contains("7</span> rows have problems")
                .contains("ContactPoint ID: ")
                .contains("No child your local authority is responsible for has that NHS number and date of birth")
                .contains("The same child is in row 2: give each child one row")
                .contains("Give the child&#39;s ContactPoint ID, or their NHS number and date of birth")
                .contains("reason: use one of").contains("Say who asked for the shield")
                .contains("Set a review date after today and within 5 years")
                .contains("No problem (not shielded: the file has problems)")
                .contains("Shielded already: nothing changed");
        assertThat(shielded(byId)).isFalse();
        assertThat(shielded(byNhs)).isFalse();
        assertThat(decisions(byId) + decisions(byNhs)).isZero();

        String applied = officer.upload("/shielding/import", "/shielding/import", "file", "shield.csv", HEADER + good).body();
        assertThat(applied).contains("2</span> records shielded").contains("1</span> were shielded already");
        assertThat(shielded(byId)).isTrue();
        assertThat(shielded(byNhs)).isTrue();
        assertThat(shieldEvents(byId)).isEqualTo(1);
        assertThat(shieldEvents(byNhs)).isEqualTo(1);
        assertThat(shieldEvents(before)).isZero();
        assertThat(jdbc.sql("SELECT reason_category FROM shield_decision WHERE child_id = :c").param("c", byNhs.id())
                .query(String.class).list()).isEqualTo(List.of("ADOPTION"));

        String again = officer.upload("/shielding/import", "/shielding/import", "file", "shield.csv", HEADER + good).body();
        assertThat(again).contains("0</span> records shielded").contains("3</span> were shielded already");
        assertThat(decisions(byId)).isEqualTo(1);
        assertThat(decisions(byNhs)).isEqualTo(1);
        assertThat(shieldEvents(byId)).isEqualTo(1);
    }

    @Test
    void shouldRefuseAnotherLocalAuthoritysChildAsIfItDidNotExist() {
        TestFixtures.Child leeds = fixtures.child(false);
        long york = fixtures.organisation(OrganisationKind.LOCAL_AUTHORITY, Sector.LOCAL_AUTHORITY, "York ContactPoint team");
        WebClient officer = signedIn(fixtures.user(Set.of(Role.LA_SHIELDING_OFFICER), york, false, "E06000014"));
        String body = officer.post("/shielding/import", "/shielding/import", Map.of("csv",
                HEADER + leeds.contactPointId().value() + ",,,OTHER,police," + LocalDate.now().plusMonths(1) + "\n")).body();
        assertThat(body).contains("No records were shielded")
                .contains("No child your local authority is responsible for has that ContactPoint ID");
        assertThat(shielded(leeds)).isFalse();
    }

    @Test
    void shouldRefuseAFileWithoutTheHeaderAndKeepThePageFromOtherUsers() {
        long team = fixtures.organisation(OrganisationKind.LOCAL_AUTHORITY, Sector.LOCAL_AUTHORITY, "Leeds ContactPoint team");
        WebClient officer = signedIn(fixtures.user(Set.of(Role.LA_SHIELDING_OFFICER), team, false));
        assertThat(officer.post("/shielding/import", "/shielding/import", Map.of("csv", "id,why\n1,2\n")).body())
                .contains("The first row must be the header");
        assertThat(officer.post("/shielding/import", "/shielding/import", Map.of("csv", "")).body())
                .contains("Choose a CSV file of records to shield");
        WebClient practitioner = signedIn(fixtures.user(Set.of(Role.PRACTITIONER),
                fixtures.organisation(OrganisationKind.SERVICE, Sector.HEALTH, "Health Visiting"), false));
        assertThat(practitioner.get("/shielding/import").statusCode()).isEqualTo(403);
    }
}
