package uk.contactpoint.linkage;

import java.io.Serializable;

/**
 * Choices made before seeing any data, none of them from labels.
 *
 * @param linkProbability posterior probability of a match at or above which a pair links automatically
 * @param reviewProbability posterior at or above which a pair that does not link is a possible match
 * @param separateProbability posterior at or below which a pair is strong evidence of two people: the
 *     clustering never merges two groups that such a pair spans
 * @param maxBlockSize blocks with more records than this are skipped
 * @param uSampleSize random record pairs compared to estimate u
 * @param emMaxIterations upper bound on EM iterations
 * @param emTolerance EM stops when no parameter moves by more than this
 * @param seed seed of the random sampling (same data and seed, same model)
 */
public record LinkageSettings(double linkProbability, double reviewProbability, double separateProbability,
        int maxBlockSize, int uSampleSize, int emMaxIterations, double emTolerance, long seed)
        implements Serializable {

    public static LinkageSettings defaults() {
        return new LinkageSettings(0.99, 0.2, 0.001, 100, 250_000, 200, 1e-6, 1);
    }

    public LinkageSettings {
        if (!(reviewProbability <= linkProbability && separateProbability < reviewProbability)) {
            throw new IllegalArgumentException("need separate < review <= link probability");
        }
        if (maxBlockSize < 2 || uSampleSize < 1 || emMaxIterations < 1) {
            throw new IllegalArgumentException("block size, sample size and iterations must be positive");
        }
    }
}
