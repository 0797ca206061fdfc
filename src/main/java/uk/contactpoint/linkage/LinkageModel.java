package uk.contactpoint.linkage;

import java.io.Serial;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A fitted Fellegi-Sunter model: per field and level, m (probability of the level among matches, by EM) and u
 * (among non-matches, by random sampling); the proportion of matches among blocked pairs (the prior); value
 * frequencies for term-frequency adjustment; placeholder dates; the decision thresholds. Immutable and
 * serialisable, so ingestion and search can score with the model a batch run fitted.
 */
public final class LinkageModel implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    // Columns whose exact level is adjusted by how common the value is.
    static final int[] TF_COLUMNS = {Comparisons.GIVEN, Comparisons.FAMILY, Comparisons.POSTCODE, Comparisons.LOCALITY};
    private static final double MAX_WEIGHT = 20;
    // A rare exact value can add at most this many bits over the average exact match; a common one lose more.
    private static final double TF_MAX_BOOST = 5;
    private static final double TF_MAX_PENALTY = 10;

    private final double[][] m;
    private final double[][] u;
    private final double lambda;
    private final boolean[] active;
    private final Map<String, Integer>[] tfCounts;
    private final long[] tfTotals;
    private final boolean janFirstPlaceholder;
    private final int[] placeholderDates;
    private final LinkageSettings settings;
    private final int emIterations;
    private final boolean emConverged;

    private final transient double[][] weights;
    private final transient double prior;

    @SuppressWarnings("unchecked")
    LinkageModel(double[][] m, double[][] u, double lambda, boolean[] active, Map<String, Integer>[] tfCounts,
            long[] tfTotals, boolean janFirstPlaceholder, int[] placeholderDates, LinkageSettings settings,
            int emIterations, boolean emConverged) {
        this.m = m;
        this.u = u;
        this.lambda = lambda;
        this.active = active;
        this.tfCounts = tfCounts;
        this.tfTotals = tfTotals;
        this.janFirstPlaceholder = janFirstPlaceholder;
        this.placeholderDates = placeholderDates;
        this.settings = settings;
        this.emIterations = emIterations;
        this.emConverged = emConverged;
        this.weights = new double[m.length][];
        for (int c = 0; c < m.length; c++) {
            weights[c] = new double[m[c].length];
            for (int l = 0; l < m[c].length; l++) {
                double w = active[c] ? log2(m[c][l] / u[c][l]) : 0;
                weights[c][l] = Math.max(-MAX_WEIGHT, Math.min(MAX_WEIGHT, w));
            }
            // A closer level never counts for less than a looser one: a level the data hardly holds (equal
            // identifiers where each source has its own kind) would otherwise get an arbitrary, even negative,
            // weight from smoothing alone.
            for (int l = m[c].length - 2; l >= 0; l--) {
                weights[c][l] = Math.max(weights[c][l], weights[c][l + 1]);
            }
        }
        this.prior = log2(lambda / (1 - lambda));
    }

    @Serial
    private Object readResolve() {
        return new LinkageModel(m, u, lambda, active, tfCounts, tfTotals, janFirstPlaceholder, placeholderDates,
                settings, emIterations, emConverged);
    }

    /** Log2 of the prior odds that two records picked at random are a match. */
    public double priorWeight() {
        return prior;
    }

    /** Probability that two records picked at random are a match (EM's matches over all record pairs). */
    public double matchProportion() {
        return lambda;
    }

    public int emIterations() {
        return emIterations;
    }

    public boolean emConverged() {
        return emConverged;
    }

    public LinkageSettings settings() {
        return settings;
    }

    /** Match weight (bits) of a field's level, by names as in {@link #describe()}; NaN if unknown. */
    public double levelWeight(String field, String level) {
        for (int c = 0; c < Comparisons.COLUMNS; c++) {
            if (Comparisons.COLUMN_NAMES[c].equals(field)) {
                for (int l = 0; l < Comparisons.LEVELS[c].length; l++) {
                    if (Comparisons.LEVELS[c][l].equals(level)) {
                        return weights[c][l];
                    }
                }
            }
        }
        return Double.NaN;
    }

    double weight(int column, int level) {
        return level == Comparisons.NULL ? 0 : weights[column][level];
    }

    double m(int column, int level) {
        return m[column][level];
    }

    double u(int column, int level) {
        return u[column][level];
    }

    /** The fitted parameters as text (field, level, m, u, weight): no personal data. */
    public String describe() {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "prior: %.3g (%.2f bits), EM %d iterations%s%n", lambda, prior,
                emIterations, emConverged ? "" : " (not converged)"));
        for (int c = 0; c < Comparisons.COLUMNS; c++) {
            if (!active[c]) {
                out.append(Comparisons.COLUMN_NAMES[c]).append(": not present in the data\n");
                continue;
            }
            for (int l = 0; l < m[c].length; l++) {
                out.append(String.format(Locale.ROOT, "%s %s: m %.5f u %.6f weight %.2f%n", Comparisons.COLUMN_NAMES[c],
                        Comparisons.LEVELS[c][l], m[c][l], u[c][l], weights[c][l]));
            }
        }
        return out.toString();
    }

    /** Standardises records for scoring with this model (placeholder dates dropped, frequencies looked up). */
    public PreparedRecords prepare(List<LinkageRecord> records) {
        Standardiser standardiser = new Standardiser();
        Standardised[] s = new Standardised[records.size()];
        java.util.stream.IntStream indexes = java.util.stream.IntStream.range(0, s.length);
        // a search's or a row's few dozen candidates are quicker on this thread than handed to the pool
        (s.length > 256 ? indexes.parallel() : indexes).forEach(i -> s[i] = standardiser.standardise(records.get(i)));
        return prepared(s);
    }

    /** Two prepared sets as one: the records of {@code a}, then those of {@code b} (indexes of b shift by a's size). */
    public PreparedRecords join(PreparedRecords a, PreparedRecords b) {
        Standardised[] records = new Standardised[a.records.length + b.records.length];
        System.arraycopy(a.records, 0, records, 0, a.records.length);
        System.arraycopy(b.records, 0, records, a.records.length, b.records.length);
        float[][] tf = new float[TF_COLUMNS.length][records.length];
        for (int t = 0; t < TF_COLUMNS.length; t++) {
            System.arraycopy(a.tf[t], 0, tf[t], 0, a.records.length);
            System.arraycopy(b.tf[t], 0, tf[t], a.records.length, b.records.length);
        }
        return new PreparedRecords(records, tf);
    }

    /**
     * Prepared sets as one, in order (the indexes of each shift by the sizes of those before it): a search joins
     * its prepared query to candidates prepared, and kept, earlier. Prepared records are not changed by scoring,
     * so one set may be joined into many.
     */
    public PreparedRecords join(List<PreparedRecords> parts) {
        int size = 0;
        for (PreparedRecords p : parts) {
            size += p.records.length;
        }
        Standardised[] records = new Standardised[size];
        float[][] tf = new float[TF_COLUMNS.length][size];
        int at = 0;
        for (PreparedRecords p : parts) {
            System.arraycopy(p.records, 0, records, at, p.records.length);
            for (int t = 0; t < TF_COLUMNS.length; t++) {
                System.arraycopy(p.tf[t], 0, tf[t], at, p.records.length);
            }
            at += p.records.length;
        }
        return new PreparedRecords(records, tf);
    }

    PreparedRecords prepared(Standardised[] records) {
        for (Standardised s : records) {
            dropPlaceholder(s);
        }
        float[][] tf = new float[TF_COLUMNS.length][records.length];
        for (int t = 0; t < TF_COLUMNS.length; t++) {
            int column = TF_COLUMNS[t];
            double uExact = u[column][0];
            for (int i = 0; i < records.length; i++) {
                String value = tfValue(records[i], column);
                if (value == null || tfTotals[t] == 0) {
                    continue;
                }
                double freq = Math.max(1, tfCounts[t].getOrDefault(value, 0)) / (double) tfTotals[t];
                double adjust = log2(uExact / freq);
                tf[t][i] = (float) Math.max(-TF_MAX_PENALTY, Math.min(TF_MAX_BOOST, adjust));
            }
        }
        return new PreparedRecords(records, tf);
    }

    private void dropPlaceholder(Standardised s) {
        if (!s.hasDob()) {
            return;
        }
        boolean placeholder = janFirstPlaceholder && s.month == 1 && s.day == 1;
        for (int p : placeholderDates) {
            placeholder |= p == s.dob;
        }
        if (placeholder) {
            s.dob = Standardised.NO_DATE;
            s.dobDigits = null;
        }
    }

    static String tfValue(Standardised s, int column) {
        return switch (column) {
            case Comparisons.GIVEN -> s.forename;
            case Comparisons.FAMILY -> s.family;
            case Comparisons.POSTCODE -> s.postcode;
            case Comparisons.LOCALITY -> s.locality;
            default -> null;
        };
    }

    /** Match weight in bits (prior included) of the pattern, with term-frequency adjustment. */
    double weight(PreparedRecords p, int i, int j, long pattern) {
        double w = prior;
        for (int c = 0; c < Comparisons.COLUMNS; c++) {
            int level = Comparisons.level(pattern, c);
            if (level != Comparisons.NULL) {
                w += weights[c][level];
            }
        }
        for (int t = 0; t < TF_COLUMNS.length; t++) {
            if (Comparisons.level(pattern, TF_COLUMNS[t]) == 0) {
                // both sides hold the same value; the rarer side's frequency is the better estimate
                w += Math.max(p.tf[t][i], p.tf[t][j]);
            }
        }
        return w;
    }

    /** Scores records i and j of a prepared set: the fast path the linker and the benchmark use. */
    public ScoredPair score(PreparedRecords p, int i, int j) {
        Standardised a = p.records[i];
        Standardised b = p.records[j];
        long pattern = Comparisons.pattern(a, b);
        double w = weight(p, i, j, pattern);
        Conflict conflict = Comparisons.conflict(a, b, pattern);
        double probability = probability(w);
        return new ScoredPair(i, j, w, probability, decide(probability, conflict, personWeight(pattern)), conflict);
    }

    /**
     * The blocking keys of a record, the same the linker indexes: a store that keeps them (a table or an
     * in-memory index) finds the candidates for an incoming record with one lookup per key. Hashes only, no
     * personal data.
     */
    public long[] blockingKeys(LinkageRecord record) {
        Standardised s = new Standardiser().standardise(record);
        dropPlaceholder(s);
        Blocking.LongList keys = new Blocking.LongList(16);
        Blocking.keys(s, keys::add);
        return java.util.Arrays.stream(keys.toArray()).distinct().toArray();
    }

    /**
     * The blocking keys of record {@code i} of a prepared set: the same as {@link #blockingKeys(LinkageRecord)}
     * without standardising the record a second time (a batch is prepared once, then keyed and scored).
     */
    public long[] blockingKeys(PreparedRecords p, int i) {
        Blocking.LongList keys = new Blocking.LongList(16);
        Blocking.keys(p.records[i], keys::add);
        return java.util.Arrays.stream(keys.toArray()).distinct().toArray();
    }

    /**
     * Scores an incoming record against candidates (found by the caller, for instance by blocking keys):
     * best first. Used by ingestion (link, review or new child) and search.
     */
    public List<Match> match(LinkageRecord incoming, List<LinkageRecord> candidates) {
        List<LinkageRecord> all = new ArrayList<>(candidates.size() + 1);
        all.add(incoming);
        all.addAll(candidates);
        PreparedRecords p = prepare(all);
        List<Match> matches = new ArrayList<>(candidates.size());
        for (int k = 1; k < all.size(); k++) {
            ScoredPair s = score(p, 0, k);
            matches.add(new Match(k - 1, s.weight(), s.probability(), s.decision(), s.conflict()));
        }
        matches.sort(Comparator.comparingDouble(Match::weight).reversed());
        return matches;
    }

    static double probability(double weight) {
        return 1.0 / (1.0 + Math.pow(2, -weight));
    }

    /**
     * Sum of the weights of the fields that belong to the person rather than the household (given name, date
     * of birth, sex, identifiers). Siblings agree on surname, address, postcode and locality, fields that
     * Fellegi-Sunter counts as independent evidence; a conflict with these fields against them is two people.
     */
    double personWeight(long pattern) {
        return weight(Comparisons.GIVEN, Comparisons.level(pattern, Comparisons.GIVEN))
                + weight(Comparisons.DOB, Comparisons.level(pattern, Comparisons.DOB))
                + weight(Comparisons.SEX, Comparisons.level(pattern, Comparisons.SEX))
                + weight(Comparisons.IDENTIFIER, Comparisons.level(pattern, Comparisons.IDENTIFIER));
    }

    Decision decide(double probability, Conflict conflict, double personWeight) {
        if (conflict != Conflict.NONE && personWeight < 0) {
            return Decision.NO_MATCH;
        }
        return decide(probability, conflict);
    }

    Decision decide(double probability, Conflict conflict) {
        if (probability >= settings.linkProbability() && conflict == Conflict.NONE) {
            return Decision.LINK;
        }
        if (probability >= settings.reviewProbability()
                || (conflict != Conflict.NONE && probability >= settings.linkProbability())) {
            return Decision.POSSIBLE_MATCH;
        }
        return Decision.NO_MATCH;
    }

    static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Integer>[] newTfMaps() {
        Map<String, Integer>[] maps = new Map[TF_COLUMNS.length];
        for (int t = 0; t < maps.length; t++) {
            maps[t] = new HashMap<>();
        }
        return maps;
    }
}
