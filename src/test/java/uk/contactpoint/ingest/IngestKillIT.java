package uk.contactpoint.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import uk.contactpoint.synthetic.EnglandGenerator;

/**
 * A run of {@code ingest} killed part way through leaves the directory as after its last committed chunk, and
 * running the same file again finishes the batch: the result is the directory a clean single run makes. Runs the
 * command in separate JVMs (the test classpath) on H2 file databases.
 */
class IngestKillIT {

    private static final Pattern ROWS = Pattern.compile("(\\d+) rows,");

    @TempDir
    Path work;

    @Test
    void shouldFinishAKilledRunOnReRunAsIfItHadNeverBeenInterrupted() throws Exception {
        Path population = work.resolve("population");
        EnglandGenerator.generate(new EnglandGenerator.Request(10_000, 23, List.of("E06000014"), population,
                LocalDate.now().minusDays(1)), (done, total) -> { });
        Path feed = population.resolve("nhs-demographics.csv");

        Process killed = start(feed, work.resolve("killed"), "first");
        Instant deadline = Instant.now().plus(Duration.ofSeconds(120));
        long rowsAtKill = 0;
        while (Instant.now().isBefore(deadline) && killed.isAlive() && rowsAtKill < 2_000) {
            Thread.sleep(50);
            rowsAtKill = rowsReported(work.resolve("first.err"), rowsAtKill);
        }
        // H2 writes a commit to its file up to half a second after it (write delay): let the chunks reported so far
        // reach the file, so that the kill lands mid-run with committed work behind it (a chunk takes milliseconds).
        Thread.sleep(700);
        rowsAtKill = rowsReported(work.resolve("first.err"), rowsAtKill);
        assertThat(killed.isAlive()).as("still running when killed; err: %s", Files.readString(work.resolve("first.err")))
                .isTrue();
        killed.destroyForcibly();
        assertThat(killed.waitFor(30, TimeUnit.SECONDS)).isTrue();
        Counts afterKill = counts(work.resolve("killed"));
        // H2 writes commits to its file a moment later (write delay): the last chunks reported may be lost with the
        // process, as an uncommitted chunk is. Whatever is in the file is whole chunks.
        assertThat(afterKill.lastRow()).as("rows committed before the kill").isPositive().isLessThanOrEqualTo(rowsAtKill);
        assertThat(afterKill.lastRow() % 100).isZero();
        assertThat(afterKill.status()).isEqualTo("IN_PROGRESS");

        Process resumed = start(feed, work.resolve("killed"), "second");
        assertThat(resumed.waitFor(180, TimeUnit.SECONDS)).isTrue();
        assertThat(resumed.exitValue()).as(Files.readString(work.resolve("second.err"))).isZero();
        assertThat(Files.readString(work.resolve("second.out"))).contains("resuming after row " + afterKill.lastRow());

        Process clean = start(feed, work.resolve("clean"), "clean");
        assertThat(clean.waitFor(180, TimeUnit.SECONDS)).isTrue();
        assertThat(clean.exitValue()).as(Files.readString(work.resolve("clean.err"))).isZero();

        Counts resumedCounts = counts(work.resolve("killed"));
        Counts cleanCounts = counts(work.resolve("clean"));
        System.out.println("ingest kill test: killed at " + rowsAtKill + " rows reported, " + afterKill.lastRow()
                + " in the file; resumed " + resumedCounts
                + "; clean " + cleanCounts);
        assertThat(resumedCounts.status()).isEqualTo("COMPLETED");
        assertThat(resumedCounts).isEqualTo(cleanCounts);
    }

    private static long rowsReported(Path err, long before) throws java.io.IOException {
        long rows = before;
        Matcher m = ROWS.matcher(Files.readString(err));
        while (m.find()) {
            rows = Long.parseLong(m.group(1));
        }
        return rows;
    }

    record Counts(String status, long lastRow, long children, long identifiers, long distinctIdentifiers, long reviews,
            long blockingKeys) {
    }

    private static Counts counts(Path dataDir) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + dataDir.resolve("contactpoint")
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;AUTO_SERVER=TRUE;IFEXISTS=TRUE", "sa", "");
             Statement s = c.createStatement()) {
            return new Counts(string(s, "SELECT status FROM ingest_batch"), number(s, "SELECT last_row FROM ingest_batch"),
                    number(s, "SELECT COUNT(*) FROM child"), number(s, "SELECT COUNT(*) FROM source_identifier"),
                    number(s, "SELECT COUNT(DISTINCT identifier) FROM source_identifier"),
                    number(s, "SELECT COUNT(*) FROM ingest_review"),
                    number(s, "SELECT COUNT(*) FROM child_blocking_key"));
        }
    }

    private static long number(Statement s, String sql) throws Exception {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static String string(Statement s, String sql) throws Exception {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private Process start(Path feed, Path dataDir, String name) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "uk.contactpoint.ContactPointApplication",
                "ingest", "--source", "nhs-demographics", "--file", feed.toString(), "--data-dir", dataDir.toString(),
                "--chunk-rows", "100", "--rejects", work.resolve(name + ".rejects.csv").toString()));
        ProcessBuilder pb = new ProcessBuilder(command).directory(work.toFile());
        pb.environment().remove("SPRING_PROFILES_ACTIVE");
        pb.redirectOutput(work.resolve(name + ".out").toFile()).redirectError(work.resolve(name + ".err").toFile());
        return pb.start();
    }
}
