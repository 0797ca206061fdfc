package uk.contactpoint.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import uk.contactpoint.ContactPointApplication;
import uk.contactpoint.access.Role;
import uk.contactpoint.access.Viewer;
import uk.contactpoint.reports.DataQuality;
import uk.contactpoint.reports.MissingEducation;
import uk.contactpoint.reports.Proportionality;

/**
 * Benchmark (not a test): the time each report takes for the largest authority of a seeded directory, and the
 * national view, in-process: the SQL, the assembly of tables and charts, the disclosure rules for the list and the
 * audit event of the children listed, committed (ADR 40). Each report runs ROUNDS times after two warm-ups; the
 * median and the slowest are printed, with the authority's and the directory's sizes.
 *
 * <p>For proportionality and use (ADR 46), AUDIT_EVENTS synthetic audit events (PostgreSQL only) are written first,
 * spread over the last 12 months: 55% record views, 35% searches, 5% involvements recorded and 5% match
 * notifications, by the seeded users, about children drawn at random from the whole directory.
 *
 * <p>Run on a fresh database (the demo seeder fills it with CHILDREN children, at most 500,000):
 * {@code ./mvnw -q test-compile exec:java -Dexec.classpathScope=test -Dexec.mainClass=uk.contactpoint.bench.ReportsBench
 * -Dexec.args="jdbc:postgresql://127.0.0.1:5432/cp_reports_bench 100000 7 1000000"}
 */
public final class ReportsBench {

    private ReportsBench() {
    }

    public static void main(String[] args) {
        String url = args[0];
        int children = Integer.parseInt(args[1]);
        int rounds = Integer.parseInt(args[2]);
        SpringApplication app = new SpringApplication(ContactPointApplication.class);
        long seedStart = System.nanoTime();
        try (ConfigurableApplicationContext context = app.run("--spring.datasource.url=" + url, "--server.port=0",
                "--contactpoint.demo.enabled=true", "--contactpoint.demo.children=" + children,
                "--contactpoint.scheduling.enabled=false", "--logging.level.root=WARN")) {
            System.out.printf("started and seeded in %.1f s%n", (System.nanoTime() - seedStart) / 1e9);
            context.getBean(uk.contactpoint.directory.Directory.class).tidyAfterBulkLoad();
            JdbcClient jdbc = context.getBean(JdbcClient.class);
            String largest = jdbc.sql("""
                    SELECT responsible_la FROM child WHERE status = 'LIVE' GROUP BY responsible_la ORDER BY COUNT(*) DESC
                    FETCH FIRST 1 ROWS ONLY""").query(String.class).single();
            long ofLargest = jdbc.sql("SELECT COUNT(*) FROM child WHERE responsible_la = :la").param("la", largest)
                    .query(Long.class).single();
            long all = jdbc.sql("SELECT COUNT(*) FROM child").query(Long.class).single();
            System.out.printf("%,d children; largest authority %s with %,d%n", all, largest, ofLargest);
            long events = args.length > 3 ? Long.parseLong(args[3]) : 0;
            if (events > 0) {
                long s = System.nanoTime();
                syntheticAudit(jdbc, events);
                System.out.printf("%,d synthetic audit events written in %.1f s; audit_event holds %,d%n", events,
                        (System.nanoTime() - s) / 1e9, jdbc.sql("SELECT COUNT(*) FROM audit_event").query(Long.class).single());
            }
            MissingEducation missing = context.getBean(MissingEducation.class);
            DataQuality quality = context.getBean(DataQuality.class);
            Viewer team = new Viewer(1, "bench.reports", 1, "Bench team", "LOCAL_AUTHORITY", Set.of(Role.LA_DATA_MANAGER),
                    largest, false, Set.of(), "127.0.0.1", "bench");
            Viewer national = new Viewer(2, "bench.national", 1, "National team", "NATIONAL", Set.of(Role.NATIONAL_ADMIN),
                    null, false, Set.of(), "127.0.0.1", "bench");
            time("missing education, largest LA", rounds, () -> missing.forAuthority(team, null).missing());
            time("data quality, largest LA", rounds, () -> quality.forAuthority(team, null).figures().children());
            time("missing education, national", rounds, () -> missing.national(national).missing());
            time("data quality, national", rounds, () -> (long) quality.national(national).byAuthority().size());
            Proportionality use = context.getBean(Proportionality.class);
            long first = System.nanoTime();
            int kept = use.keepClosedMonths();
            System.out.printf("%-32s %,d ms (the nightly job: %d closed months of every authority computed and kept)%n",
                    "proportionality, keep months", (System.nanoTime() - first) / 1_000_000, kept);
            time("proportionality, largest LA", rounds, () -> use.forAuthority(team, null).figures().total(Proportionality.Measure.VIEWS));
            time("proportionality, national", rounds, () -> use.national(national).england().total(Proportionality.Measure.VIEWS));
        }
    }

    /** Writes synthetic audit events over the last year in batches of 100,000, with their children (PostgreSQL). */
    static void syntheticAudit(JdbcClient jdbc, long events) {
        List<String> users = jdbc.sql("SELECT username FROM app_user ORDER BY id").query(String.class).list();
        long minChild = jdbc.sql("SELECT MIN(id) FROM child").query(Long.class).single();
        long maxChild = jdbc.sql("SELECT MAX(id) FROM child").query(Long.class).single();
        String actors = "ARRAY[" + String.join(",", users.stream().map(u -> "'" + u.replace("'", "''") + "'").toList()) + "]";
        for (long done = 0; done < events; done += 100_000) {
            long batch = Math.min(100_000, events - done);
            jdbc.sql("""
                    WITH e AS (
                        SELECT random() AS r, now() - random() * INTERVAL '365 days' AS at,
                               (%s)[1 + floor(random() * %d)::int] AS actor,
                               (:minChild + floor(random() * (:maxChild - :minChild + 1)))::bigint AS child
                        FROM generate_series(1, :batch)),
                    ins AS (
                        INSERT INTO audit_event (occurred_at, actor, action, outcome, detail)
                        SELECT at, actor,
                               CASE WHEN r < 0.55 THEN 'RECORD_VIEW' WHEN r < 0.90 THEN 'SEARCH'
                                    WHEN r < 0.95 THEN 'RECORD_CHANGE' ELSE 'NOTIFICATION' END,
                               CASE WHEN r < 0.55 OR r >= 0.95 THEN 'DISCLOSED' WHEN r < 0.90 THEN 'DISCLOSED' ELSE 'CHANGED' END,
                               CASE WHEN r < 0.55 THEN 'record view' WHEN r < 0.90 THEN 'search'
                                    WHEN r < 0.95 THEN 'involvement recorded id=0 service=BENCH'
                                    ELSE 'notification: involvement recorded id=0' END || ' child=' || child
                        FROM e RETURNING id, action, detail)
                    INSERT INTO audit_event_child (event_id, child_id)
                    SELECT id, CAST(substring(detail FROM ' child=([0-9]+)$') AS bigint) FROM ins WHERE action <> 'SEARCH'
                    """.formatted(actors, users.size()))
                    .param("minChild", minChild).param("maxChild", maxChild).param("batch", batch).update();
            System.out.printf("  audit events %,d of %,d%n", done + batch, events);
        }
        jdbc.sql("ANALYZE audit_event").update();
        jdbc.sql("ANALYZE audit_event_child").update();
    }

    private static void time(String what, int rounds, Supplier<Long> report) {
        long result = 0;
        for (int i = 0; i < 2; i++) {
            result = report.get();
        }
        List<Long> millis = new ArrayList<>();
        for (int i = 0; i < rounds; i++) {
            long s = System.nanoTime();
            result = report.get();
            millis.add((System.nanoTime() - s) / 1_000_000);
        }
        Collections.sort(millis);
        System.out.printf("%-32s result %,8d  median %5d ms  slowest %5d ms%n", what, result, millis.get(millis.size() / 2),
                millis.get(millis.size() - 1));
    }
}
