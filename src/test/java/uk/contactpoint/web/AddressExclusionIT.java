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
import uk.contactpoint.directory.ChildForMatching;
import uk.contactpoint.directory.Directory;
import uk.contactpoint.directory.LiveState;
import uk.contactpoint.directory.LocalAuthorities;
import uk.contactpoint.directory.LocalAuthorityCode;
import uk.contactpoint.directory.OrganisationKind;
import uk.contactpoint.directory.Sector;

/**
 * The address exclusion register over HTTP (ADR 22): a shielding officer adds a refuge's address; from then the
 * children living there show no address to practitioners (the LA team still sees it), and matching no longer
 * sees it: the directory's matching projection has no address and the child's search keys lose those made from
 * it. Removing the entry undoes both. Another LA's officer cannot remove it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class AddressExclusionIT {

    @LocalServerPort
    int port;
    @Autowired
    TestFixtures fixtures;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    Directory directory;
    @Autowired
    LocalAuthorities authorities;

    private WebClient signedIn(String user) {
        WebClient web = new WebClient(port);
        web.signIn(user, TestFixtures.PASSWORD, TestFixtures.PIN, fixtures.totpSecret(user));
        return web;
    }

    private long keys(TestFixtures.Child child) {
        return jdbc.sql("SELECT COUNT(*) FROM child_blocking_key WHERE child_id = :c").param("c", child.id()).query(Long.class).single();
    }

    private ChildForMatching matching(TestFixtures.Child child) {
        return directory.forMatching(List.of(child.id())).get(0);
    }

    @Test
    void shouldHideAnExcludedAddressFromPractitionersAndFromMatchingUntilItIsRemoved() {
        authorities.update(new LocalAuthorityCode(TestFixtures.LEEDS), "0113 496 0999", LiveState.PRACTITIONERS_LIVE);
        // A postcode of its own, so that other tests' children at 7 Quarry Street are not covered.
        String postcode = "LS6 " + (1 + (int) (Math.random() * 9)) + (char) ('A' + (int) (Math.random() * 26)) + (char) ('A' + (int) (Math.random() * 26));
        TestFixtures.Child child = fixtures.child("Hermione", "Refugetest", LocalDate.of(2016, 2, 3), postcode, false);
        long team = fixtures.organisation(OrganisationKind.LOCAL_AUTHORITY, Sector.LOCAL_AUTHORITY, "Leeds ContactPoint team");
        WebClient officer = signedIn(fixtures.user(Set.of(Role.LA_SHIELDING_OFFICER), team, false));
        WebClient manager = signedIn(fixtures.user(Set.of(Role.LA_DATA_MANAGER), team, false));
        WebClient practitioner = signedIn(fixtures.user(Set.of(Role.PRACTITIONER),
                fixtures.organisation(OrganisationKind.SERVICE, Sector.HEALTH, "Health Visiting"), false));
        WebClient york = signedIn(fixtures.user(Set.of(Role.LA_SHIELDING_OFFICER),
                fixtures.organisation(OrganisationKind.LOCAL_AUTHORITY, Sector.LOCAL_AUTHORITY, "York ContactPoint team"), false, "E06000014"));
        Map<String, String> open = Map.of("contactPointId", child.contactPointId().value(), "reason", "visit");
        assertThat(practitioner.post("/records/open", "/records/open", open).body()).contains("7 Quarry Street");
        assertThat(matching(child).postcode()).isEqualTo(postcode);
        long keysBefore = keys(child);

        officer.post("/shielding/addresses", "/shielding/addresses", Map.of("line1", "7 Quarry St", "postcode", ""));
        assertThat(officer.get("/shielding/addresses").body()).contains("Enter a full UK postcode");
        officer.post("/shielding/addresses", "/shielding/addresses", Map.of("line1", "7 Quarry St", "postcode", postcode.toLowerCase()));
        assertThat(officer.get("/shielding/addresses").body()).contains("7 QUARRY STREET").contains(postcode);
        officer.post("/shielding/addresses", "/shielding/addresses", Map.of("line1", "7, Quarry Street", "postcode", postcode));
        assertThat(officer.get("/shielding/addresses").body()).contains("This address is on the register already");

        String seen = practitioner.post("/records/open", "/records/open", open).body();
        assertThat(seen).contains("Hermione Refugetest").contains("No address shown").doesNotContain("7 Quarry Street");
        assertThat(manager.post("/records/open", "/records/open", open).body()).contains("7 Quarry Street");
        ChildForMatching blanked = matching(child);
        assertThat(blanked.postcode()).isNull();
        assertThat(blanked.addressLine1()).isNull();
        assertThat(blanked.town()).isNull();
        assertThat(keys(child)).as("the keys made from the address are gone").isLessThan(keysBefore);

        long entry = jdbc.sql("SELECT id FROM address_exclusion WHERE postcode = :p AND removed_at IS NULL").param("p", postcode)
                .query(Long.class).single();
        york.post("/shielding/addresses", "/shielding/addresses/" + entry + "/remove", Map.of());
        assertThat(york.get("/shielding/addresses").body()).contains("Your local authority has no such entry on the register");
        assertThat(york.get("/shielding/addresses").body()).doesNotContain(postcode);
        assertThat(matching(child).postcode()).isNull();

        officer.post("/shielding/addresses", "/shielding/addresses/" + entry + "/remove", Map.of());
        assertThat(matching(child).postcode()).isEqualTo(postcode);
        assertThat(keys(child)).isEqualTo(keysBefore);
        assertThat(practitioner.post("/records/open", "/records/open", open).body()).contains("7 Quarry Street");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE action = 'ADMIN' AND detail IN (:d)")
                .param("d", List.of("address exclusion " + entry + " added", "address exclusion " + entry + " removed"))
                .query(Long.class).single()).isEqualTo(2);
        assertThat(practitioner.get("/shielding/addresses").statusCode()).isEqualTo(403);
    }
}
