package uk.contactpoint.bench;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import uk.contactpoint.ContactPointApplication;
import uk.contactpoint.access.Role;
import uk.contactpoint.access.Viewer;
import uk.contactpoint.audit.AuditLog;
import uk.contactpoint.directory.LiveState;
import uk.contactpoint.directory.LocalAuthorities;
import uk.contactpoint.directory.LocalAuthority;
import uk.contactpoint.safeguards.ChildSearches;
import uk.contactpoint.search.ChildFinder;
import uk.contactpoint.search.SearchCriteria;

/**
 * Benchmark (not a test): what auditing costs search throughput (issue 8: it must not halve it). The same
 * searches, in-process and without HTTP, two ways: the finder alone (candidates, loading, scoring: no audit), and
 * the practitioner search service (the finder, the disclosure rules for the result rows, and the audit event with
 * its sealed personal values, written and committed in the search's transaction; the sealer chains events every
 * second meanwhile). Rounds alternate the two, so that load on the shared machine falls on both alike; medians
 * of the rounds are reported with their ratio.
 *
 * <p>Run on a fresh database (the demo seeder fills it with CHILDREN children):
 * {@code ./mvnw -q test-compile exec:java -Dexec.classpathScope=test -Dexec.mainClass=uk.contactpoint.bench.AuditCostBench
 * -Dexec.args="jdbc:postgresql://127.0.0.1:5432/DB 20000 7 1000"}
 */
public final class AuditCostBench {

    private AuditCostBench() {
    }

    public static void main(String[] args) throws Exception {
        String url = args[0];
        int children = Integer.parseInt(args[1]);
        int rounds = Integer.parseInt(args[2]);
        int perRound = Integer.parseInt(args[3]);
        SpringApplication app = new SpringApplication(ContactPointApplication.class);
        try (ConfigurableApplicationContext context = app.run("--spring.datasource.url=" + url, "--server.port=0",
                "--contactpoint.demo.enabled=true", "--contactpoint.demo.children=" + children, "--logging.level.root=WARN")) {
            context.getBean(uk.contactpoint.directory.Directory.class).tidyAfterBulkLoad();
            LocalAuthorities authorities = context.getBean(LocalAuthorities.class);
            for (LocalAuthority la : authorities.all()) {
                authorities.update(la.code(), "0300 000 0000", LiveState.PRACTITIONERS_LIVE);
            }
            JdbcClient jdbc = context.getBean(JdbcClient.class);
            List<SearchCriteria> criteria = jdbc.sql("SELECT given_name, family_name, date_of_birth FROM child WHERE status = 'LIVE' ORDER BY id")
                    .query((rs, n) -> new SearchCriteria(n % 2 == 0 ? rs.getString(1) : null, rs.getString(2),
                            rs.getObject(3, LocalDate.class), null, null, null)).list();
            System.out.printf("%,d live children; %,d searches per round, %d rounds%n", criteria.size(), perRound, rounds);
            ChildFinder finder = context.getBean(ChildFinder.class);
            ChildSearches searches = context.getBean(ChildSearches.class);
            Viewer viewer = new Viewer(1, "bench.audit", 1, "Bench team", "HEALTH", Set.of(Role.PRACTITIONER), "E08000035",
                    false, Set.of(), "127.0.0.1", "bench");
            for (int i = 0; i < 500; i++) {
                finder.find(criteria.get(i % criteria.size()));
                searches.search(viewer, criteria.get((i * 7) % criteria.size()));
            }
            long before = context.getBean(AuditLog.class).count();
            StringBuilder table = new StringBuilder("| threads | finder alone (no audit) | search with audit | ratio |\n|---|---|---|---|\n");
            for (int threads : new int[] {1, 2}) {
                double[] plain = new double[rounds];
                double[] audited = new double[rounds];
                for (int r = 0; r < rounds; r++) {
                    int offset = 1_000 + r * perRound;
                    Consumer<Integer> bare = i -> finder.find(criteria.get((offset + i) % criteria.size()));
                    Consumer<Integer> full = i -> searches.search(viewer, criteria.get((offset + i) % criteria.size()));
                    if (r % 2 == 0) {
                        plain[r] = rate(bare, perRound, threads);
                        audited[r] = rate(full, perRound, threads);
                    } else {
                        audited[r] = rate(full, perRound, threads);
                        plain[r] = rate(bare, perRound, threads);
                    }
                }
                double p = median(plain);
                double a = median(audited);
                table.append(String.format("| %d | %.0f searches/s | %.0f searches/s | %.2f |%n", threads, p, a, a / p));
                System.out.printf("%d thread(s): finder alone %s, with audit %s (searches/s per round)%n", threads,
                        Arrays.toString(Arrays.stream(plain).map(Math::round).toArray()),
                        Arrays.toString(Arrays.stream(audited).map(Math::round).toArray()));
            }
            System.out.printf("audit events written during the rounds: %,d%n", context.getBean(AuditLog.class).count() - before);
            parts(context, criteria);
            System.out.print(table);
        }
    }

    /** Where the audit's share goes: the same kind of event written alone, with and without sealed values. */
    private static void parts(ConfigurableApplicationContext context, List<SearchCriteria> criteria) {
        AuditLog audit = context.getBean(AuditLog.class);
        org.springframework.transaction.support.TransactionTemplate tx =
                context.getBean(org.springframework.transaction.support.TransactionTemplate.class);
        JdbcClient jdbc = context.getBean(JdbcClient.class);
        List<Long> ids = jdbc.sql("""
                        SELECT id FROM child c WHERE NOT EXISTS (
                            SELECT 1 FROM audit_subject_key k WHERE k.subject = CONCAT('child:', CAST(c.id AS VARCHAR(20))))
                        ORDER BY id DESC FETCH FIRST 5000 ROWS ONLY""").query(Long.class).list();
        int n = 1_000;
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            tx.executeWithoutResult(st -> jdbc.sql("SELECT 1").query(Integer.class).single());
        }
        long t1 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            List<Long> children = ids.subList((i * 3) % 4990, (i * 3) % 4990 + 3);
            tx.executeWithoutResult(st -> audit.record(new uk.contactpoint.audit.AuditEvent(java.time.Instant.now(), "bench.audit",
                    "Bench team", "PRACTITIONER", null, "127.0.0.1", "bench", uk.contactpoint.audit.AuditAction.SEARCH, children,
                    null, uk.contactpoint.audit.AuditOutcome.DISCLOSED, "search: fields=family,dob results=3")));
        }
        long t2 = System.nanoTime();
        sealed(tx, audit, ids, n);
        long t3 = System.nanoTime();
        // The same children again: their keys now exist (and this node has them cached).
        sealed(tx, audit, ids, n);
        long t4 = System.nanoTime();
        System.out.printf("per transaction: empty %.2f ms; with an audit event (3 children) %.2f ms; with its values sealed"
                        + " too %.2f ms when the children's keys are new, %.2f ms when they exist%n",
                (t1 - t0) / 1e6 / n, (t2 - t1) / 1e6 / n, (t3 - t2) / 1e6 / n, (t4 - t3) / 1e6 / n);
    }

    private static void sealed(org.springframework.transaction.support.TransactionTemplate tx, AuditLog audit, List<Long> ids, int n) {
        for (int i = 0; i < n; i++) {
            List<Long> children = ids.subList((i * 3) % 4990, (i * 3) % 4990 + 3);
            tx.executeWithoutResult(st -> audit.record(new uk.contactpoint.audit.AuditEvent(java.time.Instant.now(), "bench.audit",
                    "Bench team", "PRACTITIONER", null, "127.0.0.1", "bench", uk.contactpoint.audit.AuditAction.SEARCH, children,
                    null, uk.contactpoint.audit.AuditOutcome.DISCLOSED, "search: fields=family,dob results=3"), "family=Bench dob=2015-01-01"));
        }
    }

    private static double rate(Consumer<Integer> search, int n, int threads) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            long start = System.nanoTime();
            List<Future<?>> parts = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int first = t;
                parts.add(pool.submit(() -> {
                    for (int i = first; i < n; i += threads) {
                        search.accept(i);
                    }
                }));
            }
            for (Future<?> f : parts) {
                f.get();
            }
            return n / ((System.nanoTime() - start) / 1e9);
        } finally {
            pool.shutdown();
        }
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
