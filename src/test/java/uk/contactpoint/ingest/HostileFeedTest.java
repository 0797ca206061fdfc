package uk.contactpoint.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile and malformed feed files (issue 11 part 4): each is refused or its rows rejected, with a reason a supplier
 * can act on that never repeats the value, and memory stays bounded whatever the file holds.
 */
class HostileFeedTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 3, 15);
    private static final String GOOD = "9993018147,Renee,,Okafor,2015-02-03,F,1 Low Road,,Leeds,LS6 2AB,B86001,2015-03-01,";

    @TempDir
    Path temp;

    private static String header(FeedSource source) {
        return String.join(",", source.header()) + "\n";
    }

    private static List<FeedRow> readAll(FeedReader reader) throws IOException {
        List<FeedRow> rows = new ArrayList<>();
        for (FeedRow row; (row = reader.next()) != null; ) {
            rows.add(row);
        }
        return rows;
    }

    private Path file(byte[]... parts) throws IOException {
        Path f = temp.resolve("feed-" + System.nanoTime() + ".csv");
        Files.write(f, new byte[0]);
        for (byte[] part : parts) {
            Files.write(f, part, java.nio.file.StandardOpenOption.APPEND);
        }
        return f;
    }

    @Test
    void aFileInAnotherEncodingIsRefusedNotReadWithReplacementCharacters() throws IOException {
        Path f = file(header(FeedSource.NHS_DEMOGRAPHICS).getBytes(StandardCharsets.UTF_8), (GOOD + "\n").getBytes(StandardCharsets.UTF_8),
                GOOD.replace("Renee", "Ren\u00e9e").getBytes(StandardCharsets.ISO_8859_1));

        // refused when the reader opens or when it reaches the row, depending on how far it decodes ahead
        assertThatThrownBy(() -> {
            try (FeedReader reader = FeedReader.open(FeedSource.NHS_DEMOGRAPHICS, f, TODAY)) {
                readAll(reader);
            }
        }).isInstanceOf(FeedRefusedException.class)
                .hasMessageContaining("is not UTF-8").hasMessageContaining("save or export it as UTF-8").hasMessageNotContaining("Ren");
        assertThatThrownBy(() -> FeedIngestion.readsToTheEnd(FeedSource.NHS_DEMOGRAPHICS, f, TODAY))
                .isInstanceOf(FeedRefusedException.class);
    }

    @Test
    void aHeaderInAnotherEncodingIsRefusedAsNotUtf8() throws IOException {
        Path f = file(new byte[] {(byte) 0xFF, (byte) 0xFE, 'n', 0, 'h', 0, 's', 0, '\n', 0});

        assertThatThrownBy(() -> FeedReader.open(FeedSource.NHS_DEMOGRAPHICS, f, TODAY)).isInstanceOf(FeedRefusedException.class)
                .hasMessageContaining("is not UTF-8");
    }

    @Test
    void anUnclosedQuoteRunningOnIsRefusedAtTheLineItStartedWithBoundedMemory() throws IOException {
        StringBuilder rest = new StringBuilder();
        for (int i = 0; i < 30_000; i++) {
            rest.append(GOOD).append('\n'); // some 2.9 million characters, all swallowed by the open quote
        }
        Path f = file((header(FeedSource.NHS_DEMOGRAPHICS) + GOOD + "\n" + GOOD.replace("Renee", "\"Renee") + "\n" + rest)
                .getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> FeedIngestion.readsToTheEnd(FeedSource.NHS_DEMOGRAPHICS, f, TODAY))
                .isInstanceOf(FeedRefusedException.class)
                .hasMessageContaining("Line 3: a record longer than " + CsvReader.MAX_RECORD_CHARS + " characters")
                .hasMessageContaining("Is a quote left open?");
    }

    @Test
    void aRecordOfThousandsOfFieldsIsRefused() {
        String wide = header(FeedSource.NHS_DEMOGRAPHICS) + ",".repeat(50_000) + "\n";

        assertThatThrownBy(() -> readAll(FeedReader.of(FeedSource.NHS_DEMOGRAPHICS, new StringReader(wide), TODAY)))
                .isInstanceOf(FeedRefusedException.class).hasMessageContaining("more than " + CsvReader.MAX_FIELDS + " fields");
    }

    @Test
    void aHugeHeaderLineIsRefusedBeforeAnyRow() {
        String huge = "x".repeat(CsvReader.MAX_RECORD_CHARS + 10) + "\n" + GOOD + "\n";

        assertThatThrownBy(() -> FeedReader.of(FeedSource.NHS_DEMOGRAPHICS, new StringReader(huge), TODAY))
                .isInstanceOf(FeedRefusedException.class).hasMessageContaining("Line 1: a record longer than");
    }

    @Test
    void aHugeFieldRejectsItsRowAndTheNextRowIsRead() throws IOException {
        String text = header(FeedSource.NHS_DEMOGRAPHICS) + GOOD.replace("Okafor", "O" + "k".repeat(100_000)) + "\n" + GOOD + "\n";

        List<FeedRow> rows = readAll(FeedReader.of(FeedSource.NHS_DEMOGRAPHICS, new StringReader(text), TODAY));

        assertThat(rows).hasSize(2);
        assertThat(rows.get(0)).isInstanceOfSatisfying(Reject.class, r -> {
            assertThat(r.field()).isEqualTo("surname");
            assertThat(r.reason()).contains("longer than").doesNotContain("kkk");
        });
        assertThat(rows.get(1)).isInstanceOf(FeedRecord.class);
    }

    @Test
    void aSpreadsheetFormulaOrAControlCharacterInANameRejectsTheRowWithoutEchoingIt() throws IOException {
        List<String> hostile = List.of("=HYPERLINK(\"\"http://evil.example\"\",\"\"Click\"\")", "+SUM(A1:A9)", "@cmd", "-2+3",
                "Re\u0007nee", "<script>x</script>", "R3nee");
        StringBuilder text = new StringBuilder(header(FeedSource.NHS_DEMOGRAPHICS));
        for (String name : hostile) {
            text.append(GOOD.replace("Renee", "\"" + name + "\"")).append('\n');
        }
        text.append(GOOD.replace("Renee", "Zo\u00eb-Ann O\u2019Neil")).append('\n');

        List<FeedRow> rows = readAll(FeedReader.of(FeedSource.NHS_DEMOGRAPHICS, new StringReader(text.toString()), TODAY));

        assertThat(rows).hasSize(hostile.size() + 1);
        for (int i = 0; i < hostile.size(); i++) {
            assertThat(rows.get(i)).as(hostile.get(i)).isInstanceOfSatisfying(Reject.class, r -> {
                assertThat(r.field()).isEqualTo("forename");
                assertThat(r.reason()).contains("a character a name cannot").doesNotContain("HYPERLINK").doesNotContain("SUM");
            });
        }
        assertThat(rows.get(hostile.size())).as("letters of any script, hyphens and apostrophes are names").isInstanceOf(FeedRecord.class);
    }

    @Test
    void aFileClaimingBillionsOfRowsIsReadAsItIsRowByRow() throws IOException {
        // Nothing in a feed declares a row count that is trusted: a trailer claiming billions is one more row, rejected
        // for its own faults, and memory does not depend on any claim.
        String text = header(FeedSource.NHS_DEMOGRAPHICS) + GOOD + "\nTOTAL ROWS,9999999999\n";

        List<FeedRow> rows = readAll(FeedReader.of(FeedSource.NHS_DEMOGRAPHICS, new StringReader(text), TODAY));

        assertThat(rows).hasSize(2);
        assertThat(rows.get(1)).isInstanceOfSatisfying(Reject.class, r -> assertThat(r.reason()).contains("fields where the"));
    }
}
