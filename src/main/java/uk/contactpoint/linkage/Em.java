package uk.contactpoint.linkage;

import java.util.Arrays;

/**
 * Expectation-maximisation for m and the match proportion, with u held at its random-sampling estimate (so EM
 * cannot drift into modelling "same family" or "same street" as the match class). Works on the distinct
 * comparison patterns of the blocked pairs with their counts, so each iteration costs patterns, not pairs.
 */
final class Em {

    // Pseudo-count per level, so that a level EM never sees among matches keeps a finite weight.
    private static final double SMOOTHING = 0.1;

    final double[][] m;
    double lambda;
    int iterations;
    boolean converged;

    private Em(double[][] m, double lambda) {
        this.m = m;
        this.lambda = lambda;
    }

    /** Distinct patterns of a sorted copy of {@code patterns}, and how often each occurs. */
    static long[][] distinct(long[] patterns) {
        long[] sorted = patterns.clone();
        Arrays.parallelSort(sorted);
        long[] values = new long[sorted.length];
        long[] counts = new long[sorted.length];
        int n = 0;
        for (int i = 0; i < sorted.length; i++) {
            if (n > 0 && values[n - 1] == sorted[i]) {
                counts[n - 1]++;
            } else {
                values[n] = sorted[i];
                counts[n++] = 1;
            }
        }
        return new long[][] {Arrays.copyOf(values, n), Arrays.copyOf(counts, n)};
    }

    /** Starting m: "matches mostly agree", falling with the level (best level first). */
    static double[][] initialM(double[][] u) {
        double[][] m = new double[u.length][];
        for (int c = 0; c < u.length; c++) {
            int levels = u[c].length;
            m[c] = new double[levels];
            double sum = 0;
            for (int l = 0; l < levels; l++) {
                m[c][l] = Math.pow(0.25, l);
                sum += m[c][l];
            }
            for (int l = 0; l < levels; l++) {
                m[c][l] /= sum;
            }
        }
        return m;
    }

    static Em fit(long[] values, long[] counts, double[][] u, int maxIterations, double tolerance) {
        boolean[] all = new boolean[u.length];
        java.util.Arrays.fill(all, true);
        return fit(values, counts, u, initialM(u), all, all, maxIterations, tolerance);
    }

    /**
     * @param include columns in the likelihood (a column a session was selected on says nothing there)
     * @param update columns whose m is re-estimated; the others are held (none: the proportion only)
     */
    static Em fit(long[] values, long[] counts, double[][] u, double[][] initialM, boolean[] include,
            boolean[] update, int maxIterations, double tolerance) {
        int columns = u.length;
        double[][] m = new double[columns][];
        for (int c = 0; c < columns; c++) {
            m[c] = initialM[c].clone();
        }
        Em em = new Em(m, 0.1);
        double[][] logU = new double[columns][];
        for (int c = 0; c < columns; c++) {
            logU[c] = new double[u[c].length];
            for (int l = 0; l < u[c].length; l++) {
                logU[c][l] = Math.log(u[c][l]);
            }
        }
        for (em.iterations = 1; em.iterations <= maxIterations; em.iterations++) {
            double[][] logM = new double[columns][];
            for (int c = 0; c < columns; c++) {
                logM[c] = new double[m[c].length];
                for (int l = 0; l < m[c].length; l++) {
                    logM[c][l] = Math.log(m[c][l]);
                }
            }
            double[][] matchLevel = new double[columns][];
            double[] matchNonNull = new double[columns];
            for (int c = 0; c < columns; c++) {
                matchLevel[c] = new double[m[c].length];
            }
            double matches = 0;
            double total = 0;
            double logPrior = Math.log(em.lambda) - Math.log(1 - em.lambda);
            for (int p = 0; p < values.length; p++) {
                long pattern = values[p];
                double logOdds = logPrior;
                for (int c = 0; c < columns; c++) {
                    int level = Comparisons.level(pattern, c);
                    if (level != Comparisons.NULL && include[c]) {
                        logOdds += logM[c][level] - logU[c][level];
                    }
                }
                double posterior = 1.0 / (1.0 + Math.exp(-logOdds));
                double weight = posterior * counts[p];
                matches += weight;
                total += counts[p];
                for (int c = 0; c < columns; c++) {
                    int level = Comparisons.level(pattern, c);
                    if (level != Comparisons.NULL) {
                        matchLevel[c][level] += weight;
                        matchNonNull[c] += weight;
                    }
                }
            }
            double change = 0;
            for (int c = 0; c < columns; c++) {
                if (!include[c] || !update[c]) {
                    continue;
                }
                int levels = m[c].length;
                for (int l = 0; l < levels; l++) {
                    double next = (matchLevel[c][l] + SMOOTHING) / (matchNonNull[c] + SMOOTHING * levels);
                    change = Math.max(change, Math.abs(next - m[c][l]));
                    m[c][l] = next;
                }
            }
            double nextLambda = Math.min(1 - 1e-9, Math.max(1e-9, matches / Math.max(1, total)));
            change = Math.max(change, Math.abs(nextLambda - em.lambda));
            em.lambda = nextLambda;
            if (change < tolerance) {
                em.converged = true;
                break;
            }
        }
        em.iterations = Math.min(em.iterations, maxIterations);
        return em;
    }
}
