package uk.contactpoint.linkage;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Pairwise quality of the clusters on labelled data the linker never sees the labels of: the model is fitted
 * without them and the thresholds are the defaults. Prints the figures for docs/performance.md.
 */
class LinkageQualityTest {

    private static Datasets.Quality run(String name, Datasets.Labelled data) {
        LinkageResult result = new RecordLinker().link(data.records());
        Datasets.Quality quality = Datasets.quality(result, data.truth());
        System.out.println("linkage quality " + name + ": " + quality + "; scored pairs " + result.pairCount()
                + ", links " + result.count(Decision.LINK) + ", possible " + result.count(Decision.POSSIBLE_MATCH)
                + ", EM iterations " + result.model().emIterations());
        return quality;
    }

    @Test
    void shouldLinkFebrl1WithHighPrecisionAndRecall() {
        Datasets.Quality q = run("febrl1", Datasets.febrl("febrl1.csv"));

        assertThat(q.precision()).isGreaterThanOrEqualTo(0.999);
        assertThat(q.f1()).isGreaterThanOrEqualTo(0.995);
    }

    @Test
    void shouldLinkFebrl2WithHighPrecisionAndRecall() {
        Datasets.Quality q = run("febrl2", Datasets.febrl("febrl2.csv"));

        assertThat(q.precision()).isGreaterThanOrEqualTo(0.999);
        assertThat(q.f1()).isGreaterThanOrEqualTo(0.995);
    }

    @Test
    void shouldLinkTheSplinkDemoDataReasonably() {
        Datasets.Quality q = run("splink_demos_fake_20000", Datasets.splink("splink_demos_fake_20000.csv"));

        assertThat(q.precision()).isGreaterThanOrEqualTo(0.9);
        assertThat(q.f1()).isGreaterThanOrEqualTo(0.6);
    }
}
