package uk.contactpoint.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class UserImportCsvTest {

    @Test
    void shouldReadQuotedFieldsWithCommasQuotesAndLineBreaks() {
        List<List<String>> rows = UserImport.Csv.parse("a,b,c\r\n\"x, y\",\"say \"\"hi\"\"\",\"two\nlines\"\n");
        assertThat(rows).containsExactly(List.of("a", "b", "c"), List.of("x, y", "say \"hi\"", "two\nlines"));
    }

    @Test
    void shouldKeepEmptyFieldsAndALastLineWithoutANewline() {
        assertThat(UserImport.Csv.parse("a,,c\n,,")).containsExactly(List.of("a", "", "c"), List.of("", "", ""));
    }

    @Test
    void shouldIgnoreAByteOrderMarkAtTheStart() {
        assertThat(UserImport.Csv.parse("\uFEFFusername,x\n")).containsExactly(List.of("username", "x"));
    }
}
