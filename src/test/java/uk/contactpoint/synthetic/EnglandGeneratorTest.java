package uk.contactpoint.synthetic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EnglandGeneratorTest {

    private static final LocalDate AS_OF = LocalDate.of(2026, 3, 15);
    private static final int CHILDREN = 40_000;

    @TempDir
    static Path temp;

    private static Path all;
    private static List<List<String>> children;

    @BeforeAll
    static void generate() throws IOException {
        all = temp.resolve("all");
        EnglandGenerator.generate(new EnglandGenerator.Request(CHILDREN, 11, List.of(), all, AS_OF), null);
        children = read(all.resolve("truth/children.csv"));
    }

    @Test
    void theSameSeedAndDateGiveByteIdenticalFiles() throws IOException {
        Path one = temp.resolve("one");
        Path two = temp.resolve("two");
        EnglandGenerator.generate(new EnglandGenerator.Request(5_000, 3, List.of("E08000035", "BIR"), one, AS_OF), null);
        EnglandGenerator.generate(new EnglandGenerator.Request(5_000, 3, List.of("BIR", "E08000035"), two, AS_OF), null);

        for (OutputFile file : OutputFile.values()) {
            assertThat(Files.mismatch(one.resolve(file.path), two.resolve(file.path))).as(file.path).isEqualTo(-1L);
        }
        assertThat(Files.mismatch(one.resolve(OutputFile.FEED_ROWS), two.resolve(OutputFile.FEED_ROWS))).isEqualTo(-1L);
    }

    @Test
    void aDifferentSeedGivesADifferentPopulation() throws IOException {
        Path other = temp.resolve("other");
        EnglandGenerator.generate(new EnglandGenerator.Request(5_000, 4, List.of("E08000035", "BIR"), other, AS_OF), null);
        Path same = temp.resolve("same");
        EnglandGenerator.generate(new EnglandGenerator.Request(5_000, 3, List.of("E08000035", "BIR"), same, AS_OF), null);

        assertThat(Files.mismatch(other.resolve("truth/children.csv"), same.resolve("truth/children.csv"))).isNotEqualTo(-1L);
    }

    @Test
    void onlyTheGivenAuthoritiesAreUsedWhetherNamedByGssOrRegisterCode() throws IOException {
        Path dir = temp.resolve("two-las");
        EnglandGenerator.generate(new EnglandGenerator.Request(2_001, 5, List.of("lds", "E09000007"), dir, AS_OF), null);

        List<List<String>> rows = read(dir.resolve("truth/children.csv"));
        assertThat(rows).hasSize(2_001);
        assertThat(rows.stream().map(r -> r.get(8)).distinct()).containsExactlyInAnyOrder("E08000035", "E09000007");
        // Shared by 2020 population, Leeds 798,786 and Camden 279,516, rounded to whole children.
        long leeds = rows.stream().filter(r -> r.get(8).equals("E08000035")).count();
        assertThat(leeds).isEqualTo(Math.round(2_001 * 798_786.0 / (798_786.0 + 279_516.0)));
    }

    @Test
    void badRequestsAreRefused() {
        assertThatThrownBy(() -> EnglandGenerator.generate(
                new EnglandGenerator.Request(0, 1, List.of(), temp.resolve("x"), AS_OF), null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EnglandGenerator.generate(
                new EnglandGenerator.Request(10, 1, List.of("E06999999"), temp.resolve("x"), AS_OF), null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("E06999999");
        assertThat(EnglandGenerator.unknownAuthorities(List.of("LDS", "e08000035", "NOPE"))).containsExactly("NOPE");
    }

    @Test
    void everyFeedRowHasOneTruthLineNumberedFromOne() throws IOException {
        Map<String, Integer> truthRows = new HashMap<>();
        Set<String> ids = new HashSet<>();
        children.forEach(r -> ids.add(r.get(0)));
        try (BufferedReader in = Files.newBufferedReader(all.resolve(OutputFile.FEED_ROWS), StandardCharsets.UTF_8)) {
            assertThat(in.readLine()).isEqualTo("feed,row,child_id");
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                String[] f = line.split(",");
                int expected = truthRows.merge(f[0], 1, Integer::sum);
                assertThat(Integer.parseInt(f[1])).isEqualTo(expected);
                assertThat(ids.contains(f[2])).as(f[2]).isTrue();
            }
        }
        for (OutputFile feed : OutputFile.FEEDS) {
            long lines;
            try (var stream = Files.lines(all.resolve(feed.path))) {
                lines = stream.count() - 1;
            }
            assertThat(truthRows.get(feed.feed)).as(feed.feed).isEqualTo((int) lines).isPositive();
        }
    }

    @Test
    void theHardCasesAreAllPresent() throws IOException {
        assertThat(children).hasSize(CHILDREN);
        assertThat(children).anyMatch(r -> r.get(14).equals("Y"));                       // shielded
        assertThat(children).anyMatch(r -> r.get(15).equals("Y"));                       // in a refuge
        assertThat(children).anyMatch(r -> !r.get(17).isEmpty());                        // died
        assertThat(children).anyMatch(r -> !r.get(19).isEmpty());                        // moved in from another LA
        assertThat(children).anyMatch(r -> !r.get(25).isEmpty());                        // adopted, new identity
        assertThat(children).anyMatch(r -> r.get(9).startsWith("LEFT_ENGLAND"));
        assertThat(children).anyMatch(r -> r.get(16).equals("ELECTIVELY_HOME_EDUCATED"));
        assertThat(children).anyMatch(r -> r.get(16).equals("INDEPENDENT_SCHOOL"));
        assertThat(children).anyMatch(r -> r.get(4).contains("-"));                      // hyphenated surname
        assertThat(children).anyMatch(r -> !r.get(5).isEmpty());                         // changed surname
        Set<String> familyAndBirth = new HashSet<>();
        assertThat(children).anyMatch(r -> !familyAndBirth.add(r.get(1) + "/" + r.get(6))); // twins
        List<List<String>> carers = read(all.resolve("truth/carers.csv"));
        for (String relationship : List.of("MOTHER", "FATHER", "STEP_PARENT", "FOSTER_CARER", "LOCAL_AUTHORITY",
                "SPECIAL_GUARDIAN", "GRANDPARENT")) {
            assertThat(carers).as(relationship).anyMatch(r -> r.get(2).equals(relationship));
        }
        List<List<String>> involvements = read(all.resolve("truth/involvements.csv"));
        assertThat(involvements).anyMatch(r -> r.get(12).equals("Y"));
        assertThat(involvements).anyMatch(r -> r.get(3).isEmpty() && !r.get(4).isEmpty());   // a team, no name
        // Adopted children's earlier NHS numbers are kept in the truth, apart from the current ones.
        assertThat(read(all.resolve("truth/identifiers.csv"))).anyMatch(r -> r.get(1).equals("PRE_ADOPTION_NHS_NUMBER"));
    }

    @Test
    void settingsAndInvolvementsReferToOrganisationsInTheTruth() throws IOException {
        Set<String> organisations = new HashSet<>();
        Set<String> codes = new HashSet<>();
        for (List<String> r : read(all.resolve("truth/organisations.csv"))) {
            organisations.add(r.get(0));
            assertThat(codes.add(r.get(1) + "/" + r.get(2))).as("unique code " + r.get(2)).isTrue();
        }
        assertThat(read(all.resolve("truth/settings.csv"))).allSatisfy(r -> assertThat(organisations.contains(r.get(2))).isTrue());
        assertThat(read(all.resolve("truth/involvements.csv"))).allSatisfy(r -> assertThat(organisations.contains(r.get(2))).isTrue());
    }

    @Test
    void feedsCoverTheRightChildren() throws IOException {
        Map<String, List<String>> byId = new HashMap<>();
        children.forEach(r -> byId.put(r.get(0), r));
        Map<String, List<String>> feedChildren = new HashMap<>();
        for (List<String> r : read(all.resolve(OutputFile.FEED_ROWS))) {
            feedChildren.computeIfAbsent(r.get(0), k -> new ArrayList<>()).add(r.get(2));
        }
        // No babies in the school census; births only of the last 15 months.
        assertThat(feedChildren.get("school-census")).allSatisfy(id ->
                assertThat(LocalDate.parse(byId.get(id).get(6))).isBefore(AS_OF.minusYears(3)));
        assertThat(feedChildren.get("births")).allSatisfy(id ->
                assertThat(LocalDate.parse(byId.get(id).get(6))).isAfter(AS_OF.minusDays(457)));
        // NHS demographics holds nearly everyone.
        assertThat(new HashSet<>(feedChildren.get("nhs-demographics")).size()).isGreaterThan(CHILDREN * 98 / 100);
    }

    static List<List<String>> read(Path file) throws IOException {
        List<List<String>> rows = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            in.readLine();
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                rows.add(ReferenceData.splitCsv(line));
            }
        }
        return rows;
    }
}
