package uk.contactpoint.linkage;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The labelled test data in src/test/resources/linkage (see PROVENANCE.md there), as records and truth. */
final class Datasets {

    record Labelled(List<LinkageRecord> records, List<String> truth) {
    }

    private Datasets() {
    }

    /** FEBRL: rec-N-org and rec-N-dup-k share N; values have a leading space; no field holds a comma. */
    static Labelled febrl(String file) {
        DateParser dates = DateParser.of("yyyyMMdd");
        List<LinkageRecord> records = new ArrayList<>();
        List<String> truth = new ArrayList<>();
        for (Map<String, String> row : rows(file)) {
            String id = row.get("rec_id");
            String address = join(row.get("street_number"), row.get("address_1"), row.get("address_2"));
            records.add(new LinkageRecord(id, blank(row.get("given_name")), blank(row.get("surname")),
                    dates.parse(row.get("date_of_birth")), Sex.UNKNOWN, blank(row.get("postcode")), address,
                    blank(row.get("suburb")), identifiers("soc_sec_id", row.get("soc_sec_id"))));
            truth.add(id.split("-")[1]);
        }
        return new Labelled(records, truth);
    }

    /** Splink's fake person data: group is the truth; the e-mail address serves as an identifier. */
    static Labelled splink(String file) {
        DateParser dates = DateParser.of(DateParser.ISO);
        List<LinkageRecord> records = new ArrayList<>();
        List<String> truth = new ArrayList<>();
        for (Map<String, String> row : rows(file)) {
            records.add(new LinkageRecord(row.get("unique_id"), blank(row.get("first_name")), blank(row.get("surname")),
                    dates.parse(row.get("dob")), Sex.UNKNOWN, null, null, blank(row.get("city")),
                    identifiers("email", row.get("email"))));
            truth.add(row.get("group"));
        }
        return new Labelled(records, truth);
    }

    private static List<Identifier> identifiers(String kind, String value) {
        return value == null || value.isBlank() ? List.of() : List.of(new Identifier(kind, value));
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    private static String join(String... parts) {
        StringBuilder out = new StringBuilder();
        for (String p : parts) {
            if (p != null && !p.isBlank()) {
                out.append(out.length() == 0 ? "" : " ").append(p.trim());
            }
        }
        return out.length() == 0 ? null : out.toString();
    }

    private static List<Map<String, String>> rows(String file) {
        try (InputStream in = Datasets.class.getResourceAsStream("/linkage/" + file)) {
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String[] header = reader.readLine().split(",", -1);
            for (int i = 0; i < header.length; i++) {
                header[i] = header[i].trim();
            }
            List<Map<String, String>> rows = new ArrayList<>();
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                String[] values = line.split(",", -1);
                Map<String, String> row = new HashMap<>();
                for (int i = 0; i < header.length; i++) {
                    row.put(header[i], i < values.length ? values[i].trim() : "");
                }
                rows.add(row);
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Pairwise precision, recall and F1 of clusters against truth labels. */
    record Quality(long truePairs, long predictedPairs, long correctPairs) {
        double precision() {
            return predictedPairs == 0 ? 1 : (double) correctPairs / predictedPairs;
        }

        double recall() {
            return truePairs == 0 ? 1 : (double) correctPairs / truePairs;
        }

        double f1() {
            double p = precision();
            double r = recall();
            return p + r == 0 ? 0 : 2 * p * r / (p + r);
        }

        @Override
        public String toString() {
            return String.format(java.util.Locale.ROOT,
                    "precision %.4f recall %.4f F1 %.4f (true pairs %d, predicted %d, correct %d)", precision(),
                    recall(), f1(), truePairs, predictedPairs, correctPairs);
        }
    }

    static Quality quality(LinkageResult result, List<String> truth) {
        Map<String, Long> truthSizes = new HashMap<>();
        Map<Integer, Long> clusterSizes = new HashMap<>();
        Map<String, Long> both = new HashMap<>();
        for (int i = 0; i < truth.size(); i++) {
            truthSizes.merge(truth.get(i), 1L, Long::sum);
            clusterSizes.merge(result.clusterOf(i), 1L, Long::sum);
            both.merge(result.clusterOf(i) + "/" + truth.get(i), 1L, Long::sum);
        }
        return new Quality(pairs(truthSizes.values()), pairs(clusterSizes.values()), pairs(both.values()));
    }

    private static long pairs(Iterable<Long> sizes) {
        long total = 0;
        for (long s : sizes) {
            total += s * (s - 1) / 2;
        }
        return total;
    }
}
