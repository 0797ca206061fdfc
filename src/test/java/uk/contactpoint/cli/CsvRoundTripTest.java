package uk.contactpoint.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.util.List;

import uk.contactpoint.ingest.CsvReader;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;

class CsvRoundTripTest {

    @Property
    void shouldReadBackWhatTheWriterQuoted(@ForAll @Size(min = 2, max = 6) List<String> fields) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                line.append(',');
            }
            LinkCommand.text(line, fields.get(i));
        }
        line.append("\r\n");

        try (CsvReader csv = new CsvReader(new StringReader(line + line.toString()))) {
            assertThat(csv.next()).containsExactlyElementsOf(fields);
            assertThat(csv.next()).containsExactlyElementsOf(fields);
            assertThat(csv.next()).isNull();
        }
    }
}
