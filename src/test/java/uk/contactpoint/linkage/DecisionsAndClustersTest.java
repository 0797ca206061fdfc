package uk.contactpoint.linkage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class DecisionsAndClustersTest {

    private static final LocalDate DOB = LocalDate.of(2015, 3, 4);

    private static TestPopulation population;
    private static LinkageResult result;

    @BeforeAll
    static void link() {
        population = new TestPopulation(1500, 11, false);
        result = new RecordLinker().link(population.records);
    }

    private static LinkageRecord child(String id, String given, Sex sex, LocalDate dob, Identifier... ids) {
        return new LinkageRecord(id, given, "Hamilton", dob, sex, "LS6 2QT", "14 Mill Lane", "Leeds", List.of(ids));
    }

    private static ScoredPair score(LinkageRecord a, LinkageRecord b) {
        LinkageModel model = result.model();
        return model.score(model.prepare(List.of(a, b)), 0, 1);
    }

    @Test
    void shouldLinkTheRecordsOfOneChildWithoutLabels() {
        long same = 0;
        long children = population.truth.stream().distinct().count();
        for (int i = 0; i + 1 < population.records.size(); i += 2) {
            same += result.clusterOf(i) == result.clusterOf(i + 1) ? 1 : 0;
        }
        assertThat((double) same / children).isGreaterThan(0.97);
        assertThat(result.model().emConverged()).isTrue();
    }

    @Test
    void shouldNeverPutTwinsInOneCluster() {
        assertThat(population.twins).hasSizeGreaterThan(20);
        for (int[] twins : population.twins) {
            for (int a = 0; a < 2; a++) {
                for (int b = 0; b < 2; b++) {
                    assertThat(result.clusterOf(2 * twins[0] + a)).isNotEqualTo(result.clusterOf(2 * twins[1] + b));
                }
            }
        }
    }

    @Test
    void shouldNotAutoLinkTwinsWhoseGivenNamesDiffer() {
        ScoredPair twins = score(child("a", "Oliver", Sex.MALE, DOB), child("b", "George", Sex.MALE, DOB));

        assertThat(twins.conflict()).isEqualTo(Conflict.GIVEN_NAME);
        assertThat(twins.decision()).isNotEqualTo(Decision.LINK);
    }

    @Test
    void shouldScoreSiblingsWithDifferentNamesAndDatesAsDifferentPeople() {
        ScoredPair siblings = score(child("a", "Oliver", Sex.MALE, DOB), child("b", "George", Sex.MALE, DOB.minusYears(3)));

        ScoredPair same = score(child("a", "Oliver", Sex.MALE, DOB), child("b", "Oliver", Sex.MALE, DOB));

        // Household fields agree, so the weight alone can stay positive: the person's fields decide
        assertThat(siblings.conflict()).isNotEqualTo(Conflict.NONE);
        assertThat(siblings.decision()).isEqualTo(Decision.NO_MATCH);
        assertThat(siblings.weight()).isLessThan(same.weight() - 10);
    }

    @Test
    void shouldLinkTheSameChildSpelledDifferently() {
        ScoredPair same = score(child("a", "Oliver", Sex.MALE, DOB), child("b", "Olvier", Sex.MALE, DOB));

        assertThat(same.decision()).isEqualTo(Decision.LINK);
        assertThat(same.probability()).isGreaterThanOrEqualTo(0.99);
    }

    @Test
    void shouldNeverAutoLinkAcrossASexConflict() {
        ScoredPair pair = score(child("a", "Alex", Sex.MALE, DOB), child("b", "Alex", Sex.FEMALE, DOB));

        assertThat(pair.conflict()).isEqualTo(Conflict.SEX);
        assertThat(pair.decision()).isNotEqualTo(Decision.LINK);
    }

    @Test
    void shouldNeverAutoLinkTwoDifferentVerifiedIdentifiersOfOneKind() {
        ScoredPair pair = score(child("a", "Oliver", Sex.MALE, DOB, new Identifier("nhs_number", "9434765919")),
                child("b", "Oliver", Sex.MALE, DOB, new Identifier("nhs_number", "9990000018")));

        assertThat(pair.conflict()).isEqualTo(Conflict.IDENTIFIER);
        assertThat(pair.decision()).isEqualTo(Decision.POSSIBLE_MATCH);
    }

    @Test
    void shouldNeverAutoLinkDatesOfBirthMoreThanAYearApart() {
        ScoredPair pair = score(child("a", "Oliver", Sex.MALE, DOB), child("b", "Oliver", Sex.MALE, DOB.plusYears(4).plusDays(40)));

        assertThat(pair.conflict()).isEqualTo(Conflict.DATE_OF_BIRTH);
        assertThat(pair.decision()).isNotEqualTo(Decision.LINK);
    }

    @Test
    void shouldAcceptAMistypedDateWhenAnIdentifierAndTheGivenNameAgree() {
        Identifier upn = new Identifier("upn", "A801200100123");
        ScoredPair pair = score(child("a", "Oliver", Sex.MALE, DOB, upn),
                child("b", "Oliver", Sex.MALE, DOB.plusYears(4).plusDays(40), upn));

        assertThat(pair.conflict()).isEqualTo(Conflict.NONE);
    }

    @Test
    void shouldKeepChainsFromJoiningPeopleWhoConflict() {
        // A1 ~ A2 and A2 ~ B1 are links, but A1 and B1 conflict: B1 must not join A's group
        long[] pairs = {0L << 32 | 1, 1L << 32 | 2, 0L << 32 | 2};
        float[] weights = {30, 20, 25};
        boolean[] link = {true, true, false};
        boolean[] separate = {false, false, true};

        int[] clusters = Clustering.clusters(3, pairs, weights, link, separate);

        assertThat(clusters[0]).isEqualTo(clusters[1]);
        assertThat(clusters[2]).isNotEqualTo(clusters[0]);
    }

    @Test
    void shouldJoinARecordThatLinksToMoreOfAGroupThanItConflictsWith() {
        // 0, 1, 2 are one person; 3 links to 0 and 1 but conflicts with 2
        long[] pairs = {0L << 32 | 1, 1L << 32 | 2, 0L << 32 | 3, 1L << 32 | 3, 2L << 32 | 3};
        float[] weights = {40, 40, 30, 30, 10};
        boolean[] link = {true, true, true, true, false};
        boolean[] separate = {false, false, false, false, true};

        int[] clusters = Clustering.clusters(4, pairs, weights, link, separate);

        assertThat(clusters).containsOnly(0);
    }

    @Test
    void shouldScoreAnIncomingRecordAgainstCandidatesBestFirst() {
        LinkageRecord incoming = child("new", "Olivia", Sex.FEMALE, DOB);
        List<LinkageRecord> candidates = List.of(child("sister", "Amelia", Sex.FEMALE, DOB.minusYears(2)),
                child("same", "Olivia", Sex.FEMALE, DOB));

        List<Match> matches = result.model().match(incoming, candidates);

        assertThat(matches.get(0).candidate()).isEqualTo(1);
        assertThat(matches.get(0).decision()).isEqualTo(Decision.LINK);
        assertThat(matches.get(1).decision()).isEqualTo(Decision.NO_MATCH);
    }

    @Test
    void shouldGiveRecordsOfOneChildACommonBlockingKeyAndStrangersNone() {
        LinkageModel model = result.model();
        long[] oliver = model.blockingKeys(child("a", "Oliver", Sex.MALE, DOB));
        long[] typo = model.blockingKeys(child("b", "Olvier", Sex.MALE, DOB));
        long[] stranger = model.blockingKeys(new LinkageRecord("c", "Ruby", "Quinn", DOB.minusYears(5), Sex.FEMALE,
                "M1 1AA", "1 Quay Street", "Manchester", List.of()));

        assertThat(java.util.Arrays.stream(oliver).filter(k -> contains(typo, k))).isNotEmpty();
        assertThat(java.util.Arrays.stream(oliver).filter(k -> contains(stranger, k))).isEmpty();
    }

    private static boolean contains(long[] keys, long key) {
        return java.util.Arrays.stream(keys).anyMatch(k -> k == key);
    }

    @Test
    void shouldSurviveSerialisationWithTheSameScores() throws Exception {
        LinkageModel model = result.model();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(model);
        }
        LinkageModel copy;
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            copy = (LinkageModel) in.readObject();
        }
        List<LinkageRecord> pair = List.of(child("a", "Oliver", Sex.MALE, DOB), child("b", "Olvier", Sex.MALE, DOB));

        assertThat(copy.score(copy.prepare(pair), 0, 1)).isEqualTo(model.score(model.prepare(pair), 0, 1));
        assertThat(copy.describe()).isEqualTo(model.describe()).doesNotContain("Oliver");
    }

    @Test
    void shouldLearnThatAgreementCountsForAndDisagreementAgainst() {
        LinkageModel model = result.model();

        assertThat(model.levelWeight("date_of_birth", "exact")).isGreaterThan(5);
        assertThat(model.levelWeight("date_of_birth", "else")).isNegative();
        assertThat(model.levelWeight("given_name", "else")).isNegative();
        assertThat(model.levelWeight("family_name", "exact")).isPositive();
        assertThat(model.priorWeight()).isNegative();
    }
}
