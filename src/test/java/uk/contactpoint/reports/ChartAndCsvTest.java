package uk.contactpoint.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** The report infrastructure: CSV escaping and formula guard, and the accessible SVG chart. */
class ChartAndCsvTest {

    @Test
    void csvQuotesWhatNeedsQuotingAndNeutralisesFormulas() {
        Table t = new Table("t", "T", List.of("a", "b"), List.of(
                List.of("=HYPERLINK(\"x\")", "plain"),
                List.of("+1", "-2"),
                List.of("@SUM(A1)", "with, comma"),
                List.of("say \"hi\"", "two\nlines"),
                List.of("\tTab", "")), Set.of());
        assertThat(t.csv()).isEqualTo("a,b\r\n"
                + "\"'=HYPERLINK(\"\"x\"\")\",plain\r\n"
                + "'+1,'-2\r\n"
                + "'@SUM(A1),\"with, comma\"\r\n"
                + "\"say \"\"hi\"\"\",\"two\nlines\"\r\n"
                + "'\tTab,\r\n");
    }

    @Test
    void aRowOfTheWrongWidthIsRefused() {
        assertThatThrownBy(() -> new Table("t", "T", List.of("a", "b"), List.of(List.of("1")), Set.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theChartIsAnImageWithItsTitleAndDescriptionAndEscapesItsText() {
        Chart c = new Chart("c1", "Children <missing> & more", "Three \"bars\"", Chart.Kind.BAR,
                List.of("A<b", "B", "C"), List.of(3L, 0L, 17L));
        String svg = c.svg();
        assertThat(svg).startsWith("<svg").contains("role=\"img\"").contains("aria-labelledby=\"c1-title c1-desc\"")
                .contains("<title id=\"c1-title\">Children &lt;missing&gt; &amp; more</title>")
                .contains("<desc id=\"c1-desc\">Three &quot;bars&quot;</desc>")
                .contains("A&lt;b: 3").contains("C: 17").endsWith("</svg>");
        assertThat(svg.split("<rect", -1)).hasSize(4);
        assertThat(svg).doesNotContain("<script");
        String line = new Chart("c2", "T", "D", Chart.Kind.LINE, List.of("Jan", "Feb"), List.of(1L, 2L)).svg();
        assertThat(line).contains("<polyline").contains("<circle");
        assertThat(new Chart("c3", "T", "D", Chart.Kind.BAR, List.of(), List.of()).svg()).contains("No figures");
        assertThatThrownBy(() -> new Chart("c4", "T", "D", Chart.Kind.BAR, List.of("a"), List.of(-1L)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theScaleIsFourRoundStepsAtLeastTheLargestValue() {
        assertThat(Chart.niceMax(0)).isEqualTo(4);
        assertThat(Chart.niceMax(4)).isEqualTo(4);
        assertThat(Chart.niceMax(5)).isEqualTo(8);
        assertThat(Chart.niceMax(17)).isEqualTo(20);
        assertThat(Chart.niceMax(41)).isEqualTo(80);
        assertThat(Chart.niceMax(1234)).isEqualTo(2000);
        for (long v = 0; v < 5000; v += 7) {
            long max = Chart.niceMax(v);
            assertThat(max).isGreaterThanOrEqualTo(v);
            assertThat(max % 4).isZero();
        }
    }
}
