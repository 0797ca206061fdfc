package uk.contactpoint.synthetic;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.function.Function;

import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import uk.contactpoint.directory.BulkLoad;
import uk.contactpoint.directory.BulkLoad.Table;
import uk.contactpoint.directory.Directory;

/**
 * Puts a generated population ({@code DIR/truth/} of the {@code generate} command) straight into the
 * directory, without matching: for benchmarks and demos at national scale. One transaction: all of it or,
 * on any failure, nothing. Only an empty directory can be loaded, since the truth's ids are its own.
 */
@Service
public class PopulationLoader {

    static final String SOURCE = "DEMO";
    private static final List<String> CHILD_FIELDS = List.of("name", "date_of_birth", "gender", "address",
            "date_of_death", "education_status", "responsible_la");
    private static final long CONTACTPOINT_ID_BASE = 10_000_000_000L;

    /** Told after each table, with the rows loaded so far in all tables. */
    public interface Progress {
        void loaded(String table, long rows, long totalRows);
    }

    /** What a load did: rows per table and the time it took. */
    public record Report(Map<String, Long> rows, long millis) {

        public long totalRows() {
            return rows.values().stream().mapToLong(Long::longValue).sum();
        }

        public long rowsPerSecond() {
            return millis == 0 ? totalRows() : totalRows() * 1000 / millis;
        }
    }

    private final BulkLoad bulk;
    private final Directory directory;
    private final TransactionTemplate transactions;
    private final Clock clock;

    PopulationLoader(BulkLoad bulk, Directory directory, TransactionTemplate transactions, Clock clock) {
        this.bulk = bulk;
        this.directory = directory;
        this.transactions = transactions;
        this.clock = clock;
    }

    /**
     * Loads the population under {@code from/truth/}.
     *
     * @throws IllegalStateException when the directory is not empty (nothing is changed)
     * @throws UncheckedIOException when a truth file is missing or unreadable (nothing is changed)
     */
    public Report load(Path from, Progress progress) {
        Path truth = from.resolve("truth");
        for (String file : List.of("organisations.csv", "children.csv", "carers.csv", "settings.csv", "involvements.csv",
                "identifiers.csv")) {
            if (!Files.isReadable(truth.resolve(file))) {
                throw new UncheckedIOException(new IOException(truth.resolve(file) + " is missing or unreadable: "
                        + "give the --out directory of the generate command"));
            }
        }
        long started = System.nanoTime();
        String asOf = LocalDate.now(clock).toString();
        String now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC)
                .format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ssxxx"));
        Map<String, Long> rows = new LinkedHashMap<>();
        transactions.executeWithoutResult(status -> {
            long existing = directory.count();
            if (existing > 0) {
                throw new IllegalStateException("load-population needs an empty directory; this one holds " + existing
                        + " children (start on a new data directory or database)");
            }
            step(rows, progress, "organisation", Table.ORGANISATION, truth.resolve("organisations.csv"),
                    f -> new String[] {f.get(0), f.get(1), f.get(2), f.get(3), f.get(4), f.get(5), f.get(6), f.get(7),
                            f.get(8), f.get(9), f.get(10), f.get(11), f.get(12), "true"});
            step(rows, progress, "child", Table.CHILD, truth.resolve("children.csv"),
                    f -> new String[] {childId(f.get(0)), f.get(0), f.get(2), f.get(3), f.get(4), f.get(6), gender(f.get(7)),
                            f.get(9), f.get(10), f.get(11), f.get(12), f.get(13), f.get(17), f.get(16), f.get(8), "LIVE",
                            bool(f.get(14)), now, now});
            step(rows, progress, "child_name", Table.CHILD_NAME, truth.resolve("children.csv"),
                    f -> f.get(5) == null ? null
                            : new String[] {childId(f.get(0)), "FORMER", f.get(2), f.get(5), SOURCE, asOf});
            step(rows, progress, "value_provenance", Table.VALUE_PROVENANCE, truth.resolve("children.csv"),
                    null, f -> CHILD_FIELDS.stream().map(field -> new String[] {childId(f.get(0)), field, SOURCE, asOf}).toList());
            step(rows, progress, "carer", Table.CARER, truth.resolve("carers.csv"),
                    f -> new String[] {childId(f.get(0)), f.get(3), f.get(4), f.get(2), bool(f.get(5)), bool(f.get(6)),
                            f.get(7), f.get(8), f.get(9), f.get(10), f.get(11), f.get(12), SOURCE, asOf});
            step(rows, progress, "child_setting", Table.CHILD_SETTING, truth.resolve("settings.csv"),
                    f -> new String[] {childId(f.get(0)), f.get(1), f.get(2), f.get(3), f.get(4), SOURCE, asOf});
            step(rows, progress, "involvement", Table.INVOLVEMENT, truth.resolve("involvements.csv"),
                    f -> new String[] {childId(f.get(0)), f.get(1), f.get(2), f.get(3), f.get(4), f.get(5), f.get(6),
                            f.get(7), f.get(8), f.get(9), bool(f.get(10)), bool(f.get(11)), bool(f.get(12)), SOURCE, asOf});
            // The pre-adoption NHS number is part of the truth only: the directory never links the two identities.
            step(rows, progress, "source_identifier", Table.SOURCE_IDENTIFIER, truth.resolve("identifiers.csv"),
                    f -> switch (f.get(1)) {
                        case "NHS_NUMBER" -> new String[] {childId(f.get(0)), "NHS_NUMBER", "NHS", f.get(2), SOURCE, asOf};
                        case "UPN" -> new String[] {childId(f.get(0)), "UPN", "DFE", f.get(2), SOURCE, asOf};
                        default -> null;
                    });
            bulk.resetIdentities();
        });
        // tables that went from empty to millions of rows: plan look-ups on what they hold now, and mark their pages
        // all-visible so that index-only scans stay in the index
        directory.tidyAfterBulkLoad();
        return new Report(rows, (System.nanoTime() - started) / 1_000_000);
    }

    private void step(Map<String, Long> rows, Progress progress, String name, Table table, Path file,
                      Function<List<String>, String[]> map) {
        step(rows, progress, name, table, file, map, null);
    }

    private void step(Map<String, Long> rows, Progress progress, String name, Table table, Path file,
                      Function<List<String>, String[]> map, Function<List<String>, List<String[]>> many) {
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            in.readLine();
            long loaded = bulk.load(table, new Rows(in, map, many));
            rows.put(name, loaded);
            progress.loaded(name, loaded, rows.values().stream().mapToLong(Long::longValue).sum());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The truth's child id is the ContactPoint ID; the row id is its sequence number. */
    static String childId(String contactPointId) {
        return Long.toString(Long.parseLong(contactPointId.substring(0, 11)) - CONTACTPOINT_ID_BASE);
    }

    static String gender(String sex) {
        return switch (sex) {
            case "F" -> "FEMALE";
            case "M" -> "MALE";
            default -> "NOT_SPECIFIED";
        };
    }

    static String bool(String yn) {
        return "Y".equals(yn) ? "true" : "false";
    }

    /** Streams mapped rows from a truth file; rows the mapping turns into null are skipped. */
    private static final class Rows implements Iterator<String[]> {

        private final BufferedReader in;
        private final Function<List<String>, String[]> map;
        private final Function<List<String>, List<String[]>> many;
        private final java.util.ArrayDeque<String[]> ready = new java.util.ArrayDeque<>();
        private boolean done;

        Rows(BufferedReader in, Function<List<String>, String[]> map, Function<List<String>, List<String[]>> many) {
            this.in = in;
            this.map = map;
            this.many = many;
        }

        @Override
        public boolean hasNext() {
            while (ready.isEmpty() && !done) {
                try {
                    String line = in.readLine();
                    if (line == null) {
                        done = true;
                        break;
                    }
                    List<String> fields = ReferenceData.splitCsv(line).stream().map(v -> v.isEmpty() ? null : v).toList();
                    if (many != null) {
                        ready.addAll(many.apply(fields));
                    } else {
                        String[] row = map.apply(fields);
                        if (row != null) {
                            ready.add(row);
                        }
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            return !ready.isEmpty();
        }

        @Override
        public String[] next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            return ready.poll();
        }
    }
}
