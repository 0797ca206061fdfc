package uk.contactpoint.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

import uk.contactpoint.TestFixtures;
import uk.contactpoint.access.Role;
import uk.contactpoint.directory.Address;
import uk.contactpoint.directory.ContactPointId;
import uk.contactpoint.directory.Directory;
import uk.contactpoint.directory.EducationStatus;
import uk.contactpoint.directory.Gender;
import uk.contactpoint.directory.LiveState;
import uk.contactpoint.directory.LocalAuthorities;
import uk.contactpoint.directory.LocalAuthorityCode;
import uk.contactpoint.directory.NewChild;
import uk.contactpoint.directory.OrganisationKind;
import uk.contactpoint.directory.PersonName;
import uk.contactpoint.directory.Postcode;
import uk.contactpoint.directory.Sector;
import uk.contactpoint.directory.Whereabouts;
import uk.contactpoint.synthetic.FixtureNhsNumbers;

/**
 * LA data managers adding and correcting records by hand over HTTP (ADR 17): the duplicate check before
 * anything is created, "same child" and "create", an identifier another child holds, corrections with their
 * history and LA_MANUAL provenance, another authority's child, bad input, shielded candidates, and the audit.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class ManualRecordsIT {

    private static final Pattern CHECK_ID = Pattern.compile("name=\"checkId\" value=\"(\\d+)\"");

    @LocalServerPort
    int port;
    @Autowired
    TestFixtures fixtures;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    LocalAuthorities authorities;
    @Autowired
    Directory directory;

    private String manager;
    private WebClient web;

    @BeforeEach
    void aLeedsDataManager() {
        authorities.update(new LocalAuthorityCode(TestFixtures.LEEDS), "0113 496 0999", LiveState.PRACTITIONERS_LIVE);
        manager = fixtures.user(Set.of(Role.LA_DATA_MANAGER),
                fixtures.organisation(OrganisationKind.LOCAL_AUTHORITY, Sector.LOCAL_AUTHORITY, "Leeds ContactPoint team"), false);
        web = signedIn(manager);
    }

    private WebClient signedIn(String user) {
        WebClient client = new WebClient(port);
        client.signIn(user, TestFixtures.PASSWORD, TestFixtures.PIN, fixtures.totpSecret(user));
        return client;
    }

    /** A family name nobody else in the database has. */
    private static String surname() {
        String letters = "bcdfghjklmnprstvwz";
        StringBuilder s = new StringBuilder("Mq");
        ThreadLocalRandom r = ThreadLocalRandom.current();
        for (int i = 0; i < 7; i++) {
            s.append(i % 2 == 0 ? "aeiou".charAt(r.nextInt(5)) : letters.charAt(r.nextInt(letters.length())));
        }
        return s.toString();
    }

    private static Map<String, String> details(String given, String family, LocalDate dob, String sex, String postcode) {
        Map<String, String> form = new HashMap<>();
        form.put("givenName", given);
        form.put("familyName", family);
        form.put("dateOfBirth-day", Integer.toString(dob.getDayOfMonth()));
        form.put("dateOfBirth-month", Integer.toString(dob.getMonthValue()));
        form.put("dateOfBirth-year", Integer.toString(dob.getYear()));
        form.put("gender", sex);
        if (postcode != null) {
            form.put("addressLine1", "12 Cardigan Road");
            form.put("town", "Leeds");
            form.put("postcode", postcode);
        }
        return form;
    }

    private HttpResponse<String> check(Map<String, String> details) {
        return web.post("/data/children/new", "/data/children/new", details);
    }

    private static long checkId(HttpResponse<String> page) {
        Matcher m = CHECK_ID.matcher(page.body());
        assertThat(m.find()).as("a check id on the page").isTrue();
        return Long.parseLong(m.group(1));
    }

    private long children(String family) {
        return jdbc.sql("SELECT COUNT(*) FROM child WHERE family_name = :f").param("f", family).query(Long.class).single();
    }

    private long auditEvents(String action, String outcome) {
        return jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE actor = :u AND action = :a AND outcome = :o")
                .param("u", manager).param("a", action).param("o", outcome).query(Long.class).single();
    }

    private static String candidatesTable(String page) {
        int start = page.indexOf("id=\"candidates\"");
        assertThat(start).as("a table of candidates").isPositive();
        return page.substring(start, page.indexOf("</table>", start));
    }

    @Test
    void shouldCreateAChildWithNoDuplicatesAsAManualRecordThatSearchThenFinds() {
        String family = surname();
        LocalDate dob = LocalDate.now().minusYears(6).withDayOfMonth(20);
        Map<String, String> details = details("Ottoline", family, dob, "FEMALE", "LS6 2AB");
        String nhs = FixtureNhsNumbers.next().value();
        details.put("nhsNumber", nhs);

        HttpResponse<String> checked = check(details);
        assertThat(checked.statusCode()).isEqualTo(200);
        assertThat(checked.body()).contains("Check for existing records").contains("No existing record is likely to be this child")
                .contains("Create the record");
        assertThat(children(family)).as("nothing created by the check").isZero();

        Map<String, String> confirm = new HashMap<>(details);
        confirm.put("checkId", Long.toString(checkId(checked)));
        HttpResponse<String> created = web.post("/data/children/new", "/data/children/new/confirm", confirm);
        assertThat(created.statusCode()).isEqualTo(302);
        assertThat(web.get("/data/children").body()).contains("Record created. The child&#39;s ContactPoint ID is");

        long id = jdbc.sql("SELECT id FROM child WHERE family_name = :f").param("f", family).query(Long.class).single();
        assertThat(jdbc.sql("SELECT responsible_la FROM child WHERE id = :id").param("id", id).query(String.class).single())
                .isEqualTo(TestFixtures.LEEDS);
        assertThat(jdbc.sql("SELECT DISTINCT source FROM value_provenance WHERE child_id = :id").param("id", id)
                .query(String.class).list()).containsExactly("LA_MANUAL");
        assertThat(jdbc.sql("SELECT source FROM source_identifier WHERE child_id = :id AND identifier = :n").param("id", id)
                .param("n", nhs).query(String.class).single()).isEqualTo("LA_MANUAL");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM child_blocking_key WHERE child_id = :id").param("id", id)
                .query(Long.class).single()).as("indexed by the normal path").isPositive();
        assertThat(jdbc.sql("SELECT decision FROM manual_record_check WHERE created_child_id = :id").param("id", id)
                .query(String.class).single()).isEqualTo("CREATED");
        assertThat(auditEvents("SEARCH", "NOTHING_DISCLOSED")).as("the duplicate check").isEqualTo(1);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE actor = :u AND action = 'RECORD_CHANGE' AND outcome = 'CHANGED' AND child_ids = :c")
                .param("u", manager).param("c", Long.toString(id)).query(Long.class).single()).isEqualTo(1);

        String practitioner = fixtures.user(Set.of(Role.PRACTITIONER),
                fixtures.organisation(OrganisationKind.SERVICE, Sector.HEALTH, "Health Visiting"), false);
        Map<String, String> search = new HashMap<>(Map.of("familyName", family, "givenName", "Ottoline"));
        search.put("dateOfBirth-day", details.get("dateOfBirth-day"));
        search.put("dateOfBirth-month", details.get("dateOfBirth-month"));
        search.put("dateOfBirth-year", details.get("dateOfBirth-year"));
        assertThat(signedIn(practitioner).post("/search", "/search", search).body()).contains("Ottoline " + family).contains("LS6");
    }

    @Test
    void shouldShowLikelyDuplicatesAndCreateNothingWhenTheUserSaysItIsTheSameChild() {
        String family = surname();
        LocalDate dob = LocalDate.of(2014, 3, 23);
        TestFixtures.Child existing = fixtures.child("Barnaby", family, dob, "LS6 2AB", false);

        HttpResponse<String> checked = check(details("Barnaby", family, dob, "MALE", "LS6 2AB"));
        String table = candidatesTable(checked.body());
        assertThat(table).contains("Barnaby " + family).contains("23 March 2014").contains("Male").contains("LS6")
                .contains("Leeds").contains(existing.contactPointId().formatted()).contains("%");
        assertThat(checked.body()).contains("None of these is the child: create a new record");
        assertThat(jdbc.sql("SELECT child_ids FROM audit_event WHERE actor = :u AND action = 'SEARCH' AND outcome = 'DISCLOSED'")
                .param("u", manager).query(String.class).single()).as("the candidates shown are a read, audited")
                .isEqualTo(Long.toString(existing.id()));

        long check = checkId(checked);
        HttpResponse<String> same = web.post("/data/children/new", "/data/children/new/same",
                Map.of("checkId", Long.toString(check), "contactPointId", existing.contactPointId().value()));
        assertThat(same.statusCode()).isEqualTo(200);
        assertThat(same.body()).contains("Nothing was created").contains("Open a child")
                .contains("value=\"" + existing.contactPointId().value() + "\"");
        assertThat(children(family)).isEqualTo(1);
        assertThat(jdbc.sql("SELECT decision FROM manual_record_check WHERE id = :id").param("id", check).query(String.class).single())
                .isEqualTo("SAME_CHILD");
        assertThat(jdbc.sql("SELECT chosen_child_id FROM manual_record_check WHERE id = :id").param("id", check).query(Long.class).single())
                .isEqualTo(existing.id());
        assertThat(jdbc.sql("SELECT child_id FROM manual_record_candidate WHERE check_id = :id AND shown = TRUE")
                .param("id", check).query(Long.class).list()).containsExactly(existing.id());

        // The check is over: it cannot then be used to create the child after all.
        Map<String, String> confirm = new HashMap<>(details("Barnaby", family, dob, "MALE", "LS6 2AB"));
        confirm.put("checkId", Long.toString(check));
        assertThat(web.post("/data/children/new", "/data/children/new/confirm", confirm).body())
                .contains("Check for existing records before creating one");
        assertThat(children(family)).isEqualTo(1);
    }

    @Test
    void shouldCreateAfterTheUserSaysNoneOfTheCandidatesIsTheChildAndRecordWhatTheySaw() {
        String family = surname();
        LocalDate dob = LocalDate.of(2013, 7, 14);
        TestFixtures.Child sibling = fixtures.child("Cornelius", family, dob, "LS6 2AB", false);

        HttpResponse<String> checked = check(details("Cornelia", family, dob, "FEMALE", "LS6 2AB"));
        assertThat(candidatesTable(checked.body())).contains("Cornelius " + family);
        long check = checkId(checked);
        Map<String, String> confirm = new HashMap<>(details("Cornelia", family, dob, "FEMALE", "LS6 2AB"));
        confirm.put("checkId", Long.toString(check));
        assertThat(web.post("/data/children/new", "/data/children/new/confirm", confirm).statusCode()).isEqualTo(302);

        assertThat(children(family)).isEqualTo(2);
        assertThat(jdbc.sql("SELECT decision FROM manual_record_check WHERE id = :id").param("id", check).query(String.class).single())
                .isEqualTo("CREATED");
        assertThat(jdbc.sql("SELECT detail FROM audit_event WHERE actor = :u AND action = 'RECORD_CHANGE' AND outcome = 'CHANGED'")
                .param("u", manager).query(String.class).single()).contains("check " + check).contains(Long.toString(sibling.id()));
    }

    @Test
    void shouldRefuseAnIdentifierAnotherChildAlreadyHolds() {
        TestFixtures.Child holder = fixtures.child("Dorothea", surname(), LocalDate.of(2012, 1, 30), "LS6 2AB", false);
        String nhs = jdbc.sql("SELECT identifier FROM source_identifier WHERE child_id = :c AND scheme = 'NHS_NUMBER'")
                .param("c", holder.id()).query(String.class).single();
        String family = surname();
        Map<String, String> details = details("Eustace", family, LocalDate.of(2016, 11, 3), "MALE", null);
        details.put("nhsNumber", nhs.substring(0, 3) + " " + nhs.substring(3, 6) + " " + nhs.substring(6));

        HttpResponse<String> refused = check(details);
        assertThat(refused.body()).contains("There is a problem").contains("This NHS number is already on another child")
                .doesNotContain("Dorothea").doesNotContain(holder.contactPointId().formatted());
        assertThat(children(family)).isZero();
        assertThat(jdbc.sql("SELECT child_ids FROM audit_event WHERE actor = :u AND action = 'RECORD_CHANGE' AND outcome = 'REFUSED'")
                .param("u", manager).query(String.class).single()).isEqualTo(Long.toString(holder.id()));
        assertThat(jdbc.sql("SELECT COUNT(*) FROM manual_record_check WHERE checked_by = :u").param("u", manager)
                .query(Long.class).single()).as("no check made").isZero();
    }

    @Test
    void shouldShowErrorsAndChangeNothingForBadDetails() {
        String family = surname();
        Map<String, String> future = details("Florian", family, LocalDate.now().plusDays(3), "MALE", null);
        future.put("nhsNumber", "999 000 0019");
        future.put("postcode", "not a postcode");
        String page = check(future).body();
        assertThat(page).contains("There is a problem").contains("Date of birth must be today or in the past")
                .contains("NHS number: the check digit does not match").contains("Enter a real postcode")
                .contains("Enter the first line of the address");

        Map<String, String> adult = details("Florian", family, LocalDate.now().minusYears(19), "MALE", null);
        adult.remove("gender");
        adult.put("familyName", "");
        adult.put("upn", "A123");
        page = check(adult).body();
        assertThat(page).contains("The child must be under 18").contains("Enter the child&#39;s family name")
                .contains("Choose the child&#39;s sex").contains("UPN:");

        Map<String, String> notADate = details("Florian", family, LocalDate.of(2015, 1, 1), "MALE", null);
        notADate.put("dateOfBirth-month", "13");
        page = check(notADate).body();
        assertThat(page).contains("Date of birth must be a real date");

        Map<String, String> unknownSchool = details("Florian", family, LocalDate.of(2015, 1, 1), "MALE", null);
        unknownSchool.put("schoolUrn", "999999999");
        assertThat(check(unknownSchool).body()).contains("No school with that URN");

        assertThat(children(family)).isZero();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM manual_record_check WHERE checked_by = :u").param("u", manager)
                .query(Long.class).single()).isZero();
    }

    @Test
    void shouldNotRevealAShieldedCandidateAndSendTheUserToTheShieldingOfficer() {
        String family = surname();
        LocalDate dob = LocalDate.of(2015, 6, 2);
        TestFixtures.Child shielded = fixtures.child("Gwendolen", family, dob, "LS7 3QQ", true);

        HttpResponse<String> checked = check(details("Gwendolen", family, dob, "MALE", null));
        String table = candidatesTable(checked.body());
        assertThat(table).contains("Gwendolen " + family).contains("restricted").contains("shielding officer")
                .doesNotContain("LS7").doesNotContain("Quarry").doesNotContain("Leeds");
        assertThat(checked.body()).doesNotContain("LS7").doesNotContain("Quarry Street");

        HttpResponse<String> same = web.post("/data/children/new", "/data/children/new/same",
                Map.of("checkId", Long.toString(checkId(checked)), "contactPointId", shielded.contactPointId().value()));
        assertThat(same.statusCode()).isEqualTo(302);
        assertThat(web.get("/data/children").body()).contains("That record is shielded: contact your local authority")
                .doesNotContain("LS7");
        assertThat(children(family)).isEqualTo(1);
    }

    @Test
    void shouldCorrectARecordKeepingTheOldValuesAndMarkingTheNewOnesAsEnteredByHand() {
        String family = surname();
        TestFixtures.Child child = fixtures.child("Hortensia", family, LocalDate.of(2012, 4, 9), "LS6 2AB", false);
        String path = "/data/children/" + child.contactPointId().value() + "/edit";

        String page = web.get(path).body();
        assertThat(page).contains("Correct a record").contains("value=\"" + family + "\"").contains("7 Quarry Street")
                .contains("This record has not been corrected by hand");
        assertThat(jdbc.sql("SELECT reason FROM audit_event WHERE actor = :u AND action = 'RECORD_VIEW' AND outcome = 'DISCLOSED'")
                .param("u", manager).query(String.class).single()).contains("To correct the record");

        String corrected = surname();
        Map<String, String> form = details("Hortensia", corrected, LocalDate.of(2012, 4, 9), "FEMALE", "LS6 3CD");
        form.put("addressLine1", "7 Quarry Street");
        form.put("version", "0");
        form.put("reason", "");
        assertThat(web.post(path, path, form).body()).contains("Say why you are correcting the record");
        assertThat(children(family)).as("no reason, no change").isEqualTo(1);

        form.put("reason", "Birth certificate seen");
        HttpResponse<String> saved = web.post(path, path, form);
        assertThat(saved.statusCode()).isEqualTo(302);
        assertThat(children(family)).isZero();
        assertThat(children(corrected)).isEqualTo(1);

        List<String> fields = jdbc.sql("SELECT field FROM child_amendment WHERE child_id = :c ORDER BY field")
                .param("c", child.id()).query(String.class).list();
        assertThat(fields).containsExactly("family_name", "gender", "postcode");
        assertThat(jdbc.sql("SELECT old_value || '>' || new_value || '|' || source || '|' || amended_by || '|' || reason FROM child_amendment WHERE child_id = :c AND field = 'family_name'")
                .param("c", child.id()).query(String.class).single())
                .isEqualTo(family + ">" + corrected + "|LA_MANUAL|" + manager + "|Birth certificate seen");
        Map<String, String> provenance = new HashMap<>();
        jdbc.sql("SELECT field, source FROM value_provenance WHERE child_id = :c").param("c", child.id())
                .query((rs, n) -> provenance.put(rs.getString(1), rs.getString(2))).list();
        assertThat(provenance).containsEntry("name", "LA_MANUAL").containsEntry("gender", "LA_MANUAL")
                .containsEntry("address", "LA_MANUAL").containsEntry("date_of_birth", "LA");
        assertThat(jdbc.sql("SELECT as_of FROM value_provenance WHERE child_id = :c AND field = 'name'").param("c", child.id())
                .query(LocalDate.class).single()).isEqualTo(LocalDate.now());
        assertThat(jdbc.sql("SELECT reason FROM audit_event WHERE actor = :u AND action = 'RECORD_CHANGE' AND outcome = 'CHANGED'")
                .param("u", manager).query(String.class).single()).isEqualTo("Birth certificate seen");
        assertThat(web.get(path).body()).contains("Record corrected (3 values)").contains(family).contains("Birth certificate seen");

        // The search index follows: the corrected family name finds the child.
        String practitioner = fixtures.user(Set.of(Role.PRACTITIONER),
                fixtures.organisation(OrganisationKind.SERVICE, Sector.HEALTH, "Health Visiting"), false);
        assertThat(signedIn(practitioner).post("/search", "/search", Map.of("familyName", corrected, "dateOfBirth-day", "9",
                "dateOfBirth-month", "4", "dateOfBirth-year", "2012")).body()).contains("Hortensia " + corrected);

        // A second correction based on the version before the first is refused: nothing is overwritten.
        form.put("familyName", family);
        assertThat(web.post(path, path, form).body()).contains("Someone else changed this record");
        assertThat(children(corrected)).isEqualTo(1);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM child_amendment WHERE child_id = :c").param("c", child.id())
                .query(Long.class).single()).isEqualTo(3);
    }

    @Test
    void shouldNotLetADataManagerCorrectAnotherAuthoritysChild() {
        String family = surname();
        ContactPointId cp = ContactPointId.generate(ThreadLocalRandom.current());
        LocalDate start = LocalDate.of(2024, 9, 1);
        long camden = directory.add(List.of(new NewChild(cp, new PersonName("Ignatius", null, family), List.of(),
                LocalDate.of(2013, 2, 2), Gender.MALE, Whereabouts.CURRENT_ADDRESS,
                new Address("1 Camden Road", null, "London", new Postcode("NW1 9HZ")), null, EducationStatus.UNKNOWN,
                new LocalAuthorityCode("E09000007"), false, List.of(), List.of(), List.of(), List.of(), "LA", start))).get(0);
        String path = "/data/children/" + cp.value() + "/edit";

        HttpResponse<String> notOurs = web.get(path);
        assertThat(notOurs.statusCode()).as(notOurs.body()).isEqualTo(404);
        Map<String, String> form = details("Ignatius", surname(), LocalDate.of(2013, 2, 2), "MALE", null);
        form.put("version", "0");
        form.put("reason", "Moved");
        assertThat(web.post("/data/children", path, form).statusCode()).isEqualTo(404);
        assertThat(children(family)).isEqualTo(1);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM child_amendment WHERE child_id = :c").param("c", camden).query(Long.class).single()).isZero();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE actor = :u AND outcome = 'REFUSED' AND child_ids = :c")
                .param("u", manager).param("c", Long.toString(camden)).query(Long.class).single()).isEqualTo(2);

        WebClient practitioner = signedIn(fixtures.user(Set.of(Role.PRACTITIONER),
                fixtures.organisation(OrganisationKind.SERVICE, Sector.HEALTH, "Health Visiting"), false));
        assertThat(practitioner.get(path).statusCode()).isEqualTo(403);
        assertThat(practitioner.get("/data/children/new").statusCode()).isEqualTo(403);
        assertThat(practitioner.get("/home").body()).doesNotContain("/data/children");
        assertThat(web.get("/home").body()).contains("href=\"/data/children\"");
    }
}
