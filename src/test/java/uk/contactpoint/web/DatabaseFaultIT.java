package uk.contactpoint.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.zaxxer.hikari.HikariDataSource;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

import uk.contactpoint.ContactPointApplication;
import uk.contactpoint.TestFixtures;
import uk.contactpoint.access.Role;
import uk.contactpoint.directory.LiveState;
import uk.contactpoint.directory.LocalAuthorities;
import uk.contactpoint.directory.LocalAuthorityCode;
import uk.contactpoint.directory.OrganisationKind;
import uk.contactpoint.directory.Sector;

/**
 * Fault tests (issue 11 part 3) on a node of its own: its own database role and schema, reaching PostgreSQL through
 * a {@link TcpProxy}, so the database can be taken from this node alone.
 * <ul>
 * <li>The database goes away under load (every connection dropped, new ones refused, as in a restart) and comes
 * back: every request in flight or made meanwhile is answered, with 200 or 503, none with a 500 and none hanging;
 * liveness stays up and readiness goes down; the node serves again by itself, with no restart.</li>
 * <li>The database turns read-only (as a failed-over standby, or a full disk, does): searches, record views and
 * changes are answered 503 with nothing of the child, because their audit events cannot be written; health, the
 * sign-in page and pages without child data keep working.</li>
 * </ul>
 */
@Tag("postgres")
class DatabaseFaultIT {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"");
    private static final String FAMILY = "Faultline" + ThreadLocalRandom.current().nextInt(1_000_000);

    static String role;
    static String schema;
    static TcpProxy proxy;
    static ConfigurableApplicationContext node;
    static SingleConnectionDataSource admin;

    @BeforeAll
    static void start() throws Exception {
        String url = System.getenv("TEST_DATABASE_URL");
        URI target = URI.create(url.substring("jdbc:".length()));
        String tag = Long.toHexString(System.nanoTime());
        role = "cp_fault_" + tag;
        schema = "fault_" + tag;
        admin = new SingleConnectionDataSource(url, System.getenv().getOrDefault("TEST_DATABASE_USERNAME", "postgres"),
                System.getenv().getOrDefault("TEST_DATABASE_PASSWORD", ""), true);
        sql("CREATE ROLE " + role + " LOGIN");
        sql("CREATE SCHEMA " + schema + " AUTHORIZATION " + role);
        proxy = new TcpProxy(target.getPort() < 0 ? 5432 : target.getPort());
        String through = "jdbc:postgresql://127.0.0.1:" + proxy.port() + target.getPath() + "?currentSchema=" + schema;
        node = new SpringApplicationBuilder(ContactPointApplication.class).profiles("test").run("--server.port=0",
                "--spring.datasource.url=" + through, "--spring.datasource.username=" + role, "--spring.datasource.password=",
                "--spring.flyway.default-schema=" + schema, "--spring.flyway.schemas=" + schema,
                "--spring.datasource.hikari.maximum-pool-size=6", "--spring.datasource.hikari.connection-timeout=2000");
        node.getBean(LocalAuthorities.class).update(new LocalAuthorityCode(TestFixtures.LEEDS), "0113 496 0999",
                LiveState.PRACTITIONERS_LIVE);
    }

    @AfterAll
    static void stop() throws Exception {
        if (admin != null) {
            sql("ALTER ROLE " + role + " RESET default_transaction_read_only");
        }
        if (node != null) {
            node.close();
        }
        if (proxy != null) {
            proxy.close();
        }
        if (admin != null) {
            sql("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            sql("DROP ROLE IF EXISTS " + role);
            admin.destroy();
        }
    }

    private static void sql(String statement) {
        new org.springframework.jdbc.core.JdbcTemplate(admin).execute(statement);
    }

    private static int port() {
        return Integer.parseInt(node.getEnvironment().getProperty("local.server.port"));
    }

    /** A practitioner's session on the node and a CSRF token for it, and the ContactPoint ID of a child to find. */
    private record Practitioner(String cookie, String csrf, String contactPointId, uk.contactpoint.api.ApiTokens api,
                                uk.contactpoint.api.ApiTokens.Token token) {

        HttpResponse<String> apiSearch() {
            return api.call(token, "POST", "/api/v1/searches",
                    "{\"givenName\":\"Tamsin\",\"familyName\":\"" + FAMILY + "\",\"dateOfBirth\":\"2017-05-06\"}");
        }

        HttpResponse<String> fhirSearch() {
            return api.get(token, "/fhir/Patient?family=" + FAMILY + "&given=Tamsin&birthdate=2017-05-06");
        }
    }

    private static Practitioner practitioner() {
        TestFixtures fixtures = node.getBean(TestFixtures.class);
        TestFixtures.Child kid = fixtures.child("Tamsin", FAMILY, LocalDate.of(2017, 5, 6), "LS6 2AB", false);
        String user = fixtures.user(Set.of(Role.PRACTITIONER),
                fixtures.organisation(OrganisationKind.SERVICE, Sector.HEALTH, "Fault test health visitors"), false);
        WebClient web = new WebClient(port());
        web.signIn(user, TestFixtures.PASSWORD, TestFixtures.PIN, fixtures.totpSecret(user));
        Matcher m = CSRF.matcher(web.get("/search").body());
        assertThat(m.find()).isTrue();
        // a colleague signs in through the case management system (a TOTP code signs in once)
        String colleague = fixtures.user(Set.of(Role.PRACTITIONER),
                fixtures.organisation(OrganisationKind.SERVICE, Sector.SOCIAL_CARE, "Fault test social workers"), false);
        uk.contactpoint.api.ApiTokens tokens = new uk.contactpoint.api.ApiTokens(port());
        uk.contactpoint.api.ApiTokens.Token token = tokens.practitionerToken(
                uk.contactpoint.api.ApiTokens.registerCms(node.getBean(uk.contactpoint.access.ApiClients.class)), colleague,
                TestFixtures.PASSWORD, TestFixtures.PIN, fixtures.totpSecret(colleague));
        return new Practitioner(WebClient.SESSION + "=" + web.sessionCookie(), m.group(1), kid.contactPointId().value(), tokens, token);
    }

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER).build();

    private static HttpResponse<String> get(String path, String cookie) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port() + path)).timeout(Duration.ofSeconds(30));
        if (cookie != null) {
            b.header("Cookie", cookie);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(Practitioner p, String path, Map<String, String> fields) throws Exception {
        StringBuilder body = new StringBuilder("_csrf=" + URLEncoder.encode(p.csrf(), StandardCharsets.UTF_8));
        fields.forEach((k, v) -> body.append('&').append(k).append('=').append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port() + path)).timeout(Duration.ofSeconds(30))
                .header("Cookie", p.cookie()).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> search(Practitioner p) throws Exception {
        return post(p, "/search", Map.of("givenName", "Tamsin", "familyName", FAMILY, "dateOfBirth-day", "6",
                "dateOfBirth-month", "5", "dateOfBirth-year", "2017"));
    }

    /** One answer seen by a load client: when it was sent (ms since the start), its status and how long it took. */
    private record Answer(long sentMs, int status, long tookMs, String body) {
    }

    @Test
    void aDatabaseOutageUnderLoadIsAnswered503WithoutHangingAndTheNodeRecoversByItself() throws Exception {
        Practitioner p = practitioner();
        assertThat(search(p).statusCode()).isEqualTo(200);
        ConcurrentLinkedQueue<Answer> answers = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
        long start = System.nanoTime();
        long end = start + Duration.ofSeconds(16).toNanos();
        List<Thread> clients = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            Thread t = new Thread(() -> {
                while (System.nanoTime() < end) {
                    long sent = System.nanoTime();
                    try {
                        HttpResponse<String> r = search(p);
                        answers.add(new Answer((sent - start) / 1_000_000, r.statusCode(), (System.nanoTime() - sent) / 1_000_000, r.body()));
                    } catch (Exception e) {
                        failures.add(e);
                    }
                }
            });
            clients.add(t);
            t.start();
        }
        Thread.sleep(3_000);
        proxy.cut();
        long cutMs = (System.nanoTime() - start) / 1_000_000;
        Thread.sleep(1_500);
        int livenessDuringOutage = get("/actuator/health/liveness", null).statusCode();
        int readinessDuringOutage = get("/actuator/health/readiness", null).statusCode();
        Thread.sleep(3_000);
        proxy.restore();
        long restoredMs = (System.nanoTime() - start) / 1_000_000;
        for (Thread t : clients) {
            t.join(60_000);
        }

        assertThat(failures).as("no request failed without an answer (a hang ends in the client's 30 s timeout)").isEmpty();
        assertThat(answers).extracting(Answer::status).as("only 200 or 503, never a 500").containsOnly(200, 503);
        assertThat(answers).filteredOn(a -> a.status() == 503).isNotEmpty()
                .allSatisfy(a -> assertThat(a.body()).contains("Sorry, the service is unavailable").doesNotContain(FAMILY));
        assertThat(answers).as("no request took longer than the wait for a connection and some").allSatisfy(a ->
                assertThat(a.tookMs()).isLessThan(10_000));
        assertThat(answers).as("searches succeed before the outage").anyMatch(a -> a.status() == 200 && a.sentMs() < cutMs);
        assertThat(answers).as("and again within 5 s of the database coming back, with no restart")
                .anyMatch(a -> a.status() == 200 && a.sentMs() > restoredMs && a.sentMs() < restoredMs + 5_000);
        assertThat(answers).as("and every search sent from 5 s after it came back succeeds")
                .filteredOn(a -> a.sentMs() > restoredMs + 5_000).isNotEmpty().allSatisfy(a -> assertThat(a.status()).isEqualTo(200));
        assertThat(livenessDuringOutage).as("liveness: do not restart the node because the database is away").isEqualTo(200);
        assertThat(readinessDuringOutage).as("readiness: take the node out of the load balancer").isEqualTo(503);
        assertThat(get("/actuator/health/readiness", null).statusCode()).isEqualTo(200);
    }

    @Test
    void aReadOnlyDatabaseStopsChildDataAndChangesWithA503ButNotHealthOrPagesWithoutChildData() throws Exception {
        Practitioner p = practitioner();
        assertThat(search(p).body()).contains(FAMILY);
        assertThat(p.apiSearch().body()).contains(p.contactPointId());
        assertThat(p.fhirSearch().body()).contains(FAMILY);
        JdbcClient jdbc = JdbcClient.create(admin);
        long auditBefore = jdbc.sql("SELECT COUNT(*) FROM " + schema + ".audit_event").query(Long.class).single();
        long involvementsBefore = jdbc.sql("SELECT COUNT(*) FROM " + schema + ".involvement").query(Long.class).single();
        sql("ALTER ROLE " + role + " SET default_transaction_read_only = on");
        node.getBean(HikariDataSource.class).getHikariPoolMXBean().softEvictConnections();
        try {
            HttpResponse<String> found = search(p);
            assertThat(found.statusCode()).isEqualTo(503);
            assertThat(found.body()).contains("Sorry, the service is unavailable").doesNotContain(FAMILY);
            HttpResponse<String> opened = post(p, "/records/open", Map.of("contactPointId", p.contactPointId(),
                    "reasonChoice", "WORKING_WITH_CHILD"));
            assertThat(opened.statusCode()).isEqualTo(503);
            assertThat(opened.body()).doesNotContain(FAMILY).doesNotContain("Tamsin");
            HttpResponse<String> recorded = post(p, "/records/involvement", Map.of("contactPointId", p.contactPointId(),
                    "serviceType", "HEALTH_VISITING", "startDate-day", "1", "startDate-month", "9", "startDate-year", "2025",
                    "who", "ME", "role", "Health visitor", "phone", "0113 496 0555", "email", "hv@example.org"));
            assertThat(recorded.statusCode()).as(recorded.body()).isEqualTo(503);
            assertThat(recorded.body()).contains("Nothing you sent has been changed").doesNotContain(FAMILY);

            HttpResponse<String> api = p.apiSearch();
            assertThat(api.statusCode()).as(api.body()).isEqualTo(503);
            assertThat(api.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
            assertThat(api.body()).doesNotContain(FAMILY).doesNotContain(p.contactPointId());
            HttpResponse<String> fhir = p.fhirSearch();
            assertThat(fhir.statusCode()).as(fhir.body()).isEqualTo(503);
            assertThat(fhir.body()).contains("OperationOutcome").doesNotContain(FAMILY).doesNotContain(p.contactPointId());

            assertThat(get("/actuator/health/liveness", null).statusCode()).isEqualTo(200);
            assertThat(get("/actuator/health/readiness", null).statusCode()).isEqualTo(200);
            assertThat(get("/login", null).statusCode()).isEqualTo(200);
            assertThat(get("/accessibility", null).statusCode()).isEqualTo(200);
            assertThat(get("/govuk/govuk-frontend.min.css", p.cookie()).statusCode()).isEqualTo(200);
            HttpResponse<String> home = get("/home", p.cookie());
            assertThat(home.statusCode()).as("a signed-in page without child data").isEqualTo(200);
            assertThat(get("/search", p.cookie()).statusCode()).as("the search form itself").isEqualTo(200);
        } finally {
            sql("ALTER ROLE " + role + " RESET default_transaction_read_only");
            node.getBean(HikariDataSource.class).getHikariPoolMXBean().softEvictConnections();
        }
        assertThat(jdbc.sql("SELECT COUNT(*) FROM " + schema + ".audit_event").query(Long.class).single())
                .as("nothing was written while read-only").isEqualTo(auditBefore);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM " + schema + ".involvement").query(Long.class).single())
                .isEqualTo(involvementsBefore);
        assertThat(search(p).body()).as("the same session searches again once the database is writable").contains(FAMILY);
        assertThat(p.apiSearch().body()).as("and the same token").contains(p.contactPointId());
    }
}
