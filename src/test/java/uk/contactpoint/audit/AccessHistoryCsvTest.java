package uk.contactpoint.audit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The CSV field quoting of the oversight exports: RFC 4180, and no cell a spreadsheet would run as a formula. */
class AccessHistoryCsvTest {

    @Test
    void shouldTurnEveryFormulaStartIntoTextEvenOverSeveralLines() {
        assertThat(AccessHistory.q("=1+1")).isEqualTo("'=1+1");
        assertThat(AccessHistory.q("+44 113")).isEqualTo("'+44 113");
        assertThat(AccessHistory.q("-2")).isEqualTo("'-2");
        assertThat(AccessHistory.q("@SUM(A1)")).isEqualTo("'@SUM(A1)");
        assertThat(AccessHistory.q("\t=cmd")).isEqualTo("'\t=cmd");
        assertThat(AccessHistory.q("=cmd|' /C calc'!A0\nsecond line")).isEqualTo("\"'=cmd|' /C calc'!A0\nsecond line\"");
    }

    @Test
    void shouldQuoteOnlyWhatRfc4180Needs() {
        assertThat(AccessHistory.q(null)).isEmpty();
        assertThat(AccessHistory.q("health visit")).isEqualTo("health visit");
        assertThat(AccessHistory.q("a, b")).isEqualTo("\"a, b\"");
        assertThat(AccessHistory.q("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
        assertThat(AccessHistory.q("a=b")).as("a formula sign inside a value is harmless").isEqualTo("a=b");
    }
}
