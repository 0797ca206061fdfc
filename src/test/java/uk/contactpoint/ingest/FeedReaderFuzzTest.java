package uk.contactpoint.ingest;

import java.io.IOException;
import java.io.StringReader;
import java.time.LocalDate;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Jazzer: whatever bytes a supplier sends, the feed reader answers with records, rejects or a refusal of the
 * whole file, never with any other exception. Without JAZZER_FUZZ=1 it replays its seeds as a regression
 * test; with it, it fuzzes (see the README).
 */
class FeedReaderFuzzTest {

    @FuzzTest(maxDuration = "30s")
    void shouldAnswerAnyInputWithRecordsRejectsOrARefusal(FuzzedDataProvider data) throws IOException {
        FeedSource source = data.pickValue(FeedSource.values());
        String header = String.join(",", source.header());
        String body = data.consumeRemainingAsString();
        try (FeedReader reader = FeedReader.of(source, new StringReader(header + "\n" + body), LocalDate.of(2026, 3, 15))) {
            for (FeedRow row = reader.next(); row != null; row = reader.next()) {
                row.toString();
            }
        } catch (FeedRefusedException refused) {
            // A header problem refuses the whole file: an answer, not a failure.
        }
    }
}
