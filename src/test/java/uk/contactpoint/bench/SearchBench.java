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
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;

import uk.contactpoint.ContactPointApplication;
import uk.contactpoint.access.NewUser;
import uk.contactpoint.access.Role;
import uk.contactpoint.access.Totp;
import uk.contactpoint.access.UserAccounts;
import uk.contactpoint.directory.Directory;
import uk.contactpoint.directory.LiveState;
import uk.contactpoint.directory.LocalAuthorities;
import uk.contactpoint.directory.LocalAuthority;
import uk.contactpoint.directory.LocalAuthorityCode;
import uk.contactpoint.directory.NewOrganisation;
import uk.contactpoint.directory.OrganisationKind;
import uk.contactpoint.directory.Sector;
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
    private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    public static void main(String[] args) throws Exception {
        String url = args[0];
        Path truth = Path.of(args[1]);
        int clients = Integer.parseInt(args[2]);
        int seconds = Integer.parseInt(args[3]);
        SpringApplication app = new SpringApplication(ContactPointApplication.class);
        try (ConfigurableApplicationContext context = app.run("--server.port=0", "--logging.level.root=WARN",
                "--spring.datasource.url=" + url, "--spring.datasource.username=postgres", "--spring.datasource.password=",
                "--contactpoint.demo.enabled=false", "--contactpoint.search.backfill=false",
                "--contactpoint.login.attempts-per-address-per-minute=1000000", "--server.tomcat.threads.max=64",
                "--spring.datasource.hikari.maximum-pool-size=20")) {
            int port = context.getBean(Environment.class).getRequiredProperty("local.server.port", Integer.class);
            Directory directory = context.getBean(Directory.class);
            long start = System.nanoTime();
            long indexed = context.getBean(BlockingIndex.class).backfill();
            double indexSeconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("indexed %,d children in %.1f s (%,.0f children/s), %,d keys%n", indexed, indexSeconds,
                    indexed / Math.max(indexSeconds, 0.001), directory.blockingKeyCount());
            LocalAuthorities authorities = context.getBean(LocalAuthorities.class);
            for (LocalAuthority la : authorities.all()) {
                authorities.update(la.code(), "0300 000 0000", LiveState.PRACTITIONERS_LIVE);
            }
            long org = directory.addOrganisation(new NewOrganisation(OrganisationKind.SERVICE, "BENCH" + System.nanoTime(),
                    "Bench team", Sector.SOCIAL_CARE, null, null, null, null, new LocalAuthorityCode("E08000035"), true));
            String username = "bench." + System.nanoTime();
            String password = "benchmark passphrase of some length";
            String secret = Totp.newSecret();
            LocalDate vetted = LocalDate.now().minusMonths(1);
            context.getBean(UserAccounts.class).create(new NewUser(username, password, "Bench", null, null, org, "E08000035",
                    Set.of(Role.PRACTITIONER), false, vetted, vetted, vetted, "24681357", secret));
            String base = "http://127.0.0.1:" + port;
            String cookie = signIn(base, username, password, secret);
            String token = csrf(get(base + "/search", cookie).body());

            List<String> queries = queries(truth.resolve("children.csv"), 5_000, new Random(1));
            timeStages(context, queries);
            for (int i = 0; i < 200; i++) {
                search(base, cookie, token, queries.get(i));
            }
            ConcurrentLinkedQueue<long[]> latencies = new ConcurrentLinkedQueue<>();
            AtomicLong found = new AtomicLong();
            AtomicLong errors = new AtomicLong();
            long end = System.nanoTime() + seconds * 1_000_000_000L;
            List<Thread> threads = new ArrayList<>();
            for (int t = 0; t < clients; t++) {
                int offset = t * 97;
                Thread thread = new Thread(() -> {
                    long[] mine = new long[200_000];
                    int n = 0;
                    int q = offset;
                    while (System.nanoTime() < end && n < mine.length) {
                        long s = System.nanoTime();
                        try {
                            HttpResponse<String> r = search(base, cookie, token, queries.get(q++ % queries.size()));
                            if (r.statusCode() != 200) {
                                errors.incrementAndGet();
                            } else if (r.body().contains("possible match")) {
                                found.incrementAndGet();
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
            System.out.printf("%d clients, %d s: %,d searches, %.0f searches/s, %d errors, %.1f%% with results%n", clients, seconds,
                    all.size(), all.size() / (double) seconds, errors.get(), 100.0 * found.get() / Math.max(1, all.size()));
            System.out.printf("latency (client, loopback): p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, max %.1f ms%n",
                    pct(all, 50), pct(all, 95), pct(all, 99), all.get(all.size() - 1) / 1e6);
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
        long start = System.nanoTime();
        long hits = 0;
        for (int i = 100; i < 600; i++) {
            hits += finder.find(criteria.get(i)).size();
        }
        System.out.printf("ChildFinder.find alone (no HTTP, no audit): %.2f ms per search, %.1f hits on average%n",
                (System.nanoTime() - start) / 1e6 / 500, hits / 500.0);
    }

    private static double pct(List<Long> sorted, int p) {
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

    private static HttpResponse<String> search(String base, String cookie, String token, String form) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(base + "/search")).header("Cookie", cookie)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form + "&_csrf=" + enc(token))).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(String url, String cookie) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url));
        if (cookie != null) {
            b.header("Cookie", cookie);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String csrf(String page) {
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

    private static String signIn(String base, String username, String password, String secret) throws Exception {
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
