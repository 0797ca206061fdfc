package uk.contactpoint.synthetic;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.apache.commons.text.similarity.LevenshteinDistance;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import uk.contactpoint.directory.ContactPointId;
import uk.contactpoint.directory.InvalidValueException;
import uk.contactpoint.directory.NhsNumber;
import uk.contactpoint.directory.Upn;

/**
 * The acceptance test: a million children checked against the ONS inputs, every identifier
 * validated, and each seeded error rate measured against the documented one (docs/feeds.md). The reference
 * files are read here directly, not through ReferenceData, so the generator is not checked against itself.
 */
class EnglandGeneratorIT {

    private static final int CHILDREN = 1_000_000;
    private static final LocalDate AS_OF = LocalDate.of(2026, 3, 15);
    /** docs/feeds.md: each unconditional error rate is within 10% (relative) of its documented value. */
    private static final double RATE_TOLERANCE = 0.10;

    @TempDir
    static Path out;

    private static final long[][] cells = new long[2][18];
    private static final Map<String, Long> byLa = new HashMap<>();
    private static final Map<String, Long> feedRows = new HashMap<>();
    private static final Map<FeedError, Long> errors = new EnumMap<>(FeedError.class);

    @BeforeAll
    static void generate() throws IOException {
        EnglandGenerator.Result result = EnglandGenerator.generate(
                new EnglandGenerator.Request(CHILDREN, 20_231, List.of(), out, AS_OF), null);
        assertThat(result.children()).isEqualTo(CHILDREN);
        try (BufferedReader in = Files.newBufferedReader(out.resolve("truth/children.csv"))) {
            in.readLine();
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                List<String> f = ReferenceData.splitCsv(line);
                LocalDate dob = LocalDate.parse(f.get(6));
                int age = (int) ChronoUnit.YEARS.between(dob, AS_OF);
                cells[f.get(7).equals("M") ? 1 : 0][age]++;
                byLa.merge(f.get(8), 1L, Long::sum);
            }
        }
        try (BufferedReader in = Files.newBufferedReader(out.resolve(OutputFile.FEED_ERRORS))) {
            in.readLine();
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                errors.merge(FeedError.valueOf(line.substring(line.lastIndexOf(',') + 1)), 1L, Long::sum);
            }
        }
        feedRows.putAll(result.feedRows());
    }

    @Test
    void eachAgeAndSexCellIsWithinFourStandardErrorsOfTheOnsEstimate() throws IOException {
        long[][] ons = new long[2][18];
        long total = 0;
        for (List<String> f : resource("reference/ons_mid2023_england_by_sex_age_0_17.csv")) {
            long count = Long.parseLong(f.get(5));
            ons[f.get(0).equals("males") ? 1 : 0][Integer.parseInt(f.get(4))] = count;
            total += count;
        }
        for (int sex = 0; sex < 2; sex++) {
            for (int age = 0; age < 18; age++) {
                double p = ons[sex][age] / (double) total;
                double expected = CHILDREN * p;
                double se = Math.sqrt(CHILDREN * p * (1 - p));
                assertThat(Math.abs(cells[sex][age] - expected)).as("sex %d age %d: %d vs %.0f", sex, age,
                        cells[sex][age], expected).isLessThan(4 * se);
            }
        }
    }

    @Test
    void eachLocalAuthorityIsWithinFourStandardErrorsOfItsPopulationShare() throws IOException {
        Map<String, Double> population = new HashMap<>();
        for (List<String> f : resource("reference/england_153_upper_tier_local_authorities.csv")) {
            population.put(f.get(1), Double.parseDouble(f.get(6)));
        }
        double total = population.values().stream().mapToDouble(Double::doubleValue).sum();
        assertThat(byLa.keySet()).isEqualTo(population.keySet());
        population.forEach((la, pop) -> {
            double p = pop / total;
            double se = Math.sqrt(CHILDREN * p * (1 - p));
            assertThat(Math.abs(byLa.get(la) - CHILDREN * p)).as(la).isLessThan(4 * se);
        });
    }

    @Test
    void everyIdentifierIsValidAndNhsNumbersAndUpnsAreUnique() throws IOException {
        long[] nhs = new long[CHILDREN + CHILDREN / 50];
        int nhsCount = 0;
        int current = 0;
        List<String> upns = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(out.resolve("truth/identifiers.csv"))) {
            in.readLine();
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                String[] f = line.split(",");
                switch (f[1]) {
                    case "NHS_NUMBER", "PRE_ADOPTION_NHS_NUMBER" -> {
                        nhs[nhsCount++] = Long.parseLong(new NhsNumber(f[2]).value());
                        current += f[1].equals("NHS_NUMBER") ? 1 : 0;
                    }
                    case "UPN" -> upns.add(new Upn(f[2]).value());
                    default -> throw new AssertionError("unexpected scheme " + f[1]);
                }
            }
        }
        assertThat(current).isEqualTo(CHILDREN);
        long[] sorted = Arrays.copyOf(nhs, nhsCount);
        Arrays.sort(sorted);
        for (int i = 1; i < sorted.length; i++) {
            assertThat(sorted[i]).isNotEqualTo(sorted[i - 1]);
        }
        assertThat(sorted[0]).isGreaterThanOrEqualTo(9_000_000_000L);
        assertThat(new HashSet<>(upns)).hasSameSizeAs(upns);
        assertThat(upns.size()).isGreaterThan(CHILDREN / 2);
        try (BufferedReader in = Files.newBufferedReader(out.resolve("truth/children.csv"))) {
            in.readLine();
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                new ContactPointId(line.substring(0, line.indexOf(',')));
            }
        }
    }

    @Test
    void eachUnconditionalErrorRateIsWithinItsTolerance() {
        long all = feedRows.values().stream().mapToLong(Long::longValue).sum();
        assertThat(all).isGreaterThan(2L * CHILDREN);
        for (FeedError error : List.of(FeedError.FORENAME_TYPO, FeedError.SURNAME_TYPO, FeedError.MISSING_POSTCODE,
                FeedError.MISSING_SEX, FeedError.BAD_DATE, FeedError.WRONG_COLUMN_COUNT)) {
            double observed = errors.getOrDefault(error, 0L) / (double) all;
            assertThat(observed).as(error.name()).isCloseTo(error.rate, org.assertj.core.data.Offset.offset(error.rate * RATE_TOLERANCE));
        }
        double badNhs = errors.getOrDefault(FeedError.BAD_NHS_CHECK_DIGIT, 0L) / (double) feedRows.get("nhs-demographics");
        assertThat(badNhs).isCloseTo(FeedError.BAD_NHS_CHECK_DIGIT.rate,
                org.assertj.core.data.Offset.offset(FeedError.BAD_NHS_CHECK_DIGIT.rate * RATE_TOLERANCE));
        // Conditional errors apply only where possible (a name with a variant, a day of 12 or less), so they
        // occur, but below their rate.
        for (FeedError error : List.of(FeedError.NICKNAME, FeedError.SURNAME_VARIANT, FeedError.PHONETIC_SPELLING,
                FeedError.DAY_MONTH_SWAPPED, FeedError.OLD_ADDRESS, FeedError.MISSING_FORENAME)) {
            assertThat(errors.getOrDefault(error, 0L)).as(error.name()).isPositive();
            if (error.rate > 0) {
                assertThat(errors.get(error) / (double) all).as(error.name()).isLessThan(error.rate * (1 + RATE_TOLERANCE));
            }
        }
    }

    /**
     * Every NHS row is compared with the child it came from: rows with no recorded error carry the true
     * values, and each recorded error is really there. Feed rows follow the children's order, so this is a
     * merge, not a lookup table of a million children.
     */
    @Test
    void theNhsFeedDiffersFromTheTruthExactlyWhereAnErrorIsRecorded() throws IOException {
        Map<Long, Set<FeedError>> rowErrors = new HashMap<>();
        List<String> rowChildren = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(out.resolve(OutputFile.FEED_ERRORS))) {
            in.readLine();
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (line.startsWith("nhs-demographics,")) {
                    String[] f = line.split(",");
                    rowErrors.computeIfAbsent(Long.parseLong(f[1]), k -> new HashSet<>()).add(FeedError.valueOf(f[2]));
                }
            }
        }
        try (BufferedReader in = Files.newBufferedReader(out.resolve(OutputFile.FEED_ROWS))) {
            in.readLine();
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (line.startsWith("nhs-demographics,")) {
                    rowChildren.add(line.substring(line.lastIndexOf(',') + 1));
                }
            }
        }
        LevenshteinDistance levenshtein = LevenshteinDistance.getDefaultInstance();
        int checked = 0;
        try (BufferedReader feed = Files.newBufferedReader(out.resolve("nhs-demographics.csv"));
             BufferedReader truth = Files.newBufferedReader(out.resolve("truth/children.csv"))) {
            feed.readLine();
            truth.readLine();
            List<String> child = ReferenceData.splitCsv(truth.readLine());
            long row = 0;
            String previousId = null;
            for (String line = feed.readLine(); line != null; line = feed.readLine()) {
                row++;
                String id = rowChildren.get((int) row - 1);
                while (!child.get(0).equals(id)) {
                    child = ReferenceData.splitCsv(truth.readLine());
                }
                List<String> f = ReferenceData.splitCsv(line);
                Set<FeedError> e = rowErrors.getOrDefault(row, Set.of());
                String context = "row " + row;
                // An adopted child's pre-adoption record follows the current one, under the birth name.
                boolean preAdoption = id.equals(previousId);
                previousId = id;
                if (e.contains(FeedError.WRONG_COLUMN_COUNT)) {
                    assertThat(f.size()).as(context).isNotEqualTo(13);
                    continue;
                }
                assertThat(f).as(context).hasSize(13);
                String trueGiven = preAdoption ? child.get(24) : child.get(2);
                String trueFamily = preAdoption ? child.get(25) : child.get(4);
                if (e.contains(FeedError.BAD_NHS_CHECK_DIGIT)) {
                    assertThat(valid(f.get(0))).as(context).isFalse();
                } else {
                    assertThat(valid(f.get(0))).as(context).isTrue();
                }
                if (e.contains(FeedError.BAD_DATE)) {
                    assertThat(parses(f.get(4))).as(context).isFalse();
                } else if (e.contains(FeedError.DAY_MONTH_SWAPPED)) {
                    String dob = child.get(6);
                    assertThat(f.get(4)).as(context).isEqualTo(dob.substring(0, 5) + dob.substring(8) + "-" + dob.substring(5, 7));
                } else {
                    assertThat(f.get(4)).as(context).isEqualTo(child.get(6));
                }
                if (e.contains(FeedError.MISSING_FORENAME)) {
                    assertThat(f.get(1)).as(context).isEmpty();
                } else if (e.contains(FeedError.FORENAME_TYPO)) {
                    assertThat(f.get(1)).as(context).isNotEqualTo(trueGiven);
                    assertThat(levenshtein.apply(f.get(1), trueGiven)).as(context).isLessThanOrEqualTo(2);
                } else if (!e.contains(FeedError.NICKNAME)) {
                    assertThat(f.get(1)).as(context).isEqualTo(trueGiven);
                }
                if (e.contains(FeedError.SURNAME_TYPO)) {
                    assertThat(levenshtein.apply(f.get(3), trueFamily)).as(context).isBetween(1, 2);
                } else if (!e.contains(FeedError.SURNAME_VARIANT) && !e.contains(FeedError.PHONETIC_SPELLING)
                        && !preAdoption) {
                    assertThat(f.get(3)).as(context).isEqualTo(trueFamily);
                }
                if (e.contains(FeedError.MISSING_POSTCODE)) {
                    assertThat(f.get(9)).as(context).isEmpty();
                } else if (e.contains(FeedError.OLD_ADDRESS)) {
                    assertThat(f.get(9)).as(context).isEqualTo(child.get(23));
                } else if (!preAdoption) {
                    assertThat(f.get(9)).as(context).isEqualTo(child.get(13));
                }
                if (!e.contains(FeedError.MISSING_SEX)) {
                    assertThat(f.get(5)).as(context).isEqualTo(child.get(7));
                }
                checked++;
            }
        }
        assertThat(checked).isGreaterThan(CHILDREN * 95 / 100);
    }

    private static boolean valid(String nhs) {
        try {
            new NhsNumber(nhs);
            return true;
        } catch (InvalidValueException e) {
            return false;
        }
    }

    private static boolean parses(String date) {
        try {
            LocalDate.parse(date);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    private static List<List<String>> resource(String name) throws IOException {
        List<List<String>> rows = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(Objects.requireNonNull(
                EnglandGeneratorIT.class.getClassLoader().getResourceAsStream(name)), StandardCharsets.UTF_8))) {
            in.readLine();
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                rows.add(ReferenceData.splitCsv(line));
            }
        }
        return rows;
    }
}
