package uk.contactpoint.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
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
import uk.contactpoint.directory.ContactPointId;
import uk.contactpoint.directory.Directory;
import uk.contactpoint.directory.MergeHistory;
import uk.contactpoint.directory.MergeRefusedException;
import uk.contactpoint.directory.OrganisationKind;
import uk.contactpoint.directory.OtherName;
import uk.contactpoint.directory.RecordStatus;
import uk.contactpoint.directory.Sector;
import uk.contactpoint.directory.SourceIdentifier;
import uk.contactpoint.search.ChildFinder;
import uk.contactpoint.search.SearchCriteria;
import uk.contactpoint.search.SearchHit;

/** Merging and unmerging two records of one child, against the real database. */
@SpringBootTest
@ActiveProfiles("test")
class RecordMergingIT {

    @Autowired
    RecordMerging merging;
    @Autowired
    TestFixtures fixtures;
    @Autowired
    ReviewFixtures reviews;
    @Autowired
    Directory directory;
    @Autowired
    ChildFinder finder;
    @Autowired
    JdbcClient jdbc;

    private final Viewer dataManager = ReviewFixtures.dataManager(TestFixtures.LEEDS);
    private long school;
    private long service;
    private String family;

    @BeforeEach
    void organisations() {
        school = fixtures.organisation(OrganisationKind.EDUCATION_SETTING, Sector.EDUCATION, "Merge Primary");
        service = fixtures.organisation(OrganisationKind.SERVICE, Sector.SOCIAL_CARE, "Merge Social Work");
        family = ReviewFixtures.uniqueFamilyName("Merge");
    }

    private ContactPointId cp(long id) {
        return directory.find(id).orElseThrow().contactPointId();
    }

    /** Every row of both children in every table that holds child rows, and their own rows' state. */
    private Map<String, List<Map<String, Object>>> snapshot(long a, long b) {
        Map<String, List<Map<String, Object>>> out = new LinkedHashMap<>();
        for (String table : List.of("child_name", "carer", "child_setting", "involvement", "source_identifier", "value_provenance")) {
            out.put(table, jdbc.sql("SELECT * FROM " + table + " WHERE child_id IN (:ids) ORDER BY child_id, "
                            + (table.equals("value_provenance") ? "field" : "id"))
                    .param("ids", List.of(a, b)).query().listOfRows());
        }
        out.put("child", jdbc.sql("SELECT id, status, merged_into, shielded, given_name, family_name FROM child WHERE id IN (:ids) ORDER BY id")
                .param("ids", List.of(a, b)).query().listOfRows());
        return out;
    }

    @Test
    void shouldMergeIntoTheSurvivorAndUnmergeBackToExactlyTheOriginalRows() {
        String nhs = ReviewFixtures.nhsNumber();
        long keep = reviews.child("Amelia", family, LocalDate.of(2014, 2, 3), false, school, service, List.of(ReviewFixtures.nhs(nhs)));
        long gone = reviews.child("Emilia", family, LocalDate.of(2014, 2, 3), false, school, service,
                List.of(new SourceIdentifier(SourceIdentifier.Scheme.UPN, SourceIdentifier.DFE, ReviewFixtures.upn(), "SCHOOL_CENSUS",
                        LocalDate.of(2024, 9, 1))));
        Map<String, List<Map<String, Object>>> before = snapshot(keep, gone);

        long mergeId = merging.merge(dataManager, cp(keep), cp(gone), "same child: school confirmed");

        ChildRecord survivor = directory.find(keep).orElseThrow();
        ChildRecord merged = directory.find(gone).orElseThrow();
        assertThat(merged.status()).isEqualTo(RecordStatus.MERGED);
        assertThat(jdbc.sql("SELECT merged_into FROM child WHERE id = :id").param("id", gone).query(Long.class).single()).isEqualTo(keep);
        assertThat(survivor.identifiers()).extracting(SourceIdentifier::scheme)
                .containsExactlyInAnyOrder(SourceIdentifier.Scheme.NHS_NUMBER, SourceIdentifier.Scheme.UPN);
        assertThat(survivor.otherNames()).extracting(OtherName::given, OtherName::family).contains(
                org.assertj.core.groups.Tuple.tuple("Emilia", family), org.assertj.core.groups.Tuple.tuple("Emilia", family + "former"));
        assertThat(survivor.involvements()).extracting(i -> i.practitionerName()).containsExactlyInAnyOrder("Pat Amelia", "Pat Emilia");
        assertThat(survivor.carers()).as("the same mother twice is one carer").hasSize(1);
        assertThat(survivor.settings()).as("the same school from the same date is one setting").hasSize(1);
        assertThat(merged.carers()).as("the duplicate stays behind with the merged record").hasSize(1);

        MergeHistory undone = merging.unmerge(dataManager, mergeId, "two sisters after all");

        assertThat(undone.undone()).isTrue();
        assertThat(snapshot(keep, gone)).isEqualTo(before);
        assertThat(merging.history(dataManager, cp(gone)).orElseThrow().merges()).singleElement().satisfies(m -> {
            assertThat(m.mergedBy()).isEqualTo(dataManager.username());
            assertThat(m.reason()).isEqualTo("same child: school confirmed");
            assertThat(m.unmergedBy()).isEqualTo(dataManager.username());
            assertThat(m.unmergeReason()).isEqualTo("two sisters after all");
        });
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE detail LIKE :d").param("d", "merge=" + mergeId + ";%")
                .query(Long.class).single()).isEqualTo(1);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE detail = :d").param("d", "unmerge=" + mergeId)
                .query(Long.class).single()).isEqualTo(1);
        assertThatThrownBy(() -> merging.unmerge(dataManager, mergeId, "again")).isInstanceOf(MergeRefusedException.class)
                .hasMessageContaining("undone already");
    }

    @Test
    void shouldRefuseToMergeTwoRecordsWithDifferentNhsNumbersAndChangeNothing() {
        long keep = reviews.child("Amelia", family, LocalDate.of(2014, 2, 3), false, school, service,
                List.of(ReviewFixtures.nhs(ReviewFixtures.nhsNumber())));
        long gone = reviews.child("Amelia", family, LocalDate.of(2014, 2, 3), false, school, service,
                List.of(ReviewFixtures.nhs(ReviewFixtures.nhsNumber())));
        Map<String, List<Map<String, Object>>> before = snapshot(keep, gone);

        assertThatThrownBy(() -> merging.merge(dataManager, cp(keep), cp(gone), "looks the same"))
                .isInstanceOf(MergeRefusedException.class).hasMessageContaining("different NHS numbers");

        assertThat(snapshot(keep, gone)).isEqualTo(before);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM child_merge WHERE merged_id = :id").param("id", gone).query(Long.class).single()).isZero();
        assertThatThrownBy(() -> merging.merge(dataManager, cp(keep), cp(keep), "x")).isInstanceOf(MergeRefusedException.class);
        assertThatThrownBy(() -> merging.merge(dataManager, cp(keep), cp(gone), " ")).isInstanceOf(MergeRefusedException.class);
    }

    @Test
    void shouldCarryAShieldOverToTheSurvivorAndAskForAShieldingOfficer() {
        long keep = reviews.child("Amelia", family, LocalDate.of(2014, 2, 3), false, school, service, List.of());
        long gone = reviews.child("Amelia", family, LocalDate.of(2014, 2, 3), true, school, service, List.of());

        assertThatThrownBy(() -> merging.merge(dataManager, cp(keep), cp(gone), "same child"))
                .isInstanceOf(RecordMerging.NotAllowed.class).hasMessageContaining("shielding officer");
        assertThat(directory.find(gone).orElseThrow().status()).isEqualTo(RecordStatus.LIVE);

        Viewer officer = ReviewFixtures.viewer("officer" + System.nanoTime(), Set.of(Role.LA_DATA_MANAGER, Role.LA_SHIELDING_OFFICER),
                TestFixtures.LEEDS);
        long mergeId = merging.merge(officer, cp(keep), cp(gone), "same child");

        assertThat(directory.find(keep).orElseThrow().shielded()).isTrue();
        assertThat(merging.history(officer, cp(keep)).orElseThrow().merges()).singleElement()
                .satisfies(m -> assertThat(m.survivorShieldedByMerge()).isTrue());
        merging.unmerge(officer, mergeId, "wrong");
        assertThat(directory.find(keep).orElseThrow().shielded()).as("unshielding is for two officers, never a side effect").isTrue();
        assertThat(directory.find(gone).orElseThrow().shielded()).isTrue();
    }

    @Test
    void shouldStopFindingTheMergedRecordAndFindTheSurvivorByEitherName() {
        long keep = reviews.child("Amelia", family, LocalDate.of(2014, 2, 3), false, school, service, List.of());
        long gone = reviews.child("Amelia", family + "x", LocalDate.of(2014, 2, 3), false, school, service, List.of());
        SearchCriteria byMergedName = new SearchCriteria("Amelia", family + "x", LocalDate.of(2014, 2, 3), null, null, null);
        assertThat(finder.find(byMergedName)).extracting(h -> h.child().id()).contains(gone);

        long mergeId = merging.merge(dataManager, cp(keep), cp(gone), "same child");

        List<SearchHit> hits = finder.find(byMergedName);
        assertThat(hits).extracting(h -> h.child().id()).doesNotContain(gone).contains(keep);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM child_blocking_key WHERE child_id = :id").param("id", gone).query(Long.class).single())
                .as("a merged record is not a candidate for feeds either").isZero();

        merging.unmerge(dataManager, mergeId, "wrong");
        assertThat(finder.find(byMergedName)).extracting(h -> h.child().id()).contains(gone);
    }

    @Test
    void shouldRefuseAnotherAuthoritysDataManager() {
        long keep = reviews.child("Amelia", family, LocalDate.of(2014, 2, 3), false, school, service, List.of());
        long gone = reviews.child("Amelia", family, LocalDate.of(2014, 2, 3), false, school, service, List.of());
        Viewer camden = ReviewFixtures.dataManager(ReviewFixtures.CAMDEN);

        assertThatThrownBy(() -> merging.merge(camden, cp(keep), cp(gone), "same"))
                .isInstanceOf(MergeRefusedException.class).hasMessageContaining("No child your local authority");
        assertThat(merging.history(camden, cp(keep))).isEmpty();
        long mergeId = merging.merge(dataManager, cp(keep), cp(gone), "same");
        assertThatThrownBy(() -> merging.unmerge(camden, mergeId, "no")).isInstanceOf(MergeRefusedException.class);
        assertThat(directory.find(gone).orElseThrow().status()).isEqualTo(RecordStatus.MERGED);
    }
}
