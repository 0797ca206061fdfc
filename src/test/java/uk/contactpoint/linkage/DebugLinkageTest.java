package uk.contactpoint.linkage;

import java.util.*;
import org.junit.jupiter.api.Test;

class DebugLinkageTest {

    @Test
    void debug() {
        String which = System.getProperty("ds", "febrl2.csv");
        Datasets.Labelled data = which.startsWith("febrl") ? Datasets.febrl(which) : Datasets.splink(which);
        LinkageResult result = new RecordLinker().link(data.records());
        System.out.println(result.model().describe());
        System.out.println(Datasets.quality(result, data.truth()));
        Standardiser st = new Standardiser();
        PreparedRecords p = result.model().prepare(data.records());
        Set<Long> blocked = new HashSet<>();
        for (int k = 0; k < result.pairCount(); k++) {
            ScoredPair s = result.pair(k);
            blocked.add((long) s.left() << 32 | s.right());
        }
        int notBlocked = 0, shown = 0;
        Map<String, Integer> conflictFn = new TreeMap<>();
        List<String> truth = data.truth();
        Map<String, List<Integer>> groups = new HashMap<>();
        for (int i = 0; i < truth.size(); i++) groups.computeIfAbsent(truth.get(i), x -> new ArrayList<>()).add(i);
        for (List<Integer> g : groups.values()) {
            for (int x = 0; x < g.size(); x++) for (int y = x + 1; y < g.size(); y++) {
                int i = Math.min(g.get(x), g.get(y)), j = Math.max(g.get(x), g.get(y));
                if (result.clusterOf(i) == result.clusterOf(j)) continue;
                if (!blocked.contains((long) i << 32 | j)) { notBlocked++; if (shown++ < 15) System.out.println("NOTBLOCKED " + show(data, i) + " | " + show(data, j)); continue; }
                ScoredPair s = result.model().score(p, i, j);
                conflictFn.merge(s.decision() + "/" + s.conflict(), 1, Integer::sum);
                if (shown++ < 60) System.out.println("FN " + s.decision() + " " + s.conflict() + " w=" + String.format("%.1f", s.weight()) + " " + levels(p, i, j) + "\n   " + show(data, i) + "\n   " + show(data, j));
            }
        }
        System.out.println("missed not blocked " + notBlocked + " " + conflictFn);
        int fp = 0;
        for (int k = 0; k < result.pairCount(); k++) {
            ScoredPair s = result.pair(k);
            if (result.clusterOf(s.left()) == result.clusterOf(s.right()) && !truth.get(s.left()).equals(truth.get(s.right())) && fp++ < 30) {
                System.out.println("FP " + s.decision() + " w=" + String.format("%.1f", s.weight()) + " " + levels(p, s.left(), s.right()) + "\n   " + show(data, s.left()) + "\n   " + show(data, s.right()));
            }
        }
    }

    static String levels(PreparedRecords p, int i, int j) {
        long pat = Comparisons.pattern(p.records[i], p.records[j]);
        StringBuilder b = new StringBuilder();
        for (int c = 0; c < Comparisons.COLUMNS; c++) {
            int l = Comparisons.level(pat, c);
            if (l != Comparisons.NULL) b.append(Comparisons.COLUMN_NAMES[c]).append('=').append(Comparisons.LEVELS[c][l]).append(' ');
        }
        return b.toString();
    }

    static String show(Datasets.Labelled d, int i) {
        LinkageRecord r = d.records().get(i);
        return r.id() + "," + r.givenName() + "," + r.familyName() + "," + r.dateOfBirth() + "," + r.postcode() + "," + r.address() + "," + r.locality() + "," + r.identifiers().stream().map(Identifier::value).toList();
    }
}
