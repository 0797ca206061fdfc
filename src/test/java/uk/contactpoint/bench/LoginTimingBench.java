package uk.contactpoint.bench;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;

import uk.contactpoint.ContactPointApplication;
import uk.contactpoint.access.NewUser;
import uk.contactpoint.access.Role;
import uk.contactpoint.access.Totp;
import uk.contactpoint.access.UserAccounts;
import uk.contactpoint.directory.Directory;
import uk.contactpoint.directory.LocalAuthorityCode;
import uk.contactpoint.directory.NewOrganisation;
import uk.contactpoint.directory.OrganisationKind;
import uk.contactpoint.directory.Sector;

/**
 * Benchmark (not a test): the time of a refused first sign-in step for an unknown user, a wrong password
 * and a locked account, against a successful one, over real HTTP on loopback. All four do one Argon2id
 * check, so their medians should be the same within noise; a gap would let an attacker tell which
 * usernames exist. Interleaved rounds so that machine noise falls on every case alike.
 *
 * <p>Run: {@code ./mvnw -q test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=uk.contactpoint.bench.LoginTimingBench -Dexec.args=200}
 */
public final class LoginTimingBench {

    enum Case { UNKNOWN_USER, WRONG_PASSWORD, LOCKED_ACCOUNT, RIGHT_PASSWORD }

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
    private static final String PASSWORD = "benchmark passphrase of some length";
    private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        SpringApplication app = new SpringApplication(ContactPointApplication.class);
        app.setAdditionalProfiles("test");
        try (ConfigurableApplicationContext context = app.run("--server.port=0", "--logging.level.root=WARN",
                "--contactpoint.login.attempts-per-address-per-minute=1000000")) {
            int port = context.getBean(Environment.class).getRequiredProperty("local.server.port", Integer.class);
            long org = context.getBean(Directory.class).addOrganisation(new NewOrganisation(OrganisationKind.SERVICE,
                    "BENCH" + System.nanoTime(), "Bench", Sector.SOCIAL_CARE, null, null, null, null,
                    new LocalAuthorityCode("E08000035"), true));
            LocalDate vetted = LocalDate.now().minusMonths(1);
            UserAccounts users = context.getBean(UserAccounts.class);
            String known = "bench.known";
            String locked = "bench.locked";
            for (String name : List.of(known, locked)) {
                users.create(new NewUser(name, PASSWORD, "Bench", null, null, org, "E08000035", Set.of(Role.PRACTITIONER),
                        false, vetted, vetted, vetted, "24681357", Totp.newSecret()));
            }
            context.getBean(JdbcClient.class).sql("UPDATE app_user SET locked_until = :t WHERE username = :u")
                    .param("t", java.sql.Timestamp.from(java.time.Instant.now().plusSeconds(86_400))).param("u", locked).update();

            Map<Case, List<Long>> times = new EnumMap<>(Case.class);
            for (Case c : Case.values()) {
                times.put(c, new ArrayList<>());
            }
            for (int warm = 0; warm < 20; warm++) {
                attempt(port, Case.values()[warm % 4], known, locked);
            }
            for (int round = 0; round < rounds; round++) {
                List<Case> order = new ArrayList<>(List.of(Case.values()));
                Collections.shuffle(order);
                for (Case c : order) {
                    times.get(c).add(attempt(port, c, known, locked));
                }
                if (round % 50 == 49) {
                    System.err.printf("%d/%d rounds%n", round + 1, rounds);
                }
            }
            double base = median(times.get(Case.RIGHT_PASSWORD));
            System.out.printf("| case | median ms | p10 ms | p90 ms | median / right password |%n|---|---|---|---|---|%n");
            for (Case c : Case.values()) {
                List<Long> t = times.get(c);
                System.out.printf("| %s | %.1f | %.1f | %.1f | %.3f |%n", c.name().toLowerCase().replace('_', ' '),
                        median(t) / 1e6, percentile(t, 10) / 1e6, percentile(t, 90) / 1e6, median(t) / base);
            }
        }
    }

    /** One first-step POST with a fresh session (its CSRF token fetched first, not timed); returns nanoseconds. */
    private static long attempt(int port, Case c, String known, String locked) throws Exception {
        String base = "http://127.0.0.1:" + port;
        // The session cookie is Secure (__Host-): Java's CookieManager would not send it over http, so by hand.
        HttpResponse<String> form = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/login")).build(), HttpResponse.BodyHandlers.ofString());
        String cookie = form.headers().firstValue("Set-Cookie").orElseThrow().split(";", 2)[0];
        String page = form.body();
        Matcher m = CSRF.matcher(page);
        if (!m.find()) {
            throw new IllegalStateException("no CSRF token on /login");
        }
        String username = switch (c) {
            case UNKNOWN_USER -> "nobody" + System.nanoTime();
            case WRONG_PASSWORD, RIGHT_PASSWORD -> known;
            case LOCKED_ACCOUNT -> locked;
        };
        String password = c == Case.RIGHT_PASSWORD || c == Case.LOCKED_ACCOUNT ? PASSWORD : "wrong " + System.nanoTime();
        String body = "username=" + URLEncoder.encode(username, StandardCharsets.UTF_8) + "&password="
                + URLEncoder.encode(password, StandardCharsets.UTF_8) + "&_csrf=" + URLEncoder.encode(m.group(1), StandardCharsets.UTF_8);
        HttpRequest post = HttpRequest.newBuilder(URI.create(base + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Cookie", cookie).POST(HttpRequest.BodyPublishers.ofString(body)).build();
        long start = System.nanoTime();
        HttpResponse<Void> response = HTTP.send(post, HttpResponse.BodyHandlers.discarding());
        long elapsed = System.nanoTime() - start;
        String location = response.headers().firstValue("Location").orElse("");
        boolean expected = c == Case.RIGHT_PASSWORD ? location.endsWith("/login/second-factor") : location.endsWith("/login?error");
        if (!expected) {
            throw new IllegalStateException(c + " answered " + response.statusCode() + " " + location);
        }
        // The known account stays below the lockout threshold: each round's right password resets its count.
        return elapsed;
    }

    private static double median(List<Long> values) {
        return percentile(values, 50);
    }

    private static double percentile(List<Long> values, int p) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.round(p / 100.0 * (sorted.size() - 1))));
    }
}
