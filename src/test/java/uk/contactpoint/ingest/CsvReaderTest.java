package uk.contactpoint.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class CsvReaderTest {

    private static List<String[]> read(String text) throws IOException {
        List<String[]> rows = new ArrayList<>();
        try (CsvReader csv = new CsvReader(new StringReader(text))) {
            for (String[] row = csv.next(); row != null; row = csv.next()) {
                rows.add(row);
            }
        }
        return rows;
    }

    @Test
    void shouldSplitPlainFields() throws IOException {
        assertThat(read("a,b,c\n1,,3\n")).containsExactly(new String[] {"a", "b", "c"}, new String[] {"1", "", "3"});
    }

    @Test
    void shouldReadQuotedFieldsWithCommasQuotesAndLineBreaks() throws IOException {
        List<String[]> rows = read("id,address\r\n1,\"Flat 8, Chestnut House\"\r\n2,\"say \"\"hi\"\"\"\r\n3,\"two\nlines\"\r\n");

        assertThat(rows).hasSize(4);
        assertThat(rows.get(1)).containsExactly("1", "Flat 8, Chestnut House");
        assertThat(rows.get(2)).containsExactly("2", "say \"hi\"");
        assertThat(rows.get(3)).containsExactly("3", "two\nlines");
    }

    @Test
    void shouldReadALastLineWithoutALineBreakAndSkipAByteOrderMark() throws IOException {
        assertThat(read("\uFEFFa,b\n1,2")).containsExactly(new String[] {"a", "b"}, new String[] {"1", "2"});
    }

    @Test
    void shouldKeepAnEmptyLastFieldAndReportLineNumbers() throws IOException {
        try (CsvReader csv = new CsvReader(new StringReader("a,\"x\ny\",\n2,3,4\n"))) {
            assertThat(csv.next()).containsExactly("a", "x\ny", "");
            assertThat(csv.line()).isEqualTo(3);
            assertThat(csv.next()).containsExactly("2", "3", "4");
            assertThat(csv.next()).isNull();
        }
    }

    @Test
    void shouldEndAnUnterminatedQuoteAtTheEndOfInput() throws IOException {
        assertThat(read("1,\"open")).containsExactly(new String[] {"1", "open"});
    }
}
