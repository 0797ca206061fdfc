package uk.contactpoint.ingest;

import java.io.IOException;
import java.io.StringReader;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Jazzer: whatever a GIAS or epraccur file holds, the organisation reader answers with organisations, rejects,
 * skipped rows or a refusal of the whole file, never with any other exception. Replays its seeds in a plain test
 * run; fuzzes with JAZZER_FUZZ=1.
 */
class OrganisationReaderFuzzTest {

    @FuzzTest(maxDuration = "30s")
    void shouldAnswerAnyInputWithOrganisationsRejectsSkipsOrARefusal(FuzzedDataProvider data) throws IOException {
        ReferenceSource source = data.pickValue(ReferenceSource.values());
        String head = source == ReferenceSource.SCHOOLS && data.consumeBoolean()
                ? OrganisationReaderTest.GIAS_HEADER + "\n" : "";
        String body = data.consumeRemainingAsString();
        try (OrganisationReader reader = OrganisationReader.of(source, new StringReader(head + body))) {
            for (OrganisationReader.Row row = reader.next(); row != null; row = reader.next()) {
                row.toString();
            }
        } catch (FeedRefusedException refused) {
            // A GIAS file without its columns is refused as a whole: an answer, not a failure.
        }
    }
}
