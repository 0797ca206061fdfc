package uk.contactpoint.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

import uk.contactpoint.ReviewFixtures;
import uk.contactpoint.TestFixtures;
import uk.contactpoint.access.Role;
import uk.contactpoint.access.Viewer;
import uk.contactpoint.directory.ChildRecord;
import uk.contactpoint.directory.Directory;
import uk.contactpoint.directory.OrganisationKind;
import uk.contactpoint.directory.Sector;
import uk.contactpoint.directory.SourceIdentifier;

/** The review queue against the real database: decisions, who sees what, audit, and the decisions later runs read. */
@SpringBootTest
@ActiveProfiles("test")
class ReviewQueueIT {

    @Autowired
    ReviewQueue queue;
    @Autowired
    ReviewDecisions decisions;
    @Autowired
    RecordMerging merging;
    @Autowired
    TestFixtures fixtures;
    @Autowired
    ReviewFixtures reviews;
    @Autowired
    Directory directory;
    @Autowired
    JdbcClient jdbc;

    private final Viewer leeds = ReviewFixtures.dataManager(TestFixtures.LEEDS);
    private final Viewer camden = ReviewFixtures.dataManager(ReviewFixtures.CAMDEN);
    private final Viewer national = ReviewFixtures.viewer("national" + System.nanoTime(), Set.of(Role.NATIONAL_ADMIN), null);

    private static String payload(String given, String family, String dob, String postcode, String idField, String id) {
        return "forename=" + given + ";surname=" + family + ";date_of_birth=" + dob + ";sex=MALE;address_line1=7 Quarry Street;"
                + "town=Leeds;postcode=" + postcode + ";" + idField + "=" + id + ";";
    }

    private long auditCount(String detail) {
        return jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE detail = :d").param("d", detail).query(Long.class).single();
    }

    private String status(long review) {
        return jdbc.sql("SELECT status FROM ingest_review WHERE id = :id").param("id", review).query(String.class).single();
    }

    @Test
    void shouldLinkARowRecordingItsIdentifierOnTheChildWithSourceAndDateAndRememberTheDecision() {
        String family = ReviewFixtures.uniqueFamilyName("Linkrow");
        TestFixtures.Child child = fixtures.child("Zebedee", family, LocalDate.of(2012, 5, 17), "LS6 2AB", false);
        String upn = ReviewFixtures.upn();
        long review = reviews.reviewRow("SCHOOL_CENSUS", child.id(), "POSSIBLE_MATCH", 0.93,
                payload("Zebedee", family, "2012-05-17", "LS6 2AB", "upn", upn), "SCHOOL_CENSUS:" + upn);

        ReviewQueue.ReviewItem item = queue.item(leeds, review).orElseThrow();
        assertThat(item.candidate().contactPointId()).isEqualTo(child.contactPointId());
        assertThat(item.comparison()).extracting(ReviewQueue.Comparison::field, ReviewQueue.Comparison::agreement)
                .contains(org.assertj.core.groups.Tuple.tuple("Family name", ReviewQueue.Agreement.AGREE),
                        org.assertj.core.groups.Tuple.tuple("Postcode", ReviewQueue.Agreement.AGREE),
                        org.assertj.core.groups.Tuple.tuple("Unique Pupil Number", ReviewQueue.Agreement.MISSING));
        assertThat(item.mayDecide()).isTrue();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE action = 'RECORD_VIEW' AND detail = :d")
                .param("d", "review=" + review).query(Long.class).single()).as("the view is audited").isEqualTo(1);

        ReviewQueue.Decided decided = queue.decide(leeds, review, ReviewQueue.Decision.LINK, "UPN confirmed by the school");

        assertThat(decided.child()).isEqualTo(child.contactPointId());
        ChildRecord linked = directory.find(child.id()).orElseThrow();
        assertThat(linked.identifiers()).filteredOn(i -> i.scheme() == SourceIdentifier.Scheme.UPN).singleElement()
                .satisfies(i -> {
                    assertThat(i.value()).isEqualTo(upn);
                    assertThat(i.source()).isEqualTo("SCHOOL_CENSUS");
                    assertThat(i.asOf()).isEqualTo(LocalDate.now());
                });
        assertThat(status(review)).isEqualTo("LINKED");
        assertThat(jdbc.sql("SELECT decided_by || '|' || note FROM ingest_review WHERE id = :id").param("id", review)
                .query(String.class).single()).isEqualTo(leeds.username() + "|UPN confirmed by the school");
        assertThat(auditCount("review=" + review + ";decision=LINK")).isEqualTo(1);
        assertThat(decisions.linked(List.of("SCHOOL_CENSUS:" + upn))).containsEntry("SCHOOL_CENSUS:" + upn, child.id());
        assertThat(decisions.keptApart(List.of("SCHOOL_CENSUS:" + upn))).isEmpty();
        assertThatThrownBy(() -> queue.decide(leeds, review, ReviewQueue.Decision.REJECT, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("decided already");
    }

    @Test
    void shouldRefuseToLinkARowWhoseNhsNumberDiffersFromTheRecordsAndChangeNothing() {
        String family = ReviewFixtures.uniqueFamilyName("Twonhs");
        TestFixtures.Child child = fixtures.child("Zebedee", family, LocalDate.of(2012, 5, 17), "LS6 2AB", false);
        String nhs = ReviewFixtures.nhsNumber();
        long review = reviews.reviewRow("NHS_PDS", child.id(), "POSSIBLE_MATCH", 0.9,
                payload("Zebedee", family, "2012-05-17", "LS6 2AB", "nhs_number", nhs), "NHS_PDS:" + nhs);

        assertThatThrownBy(() -> queue.decide(leeds, review, ReviewQueue.Decision.LINK, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("different NHS number");

        assertThat(status(review)).isEqualTo("OPEN");
        assertThat(directory.childWithIdentifier(SourceIdentifier.Scheme.NHS_NUMBER, SourceIdentifier.NHS, nhs)).isEmpty();
        assertThat(decisions.linked(List.of("NHS_PDS:" + nhs))).isEmpty();
    }

    @Test
    void shouldKeepARowApartAsANewChildAndNeverLinkItToTheCandidateLater() {
        String family = ReviewFixtures.uniqueFamilyName("Apart");
        TestFixtures.Child child = fixtures.child("Zebedee", family, LocalDate.of(2012, 5, 17), "LS6 2AB", false);
        String nhs = ReviewFixtures.nhsNumber();
        String key = "NHS_PDS:" + nhs;
        long review = reviews.reviewRow("NHS_PDS", child.id(), "POSSIBLE_MATCH", 0.97,
                payload("Zachary", family, "2012-05-17", "LS6 2AB", "nhs_number", nhs), key);

        ReviewQueue.Decided decided = queue.decide(leeds, review, ReviewQueue.Decision.KEEP_APART, "twin brother");

        long created = directory.childWithIdentifier(SourceIdentifier.Scheme.NHS_NUMBER, SourceIdentifier.NHS, nhs).orElseThrow();
        ChildRecord twin = directory.find(created).orElseThrow();
        assertThat(twin.contactPointId()).isEqualTo(decided.child());
        assertThat(twin.name().given()).isEqualTo("Zachary");
        assertThat(twin.name().family()).isEqualTo(family);
        assertThat(twin.dateOfBirth()).isEqualTo(LocalDate.of(2012, 5, 17));
        assertThat(twin.address().postcode().value()).isEqualTo("LS6 2AB");
        assertThat(twin.responsibleLa().code().value()).isEqualTo(TestFixtures.LEEDS);
        assertThat(twin.identifiers()).singleElement().satisfies(i -> assertThat(i.source()).isEqualTo("NHS_PDS"));
        assertThat(status(review)).isEqualTo("KEPT_APART");
        assertThat(decisions.keptApart(List.of(key))).containsEntry(key, Set.of(child.id()));
        assertThat(decisions.linked(List.of(key))).containsEntry(key, created);
        assertThat(jdbc.sql("SELECT child_ids FROM audit_event WHERE detail = :d").param("d", "review=" + review + ";decision=KEEP_APART")
                .query(String.class).single()).contains(Long.toString(child.id())).contains(Long.toString(created));
    }

    @Test
    void shouldRejectARowCreatingNothing() {
        String family = ReviewFixtures.uniqueFamilyName("Reject");
        TestFixtures.Child child = fixtures.child("Zebedee", family, LocalDate.of(2012, 5, 17), "LS6 2AB", false);
        String nhs = ReviewFixtures.nhsNumber();
        long review = reviews.reviewRow("NHS_PDS", child.id(), "POSSIBLE_MATCH", 0.8,
                payload("Zebedee", family, "2012-05-17", "LS6 2AB", "nhs_number", nhs), null);
        long children = directory.count();

        ReviewQueue.Decided decided = queue.decide(leeds, review, ReviewQueue.Decision.REJECT, null);

        assertThat(decided.child()).isNull();
        assertThat(decided.remembered()).as("an old row without a key gets one the way ingestion makes it").isTrue();
        assertThat(directory.count()).isEqualTo(children);
        assertThat(directory.childWithIdentifier(SourceIdentifier.Scheme.NHS_NUMBER, SourceIdentifier.NHS, nhs)).isEmpty();
        assertThat(status(review)).isEqualTo("REJECTED");
        assertThat(decisions.keptApart(List.of("NHS_PDS:" + nhs))).containsEntry("NHS_PDS:" + nhs, Set.of(child.id()));
        assertThat(auditCount("review=" + review + ";decision=REJECT")).isEqualTo(1);
    }

    @Test
    void shouldShowAnotherAuthoritysRowsToNobodyButItsOwnDataManagersAndNationalAdministrators() {
        String family = ReviewFixtures.uniqueFamilyName("Scope");
        TestFixtures.Child child = fixtures.child("Zebedee", family, LocalDate.of(2012, 5, 17), "LS6 2AB", false);
        long withCandidate = reviews.reviewRow("NHS_PDS", child.id(), "POSSIBLE_MATCH", 0.9,
                payload("Zebedee", family, "2012-05-17", "LS6 2AB", "nhs_number", ReviewFixtures.nhsNumber()), null);
        long byPostcode = reviews.reviewRow("GRO", null, "NO_FORENAME", null,
                "surname=" + family + ";date_of_birth=2020-01-02;sex=FEMALE;postcode=LS6 1AA;registration_id=R" + System.nanoTime() + ";", null);

        assertThat(queue.item(camden, withCandidate)).isEmpty();
        assertThat(queue.item(camden, byPostcode)).isEmpty();
        assertThatThrownBy(() -> queue.decide(camden, withCandidate, ReviewQueue.Decision.REJECT, null))
                .isInstanceOf(ReviewQueue.NotFound.class);
        assertThat(status(withCandidate)).isEqualTo("OPEN");
        assertThat(allOpen(camden)).doesNotContain(withCandidate, byPostcode);
        assertThat(allOpen(leeds)).contains(withCandidate, byPostcode);
        assertThat(allOpen(national)).contains(withCandidate, byPostcode);
        assertThat(queue.item(leeds, byPostcode)).isPresent();
        assertThatThrownBy(() -> queue.open(ReviewFixtures.viewer("p", Set.of(Role.PRACTITIONER), TestFixtures.LEEDS), 1))
                .isInstanceOf(ReviewQueue.NotAllowed.class);
    }

    private List<Long> allOpen(Viewer viewer) {
        List<Long> ids = new ArrayList<>();
        ReviewQueue.QueuePage page = queue.open(viewer, 1);
        assertThat(page.byReason().values().stream().mapToLong(Long::longValue).sum()).isEqualTo(page.total());
        for (int p = 1; p <= page.pages(); p++) {
            List<ReviewQueue.QueueItem> items = queue.open(viewer, p).items();
            assertThat(items).extracting(ReviewQueue.QueueItem::id).isSorted();
            items.forEach(i -> ids.add(i.id()));
        }
        return ids;
    }

    @Test
    void shouldNotRevealAShieldedCandidateOutsideItsAuthoritysTeamNorLetOthersDecide() {
        String family = ReviewFixtures.uniqueFamilyName("Shieldrow");
        TestFixtures.Child child = fixtures.child("Zebedee", family, LocalDate.of(2012, 5, 17), "LS6 2AB", true);
        long review = reviews.reviewRow("NHS_PDS", child.id(), "POSSIBLE_MATCH", 0.9,
                payload("Zebedee", family, "2012-05-17", "LS6 2AB", "nhs_number", ReviewFixtures.nhsNumber()), null);

        ReviewQueue.ReviewItem seen = queue.item(national, review).orElseThrow();
        assertThat(seen.candidate().restricted()).isTrue();
        assertThat(seen.candidate().address()).isNull();
        assertThat(seen.comparison()).filteredOn(c -> c.field().equals("Postcode")).singleElement()
                .satisfies(c -> {
                    assertThat(c.agreement()).isEqualTo(ReviewQueue.Agreement.RESTRICTED);
                    assertThat(c.recordValue()).isNull();
                });
        assertThat(seen.comparison()).extracting(ReviewQueue.Comparison::recordValue).doesNotContain("7 Quarry Street", "LS6 2AB");
        assertThat(seen.mayDecide()).isFalse();
        assertThatThrownBy(() -> queue.decide(national, review, ReviewQueue.Decision.KEEP_APART, null))
                .isInstanceOf(ReviewQueue.NotAllowed.class);
        assertThat(jdbc.sql("SELECT detail FROM audit_event WHERE action = 'RECORD_VIEW' AND actor = :a")
                .param("a", national.username()).query(String.class).single()).isEqualTo("review=" + review + ";restricted");

        assertThat(queue.item(leeds, review).orElseThrow().mayDecide()).as("the child's own LA team decides").isTrue();
    }

    @Test
    void shouldAnswerTenThousandRowKeysInOneCallAndFollowALinkedChildIntoTheRecordItWasMergedInto() {
        long school = fixtures.organisation(OrganisationKind.EDUCATION_SETTING, Sector.EDUCATION, "School");
        long service = fixtures.organisation(OrganisationKind.SERVICE, Sector.SOCIAL_CARE, "Social work");
        String family = ReviewFixtures.uniqueFamilyName("Lookup");
        long a = reviews.child("Ada", family, LocalDate.of(2015, 3, 4), false, school, service, List.of());
        long b = reviews.child("Ada", family, LocalDate.of(2015, 3, 4), false, school, service, List.of());
        String nhs = ReviewFixtures.nhsNumber();
        String key = "NHS_PDS:" + nhs;
        long review = reviews.reviewRow("NHS_PDS", b, "POSSIBLE_MATCH", 0.95,
                payload("Ada", family, "2015-03-04", "LS6 2AB", "nhs_number", nhs), key);
        queue.decide(leeds, review, ReviewQueue.Decision.LINK, null);

        List<String> keys = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            keys.add("NHS_PDS:none" + i);
        }
        keys.add(key);
        assertThat(decisions.linked(keys)).containsExactly(Map.entry(key, b));

        merging.merge(leeds, directory.find(a).orElseThrow().contactPointId(), directory.find(b).orElseThrow().contactPointId(),
                "same child twice");
        assertThat(decisions.linked(keys)).as("the record b was merged into").containsExactly(Map.entry(key, a));
    }
}
