package uk.contactpoint.linkage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class EmTest {

    private static final double[][] M = {{0.80, 0.15, 0.05}, {0.70, 0.20, 0.10}, {0.90, 0.10}};
    private static final double[][] U = {{0.01, 0.04, 0.95}, {0.02, 0.08, 0.90}, {0.05, 0.95}};

    private static int draw(double[] p, SplittableRandom random) {
        double r = random.nextDouble();
        for (int l = 0; l < p.length - 1; l++) {
            r -= p[l];
            if (r < 0) {
                return l;
            }
        }
        return p.length - 1;
    }

    private static long[] synthetic(int pairs, double lambda, double missing, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        long[] patterns = new long[pairs];
        for (int k = 0; k < pairs; k++) {
            boolean match = random.nextDouble() < lambda;
            long pattern = 0;
            for (int c = 0; c < M.length; c++) {
                int level = random.nextDouble() < missing ? Comparisons.NULL : draw(match ? M[c] : U[c], random);
                pattern |= (long) level << (4 * c);
            }
            patterns[k] = pattern;
        }
        return patterns;
    }

    @Test
    void shouldRecoverTheMatchProbabilitiesAndProportionOfASyntheticModel() {
        long[][] distinct = Em.distinct(synthetic(200_000, 0.2, 0.1, 7));

        Em em = Em.fit(distinct[0], distinct[1], U, 1000, 1e-9);

        assertThat(em.converged).isTrue();
        assertThat(em.lambda).isCloseTo(0.2, within(0.01));
        for (int c = 0; c < M.length; c++) {
            for (int l = 0; l < M[c].length; l++) {
                assertThat(em.m[c][l]).as("m[%d][%d]", c, l).isCloseTo(M[c][l], within(0.02));
            }
        }
    }

    @Test
    void shouldStopAtTheIterationLimitAndSayItDidNotConverge() {
        long[][] distinct = Em.distinct(synthetic(10_000, 0.2, 0.0, 3));

        Em em = Em.fit(distinct[0], distinct[1], U, 2, 1e-12);

        assertThat(em.converged).isFalse();
        assertThat(em.iterations).isEqualTo(2);
    }

    @Test
    void shouldCountDistinctPatterns() {
        long[][] distinct = Em.distinct(new long[] {5, 3, 5, 5, 3, 9});

        assertThat(distinct[0]).containsExactly(3, 5, 9);
        assertThat(distinct[1]).containsExactly(2, 3, 1);
    }
}
