package uk.contactpoint.linkage;

import java.util.Arrays;

/**
 * Connected components over links, strongest link first, with a guard against chains. Before two groups
 * merge, the scored pairs spanning them are counted: those that say "two people" (a hard conflict, the
 * given-name guard, or a posterior below the separate threshold) against those that are links. If any pair
 * says "two people", the groups merge only when the links spanning them outnumber it. Twins A (records A1,
 * A2) and B: a mistaken link A2~B1 is outvoted by the conflict A1~B1, so the twins stay apart; a record with
 * one corrupted field still joins a group with which it links more often than it conflicts.
 */
final class Clustering {

    private Clustering() {
    }

    /**
     * @param pairs candidate pairs (i << 32 | j)
     * @param weights match weight of each pair
     * @param link whether each pair is a link
     * @param separate whether each pair says "two people" (hard conflict or very low weight)
     * @return for each record, the smallest record index of its cluster
     */
    static int[] clusters(int n, long[] pairs, float[] weights, boolean[] link, boolean[] separate) {
        int[][] separateAdjacency = adjacency(n, pairs, separate);
        int[] start = separateAdjacency[0];
        int[] other = separateAdjacency[1];
        int[][] linkAdjacency = adjacency(n, pairs, link);
        int[] linkStart = linkAdjacency[0];
        int[] linkOther = linkAdjacency[1];

        // links, strongest first (weights of links are positive, so float bits order them)
        int links = 0;
        for (boolean l : link) {
            links += l ? 1 : 0;
        }
        long[] order = new long[links];
        int at = 0;
        for (int k = 0; k < pairs.length; k++) {
            if (link[k]) {
                int bits = Float.floatToIntBits(Math.max(0f, weights[k]));
                order[at++] = (long) (Integer.MAX_VALUE - bits) << 32 | k;
            }
        }
        Arrays.sort(order);

        int[] parent = new int[n];
        int[] size = new int[n];
        int[] next = new int[n]; // circular member lists, spliced in O(1) on a merge
        for (int i = 0; i < n; i++) {
            parent[i] = i;
            size[i] = 1;
            next[i] = i;
        }
        for (long o : order) {
            int k = (int) o;
            int ra = find(parent, (int) (pairs[k] >>> 32));
            int rb = find(parent, (int) pairs[k]);
            if (ra == rb) {
                continue;
            }
            int small = size[ra] <= size[rb] ? ra : rb;
            int large = small == ra ? rb : ra;
            int against = spans(small, large, parent, next, start, other);
            if (against > 0 && spans(small, large, parent, next, linkStart, linkOther) <= against) {
                continue;
            }
            parent[small] = large;
            size[large] += size[small];
            int t = next[small];
            next[small] = next[large];
            next[large] = t;
        }
        int[] smallest = new int[n];
        Arrays.fill(smallest, Integer.MAX_VALUE);
        int[] cluster = new int[n];
        for (int i = 0; i < n; i++) {
            int r = find(parent, i);
            smallest[r] = Math.min(smallest[r], i);
        }
        for (int i = 0; i < n; i++) {
            cluster[i] = smallest[find(parent, i)];
        }
        return cluster;
    }

    // How many pairs of the given adjacency join a member of group small to a member of group large.
    private static int spans(int small, int large, int[] parent, int[] next, int[] start, int[] other) {
        int count = 0;
        int x = small;
        do {
            for (int e = start[x]; e < start[x + 1]; e++) {
                if (find(parent, other[e]) == large) {
                    count++;
                }
            }
            x = next[x];
        } while (x != small);
        return count;
    }

    private static int[][] adjacency(int n, long[] pairs, boolean[] selected) {
        int[] start = new int[n + 1];
        int count = 0;
        for (int k = 0; k < pairs.length; k++) {
            if (selected[k]) {
                start[(int) (pairs[k] >>> 32) + 1]++;
                start[(int) pairs[k] + 1]++;
                count++;
            }
        }
        for (int i = 0; i < n; i++) {
            start[i + 1] += start[i];
        }
        int[] fill = Arrays.copyOf(start, n);
        int[] other = new int[2 * count];
        for (int k = 0; k < pairs.length; k++) {
            if (selected[k]) {
                int a = (int) (pairs[k] >>> 32);
                int b = (int) pairs[k];
                other[fill[a]++] = b;
                other[fill[b]++] = a;
            }
        }
        return new int[][] {start, other};
    }

    private static int find(int[] parent, int i) {
        while (parent[i] != i) {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        return i;
    }
}
