package uk.contactpoint.linkage;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;

/**
 * Links a set of records without labels: standardise, find placeholder dates, count value frequencies, block,
 * estimate u from random pairs and m by EM over the blocked pairs, score every blocked pair in parallel,
 * decide, and cluster with the guard of {@link Clustering}.
 */
public final class RecordLinker {

    private static final int CHUNK = 16_384;

    private final LinkageSettings settings;
    private final LinkageProgress progress;

    public RecordLinker(LinkageSettings settings, LinkageProgress progress) {
        this.settings = settings;
        this.progress = progress;
    }

    public RecordLinker() {
        this(LinkageSettings.defaults(), LinkageProgress.NONE);
    }

    /** Fits a model on the records and links them (within the set: every record with every other). */
    public LinkageResult link(List<LinkageRecord> records) {
        Standardised[] s = standardise(records);
        Fitted fitted = fit(s);
        LinkageModel model = fitted.model;
        PreparedRecords prepared = model.prepared(s);
        long[] pairs = fitted.pairs;
        long[] patterns = fitted.patterns;

        float[] weights = new float[pairs.length];
        byte[] conflicts = new byte[pairs.length];
        byte[] decisions = new byte[pairs.length];
        boolean[] link = new boolean[pairs.length];
        boolean[] separate = new boolean[pairs.length];
        double separateWeight = LinkageModel.log2(settings.separateProbability() / (1 - settings.separateProbability()));
        AtomicLong done = new AtomicLong();
        chunks(pairs.length).forEach(chunk -> {
            int from = chunk * CHUNK;
            int to = Math.min(pairs.length, from + CHUNK);
            for (int k = from; k < to; k++) {
                int i = (int) (pairs[k] >>> 32);
                int j = (int) pairs[k];
                double w = model.weight(prepared, i, j, patterns[k]);
                Conflict conflict = Comparisons.conflict(s[i], s[j], patterns[k]);
                Decision decision = model.decide(LinkageModel.probability(w), conflict, model.personWeight(patterns[k]));
                weights[k] = (float) w;
                conflicts[k] = (byte) conflict.ordinal();
                decisions[k] = (byte) decision.ordinal();
                link[k] = decision == Decision.LINK;
                separate[k] = conflict != Conflict.NONE || w <= separateWeight;
            }
            progress.update("score", done.addAndGet(to - from), pairs.length);
        });
        progress.update("cluster", 0, 1);
        int[] cluster = Clustering.clusters(s.length, pairs, weights, link, separate);
        progress.update("cluster", 1, 1);
        return new LinkageResult(model, pairs, weights, conflicts, decisions, cluster);
    }

    /** Fits a model only (for instance to score incoming records later with {@link LinkageModel#match}). */
    public LinkageModel fit(List<LinkageRecord> records) {
        return fit(standardise(records)).model;
    }

    private record Fitted(LinkageModel model, long[] pairs, long[] patterns) {
    }

    private Standardised[] standardise(List<LinkageRecord> records) {
        Standardiser standardiser = new Standardiser();
        Standardised[] s = new Standardised[records.size()];
        AtomicLong done = new AtomicLong();
        chunks(s.length).forEach(chunk -> {
            int from = chunk * CHUNK;
            int to = Math.min(s.length, from + CHUNK);
            for (int i = from; i < to; i++) {
                s[i] = standardiser.standardise(records.get(i));
            }
            progress.update("standardise", done.addAndGet(to - from), s.length);
        });
        return s;
    }

    private Fitted fit(Standardised[] s) {
        Placeholders placeholders = Placeholders.find(s);
        placeholders.apply(s);
        Map<String, Integer>[] tfCounts = LinkageModel.newTfMaps();
        long[] tfTotals = new long[LinkageModel.TF_COLUMNS.length];
        for (Standardised r : s) {
            for (int t = 0; t < tfTotals.length; t++) {
                String v = LinkageModel.tfValue(r, LinkageModel.TF_COLUMNS[t]);
                if (v != null) {
                    tfCounts[t].merge(v, 1, Integer::sum);
                    tfTotals[t]++;
                }
            }
        }

        progress.update("block", 0, 1);
        long[] pairs = Blocking.candidatePairs(s, settings.maxBlockSize());
        progress.update("block", 1, 1);

        double[][] u = estimateU(s);

        long[] patterns = new long[pairs.length];
        AtomicLong done = new AtomicLong();
        chunks(pairs.length).forEach(chunk -> {
            int from = chunk * CHUNK;
            int to = Math.min(pairs.length, from + CHUNK);
            for (int k = from; k < to; k++) {
                patterns[k] = Comparisons.pattern(s[(int) (pairs[k] >>> 32)], s[(int) pairs[k]]);
            }
            progress.update("compare", done.addAndGet(to - from), pairs.length);
        });

        boolean[] active = new boolean[Comparisons.COLUMNS];
        for (long p : patterns) {
            for (int c = 0; c < Comparisons.COLUMNS; c++) {
                active[c] |= Comparisons.level(p, c) != Comparisons.NULL;
            }
        }
        Em em = estimateM(patterns, u);
        // EM's proportion is among blocked pairs, which blocking has made mostly matches; the prior a score
        // needs is that of two random records, so scale by how many pairs blocking kept.
        double allPairs = Math.max(1.0, (double) s.length * (s.length - 1) / 2);
        double prior = Math.max(1.0 / allPairs, Math.min(0.5, em.lambda * pairs.length / allPairs));
        LinkageModel model = new LinkageModel(em.m, u, prior, active, tfCounts, tfTotals,
                placeholders.janFirst(), placeholders.dates(), settings, em.iterations, em.converged);
        return new Fitted(model, pairs, patterns);
    }

    // A session needs this many pairs to say anything; below it, one EM over all blocked pairs.
    private static final int MIN_SESSION_PAIRS = 200;

    /**
     * m by EM in sessions, as Splink trains it. Blocked pairs hold many people of one household (siblings
     * share surname, address and postcode) and many strangers who share a forename and a birthday; EM over
     * all of them can settle on "same household" as its match class. Each session takes the pairs that
     * agree on two fields, leaves those two out of its likelihood and estimates the others:
     * <ol>
     * <li>date of birth and surname agree: given name and the household fields;</li>
     * <li>given name and surname agree: date of birth and the household fields;</li>
     * <li>date of birth and given name agree: surname only, with the rest held at sessions 1 and 2, so that
     *     strangers with the same forename and birthday are recognised by their different addresses.</li>
     * </ol>
     * A last EM over all blocked pairs, m held, gives the proportion of matches.
     */
    private Em estimateM(long[] patterns, double[][] u) {
        long[][] all = Em.distinct(patterns);
        boolean[] everything = new boolean[Comparisons.COLUMNS];
        java.util.Arrays.fill(everything, true);
        boolean[] nothing = new boolean[Comparisons.COLUMNS];
        // swapped names leave the family level null; they belong with the pairs whose surname agrees
        long[][] dateAndFamily = select(all, p -> dateAgrees(p)
                && (familyAgrees(p) || Comparisons.level(p, Comparisons.GIVEN) == Comparisons.GIVEN_SWAPPED));
        long[][] givenAndFamily = select(all, p -> givenAgrees(p) && familyAgrees(p));
        long[][] dateAndGiven = select(all, p -> dateAgrees(p) && givenAgrees(p));
        double[][] m;
        if (total(dateAndFamily) < MIN_SESSION_PAIRS || total(givenAndFamily) < MIN_SESSION_PAIRS
                || total(dateAndGiven) < MIN_SESSION_PAIRS) {
            m = Em.fit(all[0], all[1], u, Em.initialM(u), everything, everything, settings.emMaxIterations(),
                    settings.emTolerance()).m;
        } else {
            boolean[] one = without(everything, Comparisons.DOB, Comparisons.FAMILY);
            boolean[] two = without(everything, Comparisons.GIVEN, Comparisons.FAMILY);
            Em first = Em.fit(dateAndFamily[0], dateAndFamily[1], u, Em.initialM(u), one, one,
                    settings.emMaxIterations(), settings.emTolerance());
            Em second = Em.fit(givenAndFamily[0], givenAndFamily[1], u, first.m, two, two,
                    settings.emMaxIterations(), settings.emTolerance());
            m = new double[Comparisons.COLUMNS][];
            for (int c = 0; c < Comparisons.COLUMNS; c++) {
                m[c] = switch (c) {
                    case Comparisons.GIVEN, Comparisons.FAMILY -> first.m[c];
                    case Comparisons.DOB -> second.m[c];
                    default -> average(first.m[c], second.m[c]);
                };
            }
            boolean[] familyOnly = nothing.clone();
            familyOnly[Comparisons.FAMILY] = true;
            Em third = Em.fit(dateAndGiven[0], dateAndGiven[1], u, m, without(everything, Comparisons.DOB,
                    Comparisons.GIVEN), familyOnly, settings.emMaxIterations(), settings.emTolerance());
            m[Comparisons.FAMILY] = third.m[Comparisons.FAMILY];
        }
        Em prior = Em.fit(all[0], all[1], u, m, everything, nothing, settings.emMaxIterations(), settings.emTolerance());
        progress.update("estimate", 1, 1);
        return prior;
    }

    private static boolean dateAgrees(long pattern) {
        int dob = Comparisons.level(pattern, Comparisons.DOB);
        return dob == 0 || dob == Comparisons.DOB_SWAPPED;
    }

    private static boolean givenAgrees(long pattern) {
        int given = Comparisons.level(pattern, Comparisons.GIVEN);
        return given <= Comparisons.GIVEN_PHONETIC && given != Comparisons.GIVEN_MIDDLE;
    }

    private static boolean familyAgrees(long pattern) {
        return Comparisons.level(pattern, Comparisons.FAMILY) <= Comparisons.FAMILY_PHONETIC;
    }

    private static boolean[] without(boolean[] columns, int a, int b) {
        boolean[] out = columns.clone();
        out[a] = false;
        out[b] = false;
        return out;
    }

    private static long[][] select(long[][] distinct, java.util.function.LongPredicate keep) {
        int n = 0;
        long[] values = new long[distinct[0].length];
        long[] counts = new long[distinct[0].length];
        for (int i = 0; i < distinct[0].length; i++) {
            if (keep.test(distinct[0][i])) {
                values[n] = distinct[0][i];
                counts[n++] = distinct[1][i];
            }
        }
        return new long[][] {java.util.Arrays.copyOf(values, n), java.util.Arrays.copyOf(counts, n)};
    }

    private static long total(long[][] distinct) {
        long total = 0;
        for (long c : distinct[1]) {
            total += c;
        }
        return total;
    }

    private static double[] average(double[] a, double[] b) {
        double[] out = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = (a[i] + b[i]) / 2;
        }
        return out;
    }

    /**
     * u: the share of each level among random record pairs, nearly all of them non-matches. All pairs when
     * there are few records. Laplace smoothing keeps rare levels finite.
     */
    private double[][] estimateU(Standardised[] s) {
        int n = s.length;
        long allPairs = (long) n * (n - 1) / 2;
        boolean exhaustive = allPairs <= settings.uSampleSize();
        long samples = exhaustive ? allPairs : settings.uSampleSize();
        int chunks = (int) Math.max(1, Math.min(64, samples / 10_000));
        long[][][] counts = new long[chunks][Comparisons.COLUMNS][16];
        AtomicLong done = new AtomicLong();
        IntStream.range(0, chunks).parallel().forEach(chunk -> {
            long[][] local = counts[chunk];
            long from = samples * chunk / chunks;
            long to = samples * (chunk + 1) / chunks;
            SplittableRandom random = new SplittableRandom(settings.seed() * 31 + chunk);
            int i = 0;
            int j = 0;
            if (exhaustive && from < to) {
                // pair number -> (i, j), walking forward; 0 or 1 record have no pair, and the walk would never end
                long index = from;
                i = 0;
                while (index >= n - 1 - i) {
                    index -= n - 1 - i;
                    i++;
                }
                j = (int) (i + 1 + index);
            }
            for (long k = from; k < to; k++) {
                int a;
                int b;
                if (exhaustive) {
                    a = i;
                    b = j;
                    if (++j == n) {
                        i++;
                        j = i + 1;
                    }
                } else {
                    a = random.nextInt(n);
                    b = random.nextInt(n - 1);
                    if (b >= a) {
                        b++;
                    }
                }
                long pattern = Comparisons.pattern(s[a], s[b]);
                for (int c = 0; c < Comparisons.COLUMNS; c++) {
                    local[c][Comparisons.level(pattern, c)]++;
                }
            }
            progress.update("sample", done.addAndGet(to - from), samples);
        });
        double[][] u = new double[Comparisons.COLUMNS][];
        for (int c = 0; c < Comparisons.COLUMNS; c++) {
            int levels = Comparisons.LEVELS[c].length;
            long nonNull = 0;
            long[] perLevel = new long[levels];
            for (long[][] local : counts) {
                for (int l = 0; l < levels; l++) {
                    perLevel[l] += local[c][l];
                    nonNull += local[c][l];
                }
            }
            u[c] = new double[levels];
            for (int l = 0; l < levels; l++) {
                u[c][l] = (perLevel[l] + 1.0) / (nonNull + levels);
            }
        }
        return u;
    }

    private static IntStream chunks(int items) {
        return IntStream.range(0, (items + CHUNK - 1) / CHUNK).parallel();
    }

    /**
     * Dates that stand for "unknown": the fixed list in {@link Standardiser}, 1 January when it is far more
     * common than an average day, and any single date held by implausibly many records.
     */
    record Placeholders(boolean janFirst, int[] dates) {

        static Placeholders find(Standardised[] s) {
            Map<Integer, Integer> perDate = new java.util.HashMap<>();
            long dated = 0;
            long janFirst = 0;
            for (Standardised r : s) {
                if (r.hasDob()) {
                    dated++;
                    perDate.merge(r.dob, 1, Integer::sum);
                    if (r.month == 1 && r.day == 1) {
                        janFirst++;
                    }
                }
            }
            if (dated == 0) {
                return new Placeholders(false, new int[0]);
            }
            // 1 January of the years present: expected about dated/365 overall
            double expectedDay = dated / 365.25;
            boolean frequentJanFirst = janFirst >= 10 && janFirst > 5 * expectedDay;
            // distinct dates: a single date with 50 times the average count and at least 20 records
            double meanPerDate = (double) dated / perDate.size();
            int[] spikes = perDate.entrySet().stream()
                    .filter(e -> e.getValue() >= 20 && e.getValue() > 50 * meanPerDate)
                    .mapToInt(Map.Entry::getKey).toArray();
            return new Placeholders(frequentJanFirst, spikes);
        }

        void apply(Standardised[] s) {
            for (Standardised r : s) {
                if (!r.hasDob()) {
                    continue;
                }
                boolean placeholder = janFirst && r.month == 1 && r.day == 1;
                for (int d : dates) {
                    placeholder |= d == r.dob;
                }
                if (placeholder) {
                    r.dob = Standardised.NO_DATE;
                    r.dobDigits = null;
                }
            }
        }
    }
}
