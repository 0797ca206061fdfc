package uk.contactpoint.bench;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

import uk.contactpoint.ContactPointApplication;
import uk.contactpoint.access.Totp;
import uk.contactpoint.directory.Directory;
import uk.contactpoint.search.internal.BlockingIndex;

/**
 * Benchmark (not a test): search throughput and latency over HTTP with the audit on, against a directory
 * loaded with {@code load-population}. Starts the service in-process on the given database, indexes the
 * children (timed), signs one practitioner in, then runs CLIENTS threads for SECONDS posting searches made
 * from the truth file (family name and date of birth, with the given name half the time and a misspelt
 * surname one time in five). Latency is measured by the client on loopback, so it includes HTTP, the search,
 * the disclosure policy, the audit write and the page.
 *
 * <p>Run: {@code ./mvnw -q test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=uk.contactpoint.bench.SearchBench -Dexec.args="jdbc:postgresql://127.0.0.1:5432/DB TRUTH_DIR 32 30"}
 */
public final class SearchBench {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
    private static final ConcurrentLinkedQueue<Long> SERVER_SEARCH = new ConcurrentLinkedQueue<>();
    private static final ConcurrentLinkedQueue<Long> SERVER_VIEW = new ConcurrentLinkedQueue<>();
    /** Longer than any answer should take: a request still unanswered then counts as hung. */
    static final java.time.Duration TIMEOUT = java.time.Duration.ofSeconds(60);
    private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    public static void main(String[] args) throws Exception {
        String url = args[0];
        Path truth = Path.of(args[1]);
        int clients = Integer.parseInt(args[2]);
        int seconds = Integer.parseInt(args[3]);
        SpringApplication app = new SpringApplication(ContactPointApplication.class);
        // server-side time of each search and record view: from the request entering the servlet filter chain
        // (after Tomcat parsed it) to the response being written, audit write and commit included
        app.addInitializers(ctx -> ((org.springframework.context.support.GenericApplicationContext) ctx).registerBean(
                "benchServerTimer", org.springframework.boot.web.servlet.FilterRegistrationBean.class, () -> {
                    var bean = new org.springframework.boot.web.servlet.FilterRegistrationBean<jakarta.servlet.Filter>(
                            (request, response, chain) -> {
                                long s = System.nanoTime();
                                try {
                                    chain.doFilter(request, response);
                                } finally {
                                    String path = ((jakarta.servlet.http.HttpServletRequest) request).getRequestURI();
                                    if ("POST".equals(((jakarta.servlet.http.HttpServletRequest) request).getMethod())) {
                                        if (path.equals("/search")) {
                                            SERVER_SEARCH.add(System.nanoTime() - s);
                                        } else if (path.equals("/records/open")) {
                                            SERVER_VIEW.add(System.nanoTime() - s);
                                        }
                                    }
                                }
                            });
                    bean.setOrder(Integer.MIN_VALUE);
                    return bean;
                }));
        try (ConfigurableApplicationContext context = BenchService.start(app, url)) {
            Directory directory = context.getBean(Directory.class);
            long start = System.nanoTime();
            long indexed = context.getBean(BlockingIndex.class).backfill();
            double indexSeconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("indexed %,d children in %.1f s (%,.0f children/s), %,d keys%n", indexed, indexSeconds,
                    indexed / Math.max(indexSeconds, 0.001), directory.blockingKeyCount());
            directory.tidyAfterBulkLoad();
            String base = BenchService.base(context);
            BenchService.Session[] sessions = BenchService.practitioners(context, clients);
            String[] cookies = new String[clients];
            String[] tokens = new String[clients];
            for (int t = 0; t < clients; t++) {
                cookies[t] = sessions[t].cookie();
                tokens[t] = sessions[t].csrf();
            }
            String cookie = cookies[0];
            String token = tokens[0];

            List<String> queries = queries(truth.resolve("children.csv"), 5_000, new Random(1));
            timeStages(context, queries);
            for (int i = 0; i < 200; i++) {
                search(base, cookie, token, queries.get(i));
            }
            SERVER_SEARCH.clear();
            AtomicLong found = new AtomicLong();
            AtomicLong errors = new AtomicLong();
            long[] cpuBefore = cpu();
            List<Long> all = drive(clients, seconds, t -> t * 97, (t, q) -> search(base, cookies[t], tokens[t],
                    queries.get(q % queries.size())), "possible match", found, errors);
            System.out.printf("%d clients, %d s: %,d searches, %.0f searches/s, %d errors, %.1f%% with results%n", clients, seconds,
                    all.size(), all.size() / (double) seconds, errors.get(), 100.0 * found.get() / Math.max(1, all.size()));
            System.out.printf("latency (client, loopback): p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, max %.1f ms%n",
                    pct(all, 50), pct(all, 95), pct(all, 99), all.get(all.size() - 1) / 1e6);
            long[] cpuAfter = cpu();
            System.out.printf("CPU per search: %.2f ms in this JVM (service and clients), %.2f ms in PostgreSQL; "
                            + "on 2 otherwise idle cores that would allow about %.0f searches/s%n",
                    (cpuAfter[0] - cpuBefore[0]) / 1e6 / all.size(), (cpuAfter[1] - cpuBefore[1]) / 1e6 / all.size(),
                    2_000.0 * all.size() / ((cpuAfter[0] - cpuBefore[0] + cpuAfter[1] - cpuBefore[1]) / 1e6));
            List<Long> server = new ArrayList<>(SERVER_SEARCH);
            Collections.sort(server);
            System.out.printf("search server-side (%,d requests): p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, max %.1f ms%n",
                    server.size(), pct(server, 50), pct(server, 95), pct(server, 99), server.get(server.size() - 1) / 1e6);
            recordViews(base, cookies, tokens, ids(truth.resolve("children.csv"), 5_000, new Random(2)), clients, seconds);
            System.out.printf("audit events written: %,d%n", context.getBean(uk.contactpoint.audit.AuditLog.class).count());
        }
    }

    /** Where a search's time goes, without HTTP: candidate lookup, loading candidates, scoring. */
    private static void timeStages(ConfigurableApplicationContext context, List<String> forms) {
        uk.contactpoint.search.ChildFinder finder = context.getBean(uk.contactpoint.search.ChildFinder.class);
        List<uk.contactpoint.search.SearchCriteria> criteria = new ArrayList<>();
        for (String form : forms.subList(0, 600)) {
            java.util.Map<String, String> f = new java.util.HashMap<>();
            for (String kv : form.split("&")) {
                String[] p = kv.split("=", 2);
                f.put(p[0], java.net.URLDecoder.decode(p[1], StandardCharsets.UTF_8));
            }
            criteria.add(new uk.contactpoint.search.SearchCriteria(f.get("givenName"), f.get("familyName"),
                    LocalDate.of(Integer.parseInt(f.get("dateOfBirth-year")), Integer.parseInt(f.get("dateOfBirth-month")),
                            Integer.parseInt(f.get("dateOfBirth-day"))), null, null, null));
        }
        for (int i = 0; i < 100; i++) {
            finder.find(criteria.get(i));
        }
        timeParts(context, criteria);
        long start = System.nanoTime();
        long hits = 0;
        for (int i = 100; i < 600; i++) {
            hits += finder.find(criteria.get(i)).size();
        }
        System.out.printf("ChildFinder.find alone (no HTTP, no audit): %.2f ms per search, %.1f hits on average%n",
                (System.nanoTime() - start) / 1e6 / 500, hits / 500.0);
    }

    /**
     * CPU time used so far, in nanoseconds: by this JVM, and by all PostgreSQL processes on this machine (from
     * /proc, so only meaningful with the database on the same machine and no other database work running).
     * The machine is shared, so wall-clock figures depend on its load; CPU time per search does much less.
     */
    static long[] cpu() {
        long jvm = ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
        long ticks = 0;
        try (var dirs = Files.list(Path.of("/proc"))) {
            for (Path d : (Iterable<Path>) dirs::iterator) {
                if (!d.getFileName().toString().chars().allMatch(Character::isDigit)) {
                    continue;
                }
                try {
                    String stat = Files.readString(d.resolve("stat"));
                    if (!stat.contains("(postgres)")) {
                        continue;
                    }
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    ticks += Long.parseLong(f[11]) + Long.parseLong(f[12]);
                } catch (Exception gone) {
                    // a backend that ended while being read
                }
            }
        } catch (Exception e) {
            return new long[] {jvm, 0};
        }
        return new long[] {jvm, ticks * 10_000_000L};
    }

    /** One request of client {@code t}, its {@code q}th. */
    interface Request {
        HttpResponse<String> send(int t, int q) throws Exception;
    }

    /**
     * {@code clients} threads sending requests for {@code seconds}, each from its own offset; counts the answers
     * containing {@code success} and the errors, and returns every request's client-side latency, sorted.
     */
    static List<Long> drive(int clients, int seconds, java.util.function.IntUnaryOperator offset, Request request,
                                    String success, AtomicLong succeeded, AtomicLong errors) throws InterruptedException {
        ConcurrentLinkedQueue<long[]> latencies = new ConcurrentLinkedQueue<>();
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < clients; t++) {
            int client = t;
            Thread thread = new Thread(() -> {
                long[] mine = new long[200_000];
                int n = 0;
                int q = offset.applyAsInt(client);
                while (System.nanoTime() < end && n < mine.length) {
                    long s = System.nanoTime();
                    try {
                        HttpResponse<String> r = request.send(client, q++);
                        if (r.statusCode() != 200) {
                            errors.incrementAndGet();
                        } else if (r.body().contains(success)) {
                            succeeded.incrementAndGet();
                        }
                    } catch (Exception e) {
                        errors.incrementAndGet();
                    }
                    mine[n++] = System.nanoTime() - s;
                }
                latencies.add(java.util.Arrays.copyOf(mine, n));
            });
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        List<Long> all = new ArrayList<>();
        latencies.forEach(a -> { for (long v : a) { all.add(v); } });
        Collections.sort(all);
        return all;
    }

    /** CLIENTS threads opening records (the reason step posted with a ContactPoint ID) for SECONDS. */
    private static void recordViews(String base, String[] cookies, String[] tokens, List<String> ids, int clients, int seconds)
            throws Exception {
        for (int i = 0; i < 200; i++) {
            view(base, cookies[0], tokens[0], ids.get(i));
        }
        SERVER_VIEW.clear();
        AtomicLong shown = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        List<Long> all = drive(clients, seconds, t -> 200 + t * 89, (t, q) -> view(base, cookies[t], tokens[t],
                ids.get(q % ids.size())), "Date of birth", shown, errors);
        List<Long> server = new ArrayList<>(SERVER_VIEW);
        Collections.sort(server);
        System.out.printf("record views, %d clients, %d s: %,d views, %.0f views/s, %d errors, %.1f%% showed a record%n", clients,
                seconds, all.size(), all.size() / (double) seconds, errors.get(), 100.0 * shown.get() / Math.max(1, all.size()));
        System.out.printf("record view latency (client): p50 %.1f ms, p99 %.1f ms; server-side: p50 %.1f ms, p95 %.1f ms, p99 %.1f ms%n",
                pct(all, 50), pct(all, 99), pct(server, 50), pct(server, 95), pct(server, 99));
    }

    /** ContactPoint IDs of true children, at random (load-population keeps the truth's ids). */
    static List<String> ids(Path children, int n, Random random) throws Exception {
        List<String> lines = Files.readAllLines(children);
        List<String> out = new ArrayList<>();
        while (out.size() < n) {
            out.add(lines.get(1 + random.nextInt(lines.size() - 1)).split(",", 2)[0]);
        }
        return out;
    }

    static HttpResponse<String> view(String base, String cookie, String token, String contactPointId) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(base + "/records/open")).timeout(TIMEOUT).header("Cookie", cookie)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("contactPointId=" + contactPointId
                        + "&reasonChoice=WORKING_WITH_CHILD&_csrf=" + enc(token))).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The finder's parts one by one, on the same criteria: keys, candidate lookup, loading, scoring. */
    private static void timeParts(ConfigurableApplicationContext context, List<uk.contactpoint.search.SearchCriteria> criteria) {
        Directory directory = context.getBean(Directory.class);
        uk.contactpoint.linkage.LinkageModel model = context.getBean(uk.contactpoint.search.internal.SearchModel.class).model();
        long keysNs = 0, lookupNs = 0, loadNs = 0, scoreNs = 0, candidates = 0;
        for (var c : criteria.subList(100, 600)) {
            long t0 = System.nanoTime();
            var query = new uk.contactpoint.linkage.LinkageRecord("q", c.givenName(), c.familyName(), c.dateOfBirth(),
                    uk.contactpoint.linkage.Sex.UNKNOWN, null, null, null, List.of());
            long[] keys = model.blockingKeys(query);
            long t1 = System.nanoTime();
            List<Long> ids = directory.candidates(keys, 5_000, 500);
            long t2 = System.nanoTime();
            var children = directory.forMatching(ids);
            long t3 = System.nanoTime();
            List<uk.contactpoint.linkage.LinkageRecord> records = new ArrayList<>();
            children.forEach(ch -> records.addAll(uk.contactpoint.search.internal.MatchingRecords.of(ch)));
            model.match(query, records);
            long t4 = System.nanoTime();
            keysNs += t1 - t0;
            lookupNs += t2 - t1;
            loadNs += t3 - t2;
            scoreNs += t4 - t3;
            candidates += ids.size();
        }
        System.out.printf("parts per search: keys %.2f ms, candidate lookup %.2f ms, loading %.2f ms, scoring %.2f ms; %.0f candidates on average%n",
                keysNs / 5e8, lookupNs / 5e8, loadNs / 5e8, scoreNs / 5e8, candidates / 500.0);
    }

    static double pct(List<Long> sorted, int p) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.round(p / 100.0 * (sorted.size() - 1)))) / 1e6;
    }

    /** Search forms built from true children: sometimes with the given name, sometimes with a misspelt surname. */
    static List<String> queries(Path children, int n, Random random) throws Exception {
        List<String> lines = Files.readAllLines(children);
        List<String> header = List.of(lines.get(0).split(","));
        int forename = header.indexOf("forename");
        int surname = header.indexOf("surname");
        int dob = header.indexOf("date_of_birth");
        List<String> out = new ArrayList<>();
        while (out.size() < n) {
            String[] f = lines.get(1 + random.nextInt(lines.size() - 1)).split(",", -1);
            String family = f[surname];
            if (random.nextInt(5) == 0 && family.length() > 4) {
                int k = 1 + random.nextInt(family.length() - 2);
                family = family.substring(0, k) + family.substring(k + 1);
            }
            LocalDate d = LocalDate.parse(f[dob]);
            String form = "familyName=" + enc(family) + "&dateOfBirth-day=" + d.getDayOfMonth() + "&dateOfBirth-month="
                    + d.getMonthValue() + "&dateOfBirth-year=" + d.getYear() + (random.nextBoolean() ? "&givenName=" + enc(f[forename]) : "");
            out.add(form);
        }
        return out;
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    static HttpResponse<String> search(String base, String cookie, String token, String form) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(base + "/search")).timeout(TIMEOUT).header("Cookie", cookie)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form + "&_csrf=" + enc(token))).build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> get(String url, String cookie) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url));
        if (cookie != null) {
            b.header("Cookie", cookie);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static String csrf(String page) {
        Matcher m = CSRF.matcher(page);
        if (!m.find()) {
            throw new IllegalStateException("no CSRF token");
        }
        return m.group(1);
    }

    private static String cookieOf(HttpResponse<?> r, String current) {
        return r.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("__Host-SESSION=")).findFirst()
                .map(c -> c.split(";", 2)[0]).orElse(current);
    }

    static String signIn(String base, String username, String password, String secret) throws Exception {
        HttpResponse<String> login = get(base + "/login", null);
        String cookie = cookieOf(login, null);
        HttpResponse<String> step1 = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/login")).header("Cookie", cookie)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=" + enc(username) + "&password=" + enc(password) + "&_csrf="
                        + enc(csrf(login.body())))).build(), HttpResponse.BodyHandlers.ofString());
        cookie = cookieOf(step1, cookie);
        HttpResponse<String> page = get(base + "/login/second-factor", cookie);
        HttpResponse<String> step2 = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/login/second-factor")).header("Cookie", cookie)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("pin=24681357&code=" + Totp.code(secret, Instant.now()) + "&_csrf="
                        + enc(csrf(page.body())))).build(), HttpResponse.BodyHandlers.ofString());
        if (!step2.headers().firstValue("Location").orElse("").endsWith("/home")) {
            throw new IllegalStateException("sign-in failed: " + step2.statusCode());
        }
        return cookieOf(step2, cookie);
    }
}
