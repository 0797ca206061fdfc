package uk.contactpoint.linkage;

/**
 * The outcome of linking a set of records: the fitted model, every scored candidate pair and the clusters.
 * Pairs are held in arrays (a run can score millions); read them with {@link #pair(int)}.
 */
public final class LinkageResult {

    private final LinkageModel model;
    private final long[] pairs;
    private final float[] weights;
    private final byte[] conflicts;
    private final byte[] decisions;
    private final int[] cluster;

    LinkageResult(LinkageModel model, long[] pairs, float[] weights, byte[] conflicts, byte[] decisions,
            int[] cluster) {
        this.model = model;
        this.pairs = pairs;
        this.weights = weights;
        this.conflicts = conflicts;
        this.decisions = decisions;
        this.cluster = cluster;
    }

    public LinkageModel model() {
        return model;
    }

    public int recordCount() {
        return cluster.length;
    }

    public int pairCount() {
        return pairs.length;
    }

    public ScoredPair pair(int k) {
        double w = weights[k];
        return new ScoredPair((int) (pairs[k] >>> 32), (int) pairs[k], w, LinkageModel.probability(w),
                Decision.values()[decisions[k]], Conflict.values()[conflicts[k]]);
    }

    /** The cluster of record i, named by the smallest record index in it. */
    public int clusterOf(int i) {
        return cluster[i];
    }

    public int clusterCount() {
        int count = 0;
        for (int i = 0; i < cluster.length; i++) {
            count += cluster[i] == i ? 1 : 0;
        }
        return count;
    }

    public long count(Decision decision) {
        long count = 0;
        for (byte d : decisions) {
            count += d == decision.ordinal() ? 1 : 0;
        }
        return count;
    }
}
