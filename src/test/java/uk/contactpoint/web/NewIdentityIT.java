package uk.contactpoint.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

import uk.contactpoint.TestFixtures;
import uk.contactpoint.access.Role;
import uk.contactpoint.access.Viewer;
import uk.contactpoint.directory.ChildRecord;
import uk.contactpoint.directory.ContactPointId;
import uk.contactpoint.directory.Directory;
import uk.contactpoint.directory.LiveState;
import uk.contactpoint.directory.LocalAuthorities;
import uk.contactpoint.directory.LocalAuthorityCode;
import uk.contactpoint.directory.OrganisationKind;
import uk.contactpoint.directory.RecordStatus;
import uk.contactpoint.directory.Sector;
import uk.contactpoint.directory.SourceIdentifier;
import uk.contactpoint.ingest.FeedIngestion;
import uk.contactpoint.ingest.FeedSource;
import uk.contactpoint.ingest.IngestSummary;
import uk.contactpoint.safeguards.ChildRecords;
import uk.contactpoint.safeguards.ChildSearches;
import uk.contactpoint.safeguards.NewIdentities;
import uk.contactpoint.search.SearchCriteria;
import uk.contactpoint.synthetic.FixtureNhsNumbers;

/**
 * New identities (DOMAIN.md section 5, ADR 28): the LA records a new identity; the new record shares nothing with
 * the old one; the old one is suppressed (found by nobody, opened only by its LA's team); a feed row with the old
 * NHS number is quarantined and never linked to the new record; a feed row with the old name and date of birth
 * is not offered as a match to the suppressed record.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class NewIdentityIT {

    @LocalServerPort
    int port;
    @Autowired
    TestFixtures fixtures;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    LocalAuthorities authorities;
    @Autowired
    NewIdentities identities;
    @Autowired
    ChildSearches searches;
    @Autowired
    ChildRecords records;
    @Autowired
    Directory directory;
    @Autowired
    FeedIngestion ingestion;
    @TempDir
    Path temp;

    static final LocalDate BORN = LocalDate.of(2016, 7, 21);
    final Viewer officer = TestFixtures.laTeam(Set.of(Role.LA_SHIELDING_OFFICER));
    final Viewer otherLa = new Viewer(3, "camden", 0, "Camden team", "LOCAL_AUTHORITY", Set.of(Role.LA_DATA_MANAGER,
            Role.LA_SHIELDING_OFFICER), "E09000007", false, Set.of(), "127.0.0.1", "s");
    final Viewer national = new Viewer(4, "national", 0, "National", "NATIONAL", Set.of(Role.NATIONAL_ADMIN), null,
            false, Set.of(), "127.0.0.1", "s");
    final Viewer health = new Viewer(5, "gp", 0, "GP", "HEALTH", Set.of(Role.PRACTITIONER), TestFixtures.LEEDS, true,
            Set.of("NHS"), "127.0.0.1", "s");

    @BeforeEach
    void leedsIsLive() {
        authorities.update(new LocalAuthorityCode(TestFixtures.LEEDS), "0113 496 0999", LiveState.PRACTITIONERS_LIVE);
    }

    private static String surname() {
        return surname("Y");
    }

    /** A surname nobody else in the database has, starting with this letter. */
    private static String surname(String first) {
        String letters = "bcdfghjklmnprstvwz";
        StringBuilder s = new StringBuilder(first);
        ThreadLocalRandom r = ThreadLocalRandom.current();
        for (int i = 0; i < 7; i++) {
            s.append(i % 2 == 0 ? letters.charAt(r.nextInt(letters.length())) : "aeiou".charAt(r.nextInt(5)));
        }
        return s.toString();
    }

    /** A Leeds child (with an NHS number, a former name, a carer, a school and two involvements) given a new identity. */
    private record Given(ChildRecord old, ChildRecord fresh, String oldFamily, String newFamily) {
    }

    private Given newIdentity(boolean shield) {
        String oldFamily = surname();
        TestFixtures.Child child = fixtures.child("Ottilie", oldFamily, BORN, "LS6 2AB", false);
        jdbc.sql("INSERT INTO child_name (child_id, kind, given_name, family_name, source, as_of) VALUES (:c, 'FORMER', 'Ottilie', 'Formerly', 'LA', :d)")
                .param("c", child.id()).param("d", BORN).update();
        // an adoptive family's name is nothing like the birth family's
        String newFamily = surname("A") + "-" + surname("W");
        var outcome = identities.record(officer, child.contactPointId(), new NewIdentities.NewIdentity("Rosalind", null,
                newFamily, null, null, NewIdentities.Reason.ADOPTION, shield)).orElseThrow();
        assertThat(outcome).isInstanceOf(NewIdentities.Recorded.class);
        ContactPointId newId = ((NewIdentities.Recorded) outcome).newIdentity();
        return new Given(directory.find(child.id()).orElseThrow(), directory.find(newId).orElseThrow(), oldFamily, newFamily);
    }

    private List<ContactPointId> found(Viewer viewer, SearchCriteria criteria) {
        ChildSearches.Answer answer = searches.search(viewer, criteria);
        return answer instanceof ChildSearches.Found f ? f.rows().stream().map(ChildSearches.Row::contactPointId).toList() : List.of();
    }

    @Test
    void theNewRecordSharesNothingButTheLaAndTheOldOneIsSuppressed() {
        Given g = newIdentity(true);

        assertThat(g.old().status()).isEqualTo(RecordStatus.SUPPRESSED);
        assertThat(g.old().involvements()).allSatisfy(i -> {
            assertThat(i.endDate()).isNotNull();
            assertThat(i.endedReason()).isEqualTo(NewIdentities.CLOSED_BY_LA);
        });
        ChildRecord fresh = g.fresh();
        assertThat(fresh.status()).isEqualTo(RecordStatus.LIVE);
        assertThat(fresh.contactPointId()).isNotEqualTo(g.old().contactPointId());
        assertThat(fresh.name().full()).isEqualTo("Rosalind " + g.newFamily());
        assertThat(fresh.dateOfBirth()).as("kept when not given").isEqualTo(BORN);
        assertThat(fresh.otherNames()).isEmpty();
        assertThat(fresh.identifiers()).isEmpty();
        assertThat(fresh.carers()).isEmpty();
        assertThat(fresh.settings()).isEmpty();
        assertThat(fresh.involvements()).isEmpty();
        assertThat(fresh.address()).isNull();
        assertThat(fresh.shielded()).isTrue();
        assertThat(fresh.responsibleLa().code().value()).isEqualTo(TestFixtures.LEEDS);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM shield_decision WHERE child_id = :c AND reason_category = 'ADOPTION'")
                .param("c", fresh.id()).query(Long.class).single()).isEqualTo(1);
        // no audit event names both records
        assertThat(jdbc.sql("""
                        SELECT COUNT(*) FROM audit_event_child a JOIN audit_event_child b ON a.event_id = b.event_id
                        WHERE a.child_id = :old AND b.child_id = :new""")
                .param("old", g.old().id()).param("new", fresh.id()).query(Long.class).single()).isZero();
        assertThat(jdbc.sql("""
                        SELECT COUNT(*) FROM audit_event e JOIN audit_event_child c ON c.event_id = e.id
                        WHERE c.child_id = :old AND e.action = 'NEW_IDENTITY'""")
                .param("old", g.old().id()).query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void theSuppressedRecordIsFoundByNobodyAndOpensOnlyForItsLasTeam() {
        Given g = newIdentity(false);
        String nhs = g.old().identifiers().get(0).value();
        SearchCriteria byName = new SearchCriteria("Ottilie", g.oldFamily(), BORN, null, null, null);
        SearchCriteria byNhs = new SearchCriteria(null, null, null, null, nhs, null);

        for (Viewer viewer : List.of(officer, otherLa, national, health)) {
            assertThat(found(viewer, byName)).as(viewer.username()).doesNotContain(g.old().contactPointId());
            assertThat(found(viewer, byNhs)).as(viewer.username()).doesNotContain(g.old().contactPointId());
        }
        assertThat(found(health, new SearchCriteria("Rosalind", g.newFamily(), BORN, null, null, null)))
                .as("the new record is found under its own name").contains(g.fresh().contactPointId());

        assertThat(records.open(officer, g.old().contactPointId(), "checking")).hasValueSatisfying(d -> assertThat(d.suppressed()).isTrue());
        for (Viewer viewer : List.of(otherLa, national, health)) {
            assertThat(records.open(viewer, g.old().contactPointId(), "checking")).as(viewer.username()).isEmpty();
        }
        assertThat(identities.subject(officer, g.old().contactPointId())).hasValueSatisfying(s ->
                assertThat(s.link().newIdentity()).isEqualTo(g.fresh().contactPointId()));
        assertThat(identities.subject(otherLa, g.old().contactPointId())).isEmpty();
        assertThat(identities.record(officer, g.old().contactPointId(), new NewIdentities.NewIdentity("Again", null, "Again",
                null, null, NewIdentities.Reason.OTHER, true))).as("a suppressed record takes no second new identity").isEmpty();
    }

    @Test
    void aFeedRowWithTheOldNhsNumberIsQuarantinedAndNeverLinkedToTheNewRecord() throws IOException {
        Given g = newIdentity(true);
        String nhs = g.old().identifiers().get(0).value();
        Path feed = temp.resolve("nhs.csv");
        // the old NHS number with the new name: whoever sent it, it must not reach the new record
        Files.writeString(feed, String.join(",", FeedSource.NHS_DEMOGRAPHICS.header()) + "\n"
                + nhs + ",Rosalind,," + g.newFamily() + "," + BORN + ",M,,,,,,,\n");
        List<Long> placed = new ArrayList<>();

        IngestSummary s = ingestion.apply(FeedSource.NHS_DEMOGRAPHICS, feed, 100, LocalDate.now(), r -> { },
                FeedIngestion.Progress.NONE, (row, outcome, child) -> {
                    if (child != null) {
                        placed.add(child);
                    }
                });

        assertThat(s.quarantined()).isEqualTo(1);
        assertThat(s.linked()).isZero();
        assertThat(placed).doesNotContain(g.fresh().id());
        assertThat(jdbc.sql("SELECT reason FROM ingest_quarantine WHERE batch_id = :b").param("b", s.batchId())
                .query(String.class).list()).containsExactly("IDENTIFIER_OF_SUPPRESSED_IDENTITY");
        assertThat(directory.find(g.fresh().id()).orElseThrow().identifiers()).isEmpty();
        assertThat(directory.childWithIdentifier(SourceIdentifier.Scheme.NHS_NUMBER, SourceIdentifier.NHS, nhs))
                .contains(g.old().id());
    }

    @Test
    void aFeedRowWithTheOldNameAndDateOfBirthIsNotOfferedAsAMatchToTheSuppressedRecord() throws IOException {
        Given g = newIdentity(true);
        Path feed = temp.resolve("nhs.csv");
        Files.writeString(feed, String.join(",", FeedSource.NHS_DEMOGRAPHICS.header()) + "\n"
                + FixtureNhsNumbers.next().value() + ",Ottilie,," + g.oldFamily() + "," + BORN
                + ",M,7 Quarry Street,,Leeds,LS6 2AB,,,\n");
        List<Long> placed = new ArrayList<>();

        IngestSummary s = ingestion.apply(FeedSource.NHS_DEMOGRAPHICS, feed, 100, LocalDate.now(), r -> { },
                FeedIngestion.Progress.NONE, (row, outcome, child) -> {
                    if (child != null) {
                        placed.add(child);
                    }
                });

        assertThat(s.linked()).isZero();
        assertThat(placed).doesNotContain(g.old().id(), g.fresh().id());
        for (String table : List.of("ingest_review", "ingest_quarantine")) {
            String column = table.equals("ingest_review") ? "candidate_child_id" : "child_id";
            assertThat(jdbc.sql("SELECT COUNT(*) FROM " + table + " WHERE batch_id = :b AND " + column + " IN (:ids)")
                    .param("b", s.batchId()).param("ids", List.of(g.old().id(), g.fresh().id())).query(Long.class).single())
                    .as(table).isZero();
        }
    }

    @Test
    void theLaTeamRecordsANewIdentityOnItsPageAndOthersAreRefused() {
        TestFixtures.Child child = fixtures.child("Ottilie", surname(), BORN, "LS6 2AB", false);
        String path = "/data/children/" + child.contactPointId().value() + "/new-identity";
        String manager = fixtures.user(Set.of(Role.LA_DATA_MANAGER),
                fixtures.organisation(OrganisationKind.SERVICE, Sector.LOCAL_AUTHORITY, "Leeds ContactPoint team"), false);
        WebClient web = new WebClient(port);
        web.signIn(manager, TestFixtures.PASSWORD, TestFixtures.PIN, fixtures.totpSecret(manager));
        String practitioner = fixtures.user(Set.of(Role.PRACTITIONER),
                fixtures.organisation(OrganisationKind.SERVICE, Sector.SOCIAL_CARE, "Social work"), false);
        WebClient other = new WebClient(port);
        other.signIn(practitioner, TestFixtures.PASSWORD, TestFixtures.PIN, fixtures.totpSecret(practitioner));

        assertThat(other.get(path).statusCode()).isEqualTo(403);
        assertThat(web.get(path).statusCode()).isEqualTo(200);
        Map<String, String> form = new HashMap<>(Map.of("givenName", "Rosalind", "familyName", surname(), "reason", "ADOPTION",
                "shield", "yes"));
        HttpResponse<String> unconfirmed = web.post(path, path, form);
        assertThat(unconfirmed.statusCode()).isEqualTo(200);
        assertThat(unconfirmed.body()).contains("Confirm that the old record is to be suppressed");
        assertThat(directory.find(child.id()).orElseThrow().status()).isEqualTo(RecordStatus.LIVE);

        form.put("confirm", "yes");
        HttpResponse<String> done = web.post(path, path, form);
        assertThat(done.statusCode()).isEqualTo(302);
        assertThat(directory.find(child.id()).orElseThrow().status()).isEqualTo(RecordStatus.SUPPRESSED);
        HttpResponse<String> after = web.get(path);
        assertThat(after.statusCode()).isEqualTo(200);
        assertThat(after.body()).contains("This record is suppressed").contains("New record");
        assertThat(other.get(path).statusCode()).isEqualTo(403);
    }
}
