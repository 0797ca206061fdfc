package uk.contactpoint.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.HashMap;
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
import uk.contactpoint.directory.LiveState;
import uk.contactpoint.directory.LocalAuthorities;
import uk.contactpoint.directory.LocalAuthorityCode;
import uk.contactpoint.directory.OrganisationKind;
import uk.contactpoint.directory.Sector;

/**
 * Finding a child over HTTP: fuzzy on names and dates, never browsing, at most ten results, shielded
 * children found only through the fields that stay visible, every search audited with its parameters and
 * the ids shown; then the reason step and the record.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class SearchIT {

    @LocalServerPort
    int port;
    @Autowired
    TestFixtures fixtures;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    uk.contactpoint.audit.AuditLog auditLog;
    @Autowired
    LocalAuthorities authorities;

    private String practitioner;
    private WebClient web;

    @BeforeEach
    void aLivePractitionerOfAHealthService() {
        authorities.update(new LocalAuthorityCode(TestFixtures.LEEDS), "0113 496 0999", LiveState.PRACTITIONERS_LIVE);
        practitioner = fixtures.user(Set.of(Role.PRACTITIONER),
                fixtures.organisation(OrganisationKind.SERVICE, Sector.HEALTH, "Health Visiting"), false);
        web = new WebClient(port);
        web.signIn(practitioner, TestFixtures.PASSWORD, TestFixtures.PIN, fixtures.totpSecret(practitioner));
    }

    /** A surname nobody else in the database has. */
    private static String surname() {
        String letters = "bcdfghjklmnprstvwz";
        StringBuilder s = new StringBuilder("Q");
        ThreadLocalRandom r = ThreadLocalRandom.current();
        for (int i = 0; i < 7; i++) {
            s.append(i % 2 == 0 ? letters.charAt(r.nextInt(letters.length())) : "aeiou".charAt(r.nextInt(5)));
        }
        return s.toString();
    }

    private HttpResponse<String> search(String given, String family, LocalDate dob, String postcode, String nhs) {
        Map<String, String> form = new HashMap<>();
        if (given != null) form.put("givenName", given);
        if (family != null) form.put("familyName", family);
        if (dob != null) {
            form.put("dateOfBirth-day", Integer.toString(dob.getDayOfMonth()));
            form.put("dateOfBirth-month", Integer.toString(dob.getMonthValue()));
            form.put("dateOfBirth-year", Integer.toString(dob.getYear()));
        }
        if (postcode != null) form.put("postcode", postcode);
        if (nhs != null) form.put("nhsNumber", nhs);
        return web.post("/search", "/search", form);
    }

    @Test
    void shouldFindAChildDespiteAMisspeltSurnameAndDayAndMonthSwapped() {
        String family = surname();
        LocalDate dob = LocalDate.of(2014, 3, 8);
        TestFixtures.Child child = fixtures.child("Evangeline", family, dob, "LS6 2AB", false);
        String misspelt = family.substring(0, 3) + family.substring(4);

        HttpResponse<String> results = search("Evangeline", misspelt, LocalDate.of(2014, 8, 3), null, null);
        assertThat(results.body()).contains("Search results").contains("Evangeline " + family).contains("LS6").contains("Leeds");
        String ids = jdbc.sql("SELECT child_ids FROM audit_event WHERE actor = :u AND action = 'SEARCH' ORDER BY id DESC FETCH FIRST 1 ROWS ONLY")
                .param("u", practitioner).query(String.class).single();
        assertThat(ids.split(",")).contains(Long.toString(child.id()));
        long searchEvent = jdbc.sql("SELECT id FROM audit_event WHERE actor = :u AND action = 'SEARCH' ORDER BY id DESC FETCH FIRST 1 ROWS ONLY")
                .param("u", practitioner).query(Long.class).single();
        assertThat(jdbc.sql("SELECT detail FROM audit_event WHERE id = :id").param("id", searchEvent).query(String.class).single())
                .contains("fields=given,family,dob").doesNotContain(misspelt);
        assertThat(auditLog.personalValues(searchEvent)).hasValueSatisfying(v ->
                assertThat(v).contains("family=" + misspelt).contains("dob=2014-08-03"));

        HttpResponse<String> reason = web.post("/search", "/records/start", Map.of("contactPointId", child.contactPointId().value()));
        assertThat(reason.body()).contains("Why are you opening this record?").contains("Child protection enquiry");
        HttpResponse<String> record = web.post("/records/open", "/records/open", Map.of("contactPointId",
                child.contactPointId().value(), "reasonChoice", "WORKING_WITH_CHILD", "reasonDetail", "new baby visit"));
        assertThat(record.body()).contains("Evangeline " + family);
        assertThat(jdbc.sql("SELECT reason FROM audit_event WHERE actor = :u AND action = 'RECORD_VIEW' ORDER BY id DESC FETCH FIRST 1 ROWS ONLY")
                .param("u", practitioner).query(String.class).single()).isEqualTo("I am working with this child: new baby visit");
    }

    @Test
    void shouldRefuseASearchWithTooLittleDetailAndNotBrowse() {
        HttpResponse<String> refused = search("Evangeline", null, null, "LS6 2AB", null);
        assertThat(refused.body()).contains("There is a problem").contains("Enter the child&#39;s family name")
                .contains("Enter the child&#39;s date of birth").doesNotContain("Search results");
        HttpResponse<String> badDate = search(null, "Smith", null, null, null);
        assertThat(badDate.body()).contains("Enter the child&#39;s date of birth");
        Map<String, String> impossible = Map.of("familyName", "Smith", "dateOfBirth-day", "31", "dateOfBirth-month", "2",
                "dateOfBirth-year", "2015");
        assertThat(web.post("/search", "/search", impossible).body()).contains("Date of birth must be a real date");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE actor = :u AND action = 'SEARCH'").param("u", practitioner)
                .query(Long.class).single()).as("refused searches search nothing").isZero();
    }

    @Test
    void shouldAskForMoreDetailWhenMoreThanTenChildrenMatch() {
        String family = surname();
        LocalDate dob = LocalDate.of(2016, 11, 2);
        for (int i = 0; i < 11; i++) {
            fixtures.child("Child" + (char) ('a' + i), family, dob, "LS6 2AB", false);
        }
        HttpResponse<String> tooMany = search(null, family, dob, null, null);
        assertThat(tooMany.body()).contains("Too many possible matches: add more detail").doesNotContain("Search results");
    }

    @Test
    void shouldNotFindAShieldedChildByNhsNumberOrPostcodeAndShowItRestricted() {
        String family = surname();
        LocalDate dob = LocalDate.of(2013, 6, 21);
        TestFixtures.Child shielded = fixtures.child("Rowena", family, dob, "LS6 2AB", true);
        String nhs = jdbc.sql("SELECT identifier FROM source_identifier WHERE child_id = :c AND scheme = 'NHS_NUMBER'")
                .param("c", shielded.id()).query(String.class).single();

        HttpResponse<String> byNhs = search(null, null, null, null, nhs);
        assertThat(byNhs.body()).doesNotContain(family);
        HttpResponse<String> byName = search("Rowena", family, dob, null, null);
        assertThat(byName.body()).contains("Rowena " + family).contains("restricted").doesNotContain("LS6 ");

        TestFixtures.Child open = fixtures.child("Rowena", surname(), dob, "LS6 2AB", false);
        String openNhs = jdbc.sql("SELECT identifier FROM source_identifier WHERE child_id = :c AND scheme = 'NHS_NUMBER'")
                .param("c", open.id()).query(String.class).single();
        assertThat(search(null, null, null, null, openNhs).body()).as("an unshielded child is found by NHS number")
                .contains("Search results").contains("LS6");
    }
}
