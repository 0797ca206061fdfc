package uk.contactpoint.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import uk.contactpoint.synthetic.EnglandGenerator;

/**
 * The generator's truth lists every malformed row it seeded (truth/feed-errors.csv): each must be rejected
 * with its row number, and every other row must be read, whatever plausible errors it carries.
 */
class GeneratedFeedsTest {

    private static final LocalDate AS_OF = LocalDate.of(2026, 3, 15);
    private static final Set<String> MALFORMED = Set.of("BAD_DATE", "BAD_NHS_CHECK_DIGIT", "WRONG_COLUMN_COUNT");

    @TempDir
    static Path out;

    /** feed -> row -> seeded errors. */
    private static final Map<String, Map<Long, Set<String>>> truth = new HashMap<>();

    @BeforeAll
    static void generate() throws IOException {
        EnglandGenerator.generate(new EnglandGenerator.Request(4_000, 11, List.of(), out, AS_OF), (done, total) -> { });
        try (Reader text = Files.newBufferedReader(out.resolve("truth/feed-errors.csv"), StandardCharsets.UTF_8);
             CsvReader csv = new CsvReader(text)) {
            csv.next();
            String[] line;
            while ((line = csv.next()) != null) {
                truth.computeIfAbsent(line[0], f -> new HashMap<>())
                        .computeIfAbsent(Long.parseLong(line[1]), r -> new HashSet<>()).add(line[2]);
            }
        }
    }

    @Test
    void shouldRejectExactlyTheMalformedRowsOfEveryFeed() throws IOException {
        Set<String> kindsSeen = new HashSet<>();
        for (FeedSource source : FeedSource.values()) {
            Map<Long, Set<String>> errors = truth.getOrDefault(source.cliName(), Map.of());
            Set<Long> expected = new TreeSet<>();
            errors.forEach((row, kinds) -> {
                if (kinds.stream().anyMatch(MALFORMED::contains)) {
                    expected.add(row);
                }
            });
            Map<Long, Reject> rejected = new TreeMap<>();
            long rows = 0;
            try (FeedReader reader = FeedReader.open(source, out.resolve(source.cliName() + ".csv"), AS_OF)) {
                FeedRow row;
                while ((row = reader.next()) != null) {
                    rows++;
                    if (row instanceof Reject reject) {
                        rejected.put(reject.row(), reject);
                    } else {
                        ((FeedRecord) row).toLinkageRecord();
                    }
                }
            }
            // A day and month swapped on a baby's date of birth can put it after the date the file was made: that
            // is a plausible keying error in the truth, but a date of birth in the future is rightly rejected.
            rejected.values().removeIf(r -> r.field().equals("date_of_birth") && r.reason().equals("is in the future")
                    && errors.getOrDefault(r.row(), Set.of()).contains("DAY_MONTH_SWAPPED"));

            assertThat(rows).as(source.cliName()).isPositive();
            assertThat(rejected.keySet()).as(source.cliName() + " rejected rows").isEqualTo(expected);
            for (Reject reject : rejected.values()) {
                Set<String> kinds = errors.get(reject.row());
                String expectedField = kinds.contains("WRONG_COLUMN_COUNT") ? "row"
                        : kinds.contains("BAD_NHS_CHECK_DIGIT") ? "nhs_number" : "date_of_birth";
                assertThat(reject.field()).as(source.cliName() + " row " + reject.row()).isEqualTo(expectedField);
            }
            expected.forEach(row -> kindsSeen.addAll(errors.get(row)));
        }
        // Not vacuous: the sample of some 11,000 rows holds every kind of malformed row.
        assertThat(kindsSeen).containsAll(MALFORMED);
    }
}
