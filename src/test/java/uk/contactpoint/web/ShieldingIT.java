package uk.contactpoint.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
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
import uk.contactpoint.directory.LiveState;
import uk.contactpoint.directory.LocalAuthorities;
import uk.contactpoint.directory.LocalAuthorityCode;
import uk.contactpoint.directory.OrganisationKind;
import uk.contactpoint.directory.Sector;

/**
 * Shielding over HTTP: one officer shields at once, and from then practitioners find the child only by name
 * and date of birth and see it restricted; unshielding needs a second officer.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class ShieldingIT {

    @LocalServerPort
    int port;
    @Autowired
    TestFixtures fixtures;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    LocalAuthorities authorities;

    private WebClient signedIn(String user) {
        WebClient web = new WebClient(port);
        web.signIn(user, TestFixtures.PASSWORD, TestFixtures.PIN, fixtures.totpSecret(user));
        return web;
    }

    private static Map<String, String> search(String family, LocalDate dob) {
        return Map.of("familyName", family, "dateOfBirth-day", Integer.toString(dob.getDayOfMonth()),
                "dateOfBirth-month", Integer.toString(dob.getMonthValue()), "dateOfBirth-year", Integer.toString(dob.getYear()),
                "postcode", "LS6 2AB");
    }

    @Test
    void shouldShieldAtOnceAndUnshieldOnlyWithASecondOfficer() {
        authorities.update(new LocalAuthorityCode(TestFixtures.LEEDS), "0113 496 0999", LiveState.PRACTITIONERS_LIVE);
        String family = "Shieldtest" + (char) ('a' + (int) (Math.random() * 26)) + (char) ('a' + (int) (Math.random() * 26));
        LocalDate dob = LocalDate.of(2011, 9, 14);
        TestFixtures.Child child = fixtures.child("Perpetua", family, dob, "LS6 2AB", false);
        long team = fixtures.organisation(OrganisationKind.LOCAL_AUTHORITY, Sector.LOCAL_AUTHORITY, "Leeds ContactPoint team");
        WebClient first = signedIn(fixtures.user(Set.of(Role.LA_SHIELDING_OFFICER), team, false));
        WebClient second = signedIn(fixtures.user(Set.of(Role.LA_SHIELDING_OFFICER), team, false));
        WebClient practitioner = signedIn(fixtures.user(Set.of(Role.PRACTITIONER),
                fixtures.organisation(OrganisationKind.SERVICE, Sector.HEALTH, "Health Visiting"), false));

        assertThat(practitioner.post("/search", "/search", search(family, dob)).body()).contains("Perpetua " + family).contains("LS6");

        String id = child.contactPointId().value();
        first.post("/shielding", "/shielding/shield", Map.of("contactPointId", id, "reason", "DOMESTIC_VIOLENCE_OR_REFUGE",
                "requestedBy", "", "reviewDate", LocalDate.now().plusMonths(6).toString()));
        assertThat(first.get("/shielding").body()).contains("Say who asked for the shield");
        first.post("/shielding", "/shielding/shield", Map.of("contactPointId", id, "reason", "DOMESTIC_VIOLENCE_OR_REFUGE",
                "requestedBy", "the child's mother, through the LA", "reviewDate", LocalDate.now().plusMonths(6).toString()));
        assertThat(jdbc.sql("SELECT shielded FROM child WHERE id = :c").param("c", child.id()).query(Boolean.class).single()).isTrue();

        String found = practitioner.post("/search", "/search", search(family, dob)).body();
        assertThat(found).contains("Perpetua " + family).contains("restricted").doesNotContain(">LS6<");
        String record = practitioner.post("/records/open", "/records/open", Map.of("contactPointId", id, "reason", "visit")).body();
        assertThat(record).contains("This record is restricted").doesNotContain("7 Quarry Street");

        first.post("/shielding", "/shielding/unshield", Map.of("contactPointId", id, "why", "Family moved on; mother asked"));
        long proposal = jdbc.sql("SELECT id FROM shield_decision WHERE child_id = :c AND status = 'PENDING'").param("c", child.id())
                .query(Long.class).single();
        first.post("/shielding", "/shielding/proposals/" + proposal + "/approve", Map.of());
        assertThat(first.get("/shielding").body()).contains("A second member of the team must approve");
        assertThat(jdbc.sql("SELECT shielded FROM child WHERE id = :c").param("c", child.id()).query(Boolean.class).single()).isTrue();

        assertThat(second.get("/shielding").body()).contains("Perpetua " + family).contains("Approve unshielding");
        second.post("/shielding", "/shielding/proposals/" + proposal + "/approve", Map.of());
        assertThat(jdbc.sql("SELECT shielded FROM child WHERE id = :c").param("c", child.id()).query(Boolean.class).single()).isFalse();
        assertThat(practitioner.post("/search", "/search", search(family, dob)).body()).contains("LS6");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE action = 'RECORD_CHANGE' AND child_ids = :c")
                .param("c", Long.toString(child.id())).query(Long.class).single()).as("shield, proposal, approval").isEqualTo(3);
        assertThat(practitioner.get("/shielding").statusCode()).isEqualTo(403);
    }

    @Test
    void shouldLetANationalAdministratorMoveAnLaOneStageAtATimeAndStopItsPractitionersByMovingBack() {
        String admin = fixtures.user(Set.of(Role.NATIONAL_ADMIN),
                fixtures.organisation(OrganisationKind.NATIONAL_PARTNER, Sector.NATIONAL, "National team"), false);
        WebClient national = signedIn(admin);
        String gss = "E06000014"; // York
        authorities.update(new LocalAuthorityCode(gss), null, LiveState.NOT_STARTED);
        national.post("/admin/local-authorities", "/admin/local-authorities/stage", Map.of("code", gss, "stage", "PRACTITIONERS_LIVE"));
        assertThat(national.get("/admin/local-authorities").body()).contains("the next stage is DATA_LOADED");
        for (String stage : new String[] {"DATA_LOADED", "SHIELDING_DONE", "MANAGEMENT_TEAM_LIVE", "PRACTITIONERS_LIVE"}) {
            national.post("/admin/local-authorities", "/admin/local-authorities/stage", Map.of("code", gss, "stage", stage));
        }
        assertThat(authorities.find(new LocalAuthorityCode(gss)).orElseThrow().liveState()).isEqualTo(LiveState.PRACTITIONERS_LIVE);
        national.post("/admin/local-authorities", "/admin/local-authorities/stage", Map.of("code", gss, "stage", "SHIELDING_DONE"));
        assertThat(authorities.find(new LocalAuthorityCode(gss)).orElseThrow().liveState()).isEqualTo(LiveState.SHIELDING_DONE);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE actor = :u AND detail LIKE :d").param("u", admin)
                .param("d", "go-live " + gss + "%").query(Long.class).single()).isEqualTo(5);
    }
}
