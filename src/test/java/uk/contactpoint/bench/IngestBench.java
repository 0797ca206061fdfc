package uk.contactpoint.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

import uk.contactpoint.ContactPointApplication;
import uk.contactpoint.directory.Directory;
import uk.contactpoint.ingest.CsvReader;
import uk.contactpoint.ingest.OrganisationIngestion;
import uk.contactpoint.ingest.ReferenceSource;
import uk.contactpoint.ingest.FeedIngestion;
import uk.contactpoint.ingest.FeedSource;
import uk.contactpoint.ingest.IngestSummary;

/**
 * Benchmark (not a test): the five feeds of a generated population applied to an empty directory, end to end
 * (parse, validate, standardise, block, score, decide, persist), with the result checked against the
 * generator's truth: false merges (a directory child holding rows of two true children), duplicates (extra
 * directory children of one true child), true children without a record, rows held for review.
 *
 * <p>Run on a new, empty database: {@code ./mvnw -q test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=uk.contactpoint.bench.IngestBench -Dexec.args="jdbc:postgresql://127.0.0.1:5432/DB GEN_DIR [CHUNK]"}
 * where GEN_DIR is the output of {@code generate --as-of 2026-03-15}.
 */
public final class IngestBench {

    private static final LocalDate AS_OF = LocalDate.of(2026, 3, 15);
    private static final List<FeedSource> ORDER = List.of(FeedSource.NHS_DEMOGRAPHICS, FeedSource.SCHOOL_CENSUS,
            FeedSource.CHILD_BENEFIT, FeedSource.BIRTHS, FeedSource.LA_SERVICES);

    public static void main(String[] args) throws Exception {
        String url = args[0];
        Path population = Path.of(args[1]);
        int chunk = args.length > 2 ? Integer.parseInt(args[2]) : FeedIngestion.DEFAULT_CHUNK_ROWS;
        List<String> options = new ArrayList<>(List.of("--spring.main.web-application-type=none",
                "--logging.level.root=WARN", "--logging.level.uk.contactpoint.ingest=INFO", "--spring.datasource.url=" + url, "--contactpoint.demo.enabled=false",
                "--contactpoint.search.backfill=false", "--contactpoint.scheduling.enabled=false"));
        if (url.startsWith("jdbc:postgresql")) {
            options.add("--spring.datasource.username=postgres");
            options.add("--spring.datasource.password=");
        }
        Map<FeedSource, long[]> truth = truth(population.resolve("truth/feed-rows.csv"));
        try (ConfigurableApplicationContext context = new SpringApplication(ContactPointApplication.class)
                .run(options.toArray(String[]::new))) {
            Directory directory = context.getBean(Directory.class);
            FeedIngestion ingestion = context.getBean(FeedIngestion.class);
            long organisations = loadOrganisations(context.getBean(OrganisationIngestion.class), population);
            System.out.printf("organisations loaded: %,d%n", organisations);

            Map<Long, Long> trueChildOf = new HashMap<>();
            Map<Long, List<String>> rowsOf = new HashMap<>();
            Set<Long> falselyMerged = new HashSet<>();
            Map<Long, Set<Long>> recordsOf = new HashMap<>();
            Set<Long> trueInReview = new HashSet<>();
            long totalRows = 0;
            long totalMillis = 0;
            long started = System.nanoTime();
            for (FeedSource source : ORDER) {
                long[] rows = truth.get(source);
                IngestSummary s = ingestion.apply(source, population.resolve(source.cliName() + ".csv"), chunk, AS_OF,
                        r -> { }, (done, bytes) -> { }, (row, outcome, child) -> {
                            long trueChild = row < rows.length ? rows[(int) row] : 0;
                            if (trueChild == 0) {
                                return;
                            }
                            if (child == null) {
                                trueInReview.add(trueChild);
                                return;
                            }
                            rowsOf.computeIfAbsent(child, k -> new ArrayList<>(3)).add(source.cliName() + ":" + row + ":" + trueChild);
                            Long before = trueChildOf.putIfAbsent(child, trueChild);
                            if (before != null && before != trueChild) {
                                falselyMerged.add(child);
                            }
                            recordsOf.computeIfAbsent(trueChild, k -> new HashSet<>(2)).add(child);
                        });
                totalRows += s.rowsRead();
                totalMillis += s.millis();
                System.out.printf("%-17s rows %,9d rejected %,6d linked %,9d new %,9d review %,7d quarantined %,4d"
                                + "  %,7.1f s  %,8d rows/s%n", source.cliName(), s.rowsRead(), s.rejected(), s.linked(),
                        s.created(), s.review(), s.quarantined(), s.millis() / 1000.0, s.rowsPerSecond());
            }
            double wall = (System.nanoTime() - started) / 1e9;
            String dump = System.getProperty("falseMerges");
            if (dump != null) {
                List<String> lines = new ArrayList<>();
                for (Long child : falselyMerged) {
                    lines.add(child + " " + String.join(" ", rowsOf.get(child)));
                }
                Files.write(Path.of(dump), lines);
            }
            long duplicates = recordsOf.values().stream().mapToLong(s -> s.size() - 1).sum();
            long duplicatesUnreviewed = recordsOf.entrySet().stream()
                    .filter(e -> !trueInReview.contains(e.getKey())).mapToLong(e -> e.getValue().size() - 1).sum();
            Set<Long> trueChildren = new HashSet<>();
            for (long[] rows : truth.values()) {
                for (long c : rows) {
                    if (c != 0) {
                        trueChildren.add(c);
                    }
                }
            }
            long withoutRecord = trueChildren.stream().filter(c -> !recordsOf.containsKey(c)).count();
            System.out.printf("all feeds: %,d rows in %.1f s of ingestion (%,.0f rows/s), %.1f s wall clock%n", totalRows,
                    totalMillis / 1000.0, totalRows * 1000.0 / Math.max(1, totalMillis), wall);
            System.out.printf("quality: %,d true children in the feeds, %,d directory children (%,d in the directory),"
                            + " false merges %,d (%.4f%%), duplicates %,d (%.4f%%), of which not in review %,d (%.4f%%),"
                            + " true children without a record %,d (%,d of them with rows in review)%n",
                    trueChildren.size(), trueChildOf.size(), directory.count(), falselyMerged.size(),
                    100.0 * falselyMerged.size() / Math.max(1, trueChildOf.size()), duplicates,
                    100.0 * duplicates / Math.max(1, trueChildren.size()), duplicatesUnreviewed,
                    100.0 * duplicatesUnreviewed / Math.max(1, trueChildren.size()), withoutRecord,
                    trueChildren.stream().filter(c -> !recordsOf.containsKey(c) && trueInReview.contains(c)).count());
        }
        // exec:java waits for every non-daemon thread the application left; the figures are printed
        System.exit(0);
    }

    /** The true child of every feed row, by feed and row number (0 where the truth names none). */
    private static Map<FeedSource, long[]> truth(Path file) throws IOException {
        Map<FeedSource, List<long[]>> pairs = new EnumMap<>(FeedSource.class);
        Map<String, FeedSource> byName = new HashMap<>();
        for (FeedSource s : FeedSource.values()) {
            byName.put(s.cliName(), s);
            pairs.put(s, new ArrayList<>());
        }
        try (CsvReader csv = new CsvReader(Files.newBufferedReader(file, StandardCharsets.UTF_8))) {
            csv.next();
            for (String[] f = csv.next(); f != null; f = csv.next()) {
                pairs.get(byName.get(f[0])).add(new long[] {Long.parseLong(f[1]), Long.parseLong(f[2])});
            }
        }
        Map<FeedSource, long[]> out = new EnumMap<>(FeedSource.class);
        pairs.forEach((source, list) -> {
            long max = list.stream().mapToLong(p -> p[0]).max().orElse(0);
            long[] rows = new long[(int) max + 1];
            for (long[] p : list) {
                rows[(int) p[0]] = p[1];
            }
            out.put(source, rows);
        });
        return out;
    }

    /**
     * Schools and GP practices through the reference-data path (the generator writes them in the GIAS and
     * epraccur layouts), so that the feeds' codes resolve.
     */
    private static long loadOrganisations(OrganisationIngestion organisations, Path population) throws IOException {
        long n = 0;
        for (var source : List.of(ReferenceSource.SCHOOLS, ReferenceSource.GP_PRACTICES)) {
            Path file = population.resolve(source == ReferenceSource.SCHOOLS ? "reference/edubasealldata.csv"
                    : "reference/epraccur.csv");
            n += organisations.apply(source, file, AS_OF, r -> { }, (rows, bytes) -> { }).added();
        }
        return n;
    }
}
