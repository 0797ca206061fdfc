package uk.contactpoint.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import uk.contactpoint.ContactPointApplication;
import uk.contactpoint.TestFixtures;
import uk.contactpoint.access.NewUser;
import uk.contactpoint.access.Role;
import uk.contactpoint.access.Totp;
import uk.contactpoint.access.UserAccounts;
import uk.contactpoint.access.Viewer;
import uk.contactpoint.directory.Directory;
import uk.contactpoint.directory.OrganisationKind;
import uk.contactpoint.directory.Sector;
import uk.contactpoint.directory.ServiceType;
import uk.contactpoint.notify.EmailFrequency;
import uk.contactpoint.notify.NotificationPreferences;
import uk.contactpoint.practice.Involvements;
import uk.contactpoint.practice.NewEntry;

/**
 * Horizontal scale (issue 11 part 2): two service nodes on their own ports against one PostgreSQL database (a schema
 * of their own). A user signed in on one node is served by the other, and signed out there is signed out on both;
 * a scheduled job's lease is won by exactly one of many concurrent attempts from both nodes; a notification caused
 * on one node is delivered once, whichever node is running, by one email; an access token a case management system
 * got from one node is taken by the other, bound to the same DPoP key, and refreshed there.
 */
@Tag("postgres")
class TwoNodesIT {

    @RegisterExtension
    static GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort()).withPerMethodLifecycle(false);

    static ConfigurableApplicationContext a;
    static ConfigurableApplicationContext b;

    @BeforeAll
    static void start() {
        String url = System.getenv("TEST_DATABASE_URL");
        String schema = "twonodes_" + Long.toHexString(System.nanoTime());
        String db = url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema;
        a = node(db, schema);
        b = node(db, schema);
    }

    private static ConfigurableApplicationContext node(String url, String schema) {
        return new SpringApplicationBuilder(ContactPointApplication.class).profiles("test").run("--server.port=0",
                "--spring.datasource.url=" + url, "--spring.flyway.default-schema=" + schema, "--spring.flyway.schemas=" + schema,
                "--spring.mail.host=127.0.0.1", "--spring.mail.port=" + smtp.getSmtp().getPort(),
                "--spring.datasource.hikari.maximum-pool-size=6", "--contactpoint.local-authorities.refresh=1s",
                // both behind one load balancer: the address a DPoP proof names is the public one, whichever node serves
                "--server.forward-headers-strategy=framework");
    }

    @AfterAll
    static void stop() {
        for (ConfigurableApplicationContext c : new ConfigurableApplicationContext[] {a, b}) {
            if (c != null) {
                c.close();
            }
        }
    }

    private static final String PUBLIC_SEARCHES = "https://directory.example.gov.uk/api/v1/searches";

    /** A practitioner of a new team of that name, signed in through a CMS on node A. */
    private static uk.contactpoint.api.ApiTokens.Token practitionerToken(TestFixtures fixtures, uk.contactpoint.api.ApiTokens onA,
                                                                         uk.contactpoint.api.ApiTokens.Client cms, String team) {
        String user = fixtures.user(Set.of(Role.PRACTITIONER), fixtures.organisation(OrganisationKind.SERVICE, Sector.SOCIAL_CARE, team), false);
        return onA.practitionerToken(cms, user, TestFixtures.PASSWORD, TestFixtures.PIN, fixtures.totpSecret(user));
    }

    /** A DPoP proof for a search at the public address both nodes stand behind. */
    private static String publicProof(uk.contactpoint.api.ApiTokens.Token token) {
        return uk.contactpoint.api.ApiTokens.proof(token.dpopKey(), "POST", PUBLIC_SEARCHES, token.accessToken());
    }

    /** A search sent to {@code node} as the load balancer passes it on, with the given proof. */
    private static java.net.http.HttpResponse<String> behindBalancer(uk.contactpoint.api.ApiTokens node,
                                                                     uk.contactpoint.api.ApiTokens.Token token, String proof, String search) {
        return node.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(node.base() + "/api/v1/searches"))
                .header("Authorization", "DPoP " + token.accessToken()).header("DPoP", proof)
                .header("X-Forwarded-Proto", "https").header("X-Forwarded-Host", "directory.example.gov.uk")
                .header("X-Forwarded-Port", "443").header("Content-Type", "application/json").header("Accept", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(search)).build());
    }

    private static int port(ConfigurableApplicationContext node) {
        return Integer.parseInt(node.getEnvironment().getProperty("local.server.port"));
    }

    @Test
    void aSessionStartedOnOneNodeIsServedAndEndedByTheOther() {
        TestFixtures fixtures = a.getBean(TestFixtures.class);
        String user = fixtures.user(Set.of(Role.PRACTITIONER),
                fixtures.organisation(OrganisationKind.SERVICE, Sector.HEALTH, "Two nodes team"), false);
        WebClient one = new WebClient(port(a));
        one.signIn(user, TestFixtures.PASSWORD, TestFixtures.PIN, fixtures.totpSecret(user));
        assertThat(one.get("/home").statusCode()).isEqualTo(200);

        WebClient two = new WebClient(port(b));
        two.setSessionCookie(one.sessionCookie());
        assertThat(two.get("/home").statusCode()).as("node B serves node A's session").isEqualTo(200);
        assertThat(two.get("/search").statusCode()).isEqualTo(200);

        two.post("/home", "/logout", Map.of());
        assertThat(one.get("/home").statusCode()).as("signed out on B is signed out on A").isEqualTo(302);
        assertThat(two.get("/home").statusCode()).isEqualTo(302);
    }

    @Test
    void anAccessTokenFromOneNodeIsTakenAndRefreshedByTheOther() {
        TestFixtures fixtures = a.getBean(TestFixtures.class);
        String family = "Trevanion" + ThreadLocalRandom.current().nextInt(1_000_000);
        TestFixtures.Child kid = fixtures.child("Morwenna", family, LocalDate.of(2016, 4, 9), "LS6 2AB", false);
        uk.contactpoint.api.ApiTokens.Client cms = uk.contactpoint.api.ApiTokens.registerCms(a.getBean(uk.contactpoint.access.ApiClients.class));
        uk.contactpoint.api.ApiTokens onA = new uk.contactpoint.api.ApiTokens(port(a));
        uk.contactpoint.api.ApiTokens onB = new uk.contactpoint.api.ApiTokens(port(b));
        uk.contactpoint.api.ApiTokens.Token token = practitionerToken(fixtures, onA, cms, "Two nodes CMS team");
        String search = "{\"givenName\":\"Morwenna\",\"familyName\":\"" + family + "\",\"dateOfBirth\":\"2016-04-09\"}";
        // Leeds goes live on node A; node B reads it within its refresh (1 s here, 30 s by default).
        a.getBean(uk.contactpoint.directory.LocalAuthorities.class).update(new uk.contactpoint.directory.LocalAuthorityCode(TestFixtures.LEEDS),
                "0113 496 0999", uk.contactpoint.directory.LiveState.PRACTITIONERS_LIVE);
        var found = onB.call(token, "POST", "/api/v1/searches", search);
        for (int i = 0; i < 50 && found.statusCode() == 403; i++) {
            sleep(100);
            found = onB.call(token, "POST", "/api/v1/searches", search);
        }
        assertThat(found.statusCode()).as(found.body()).isEqualTo(200);
        assertThat(found.body()).contains(kid.contactPointId().value());
        // Bound to its key on either node: a proof made with another key is refused by B.
        assertThat(onB.call(token, uk.contactpoint.api.ApiTokens.newDpopKey(), "POST", "/api/v1/searches", search, Map.of())
                .statusCode()).isEqualTo(401);
        uk.contactpoint.api.ApiTokens.Token refreshed = onB.refresh(cms, token);
        assertThat(onA.call(refreshed, "POST", "/api/v1/searches", search).statusCode()).isEqualTo(200);
    }

    @Test
    void aDpopProofTakenByOneNodeIsRefusedWhenReplayedToTheOther() {
        TestFixtures fixtures = a.getBean(TestFixtures.class);
        String family = "Kernick" + ThreadLocalRandom.current().nextInt(1_000_000);
        fixtures.child("Jowan", family, LocalDate.of(2014, 8, 1), "LS6 2AB", false);
        uk.contactpoint.api.ApiTokens.Client cms = uk.contactpoint.api.ApiTokens.registerCms(a.getBean(uk.contactpoint.access.ApiClients.class));
        uk.contactpoint.api.ApiTokens onA = new uk.contactpoint.api.ApiTokens(port(a));
        uk.contactpoint.api.ApiTokens onB = new uk.contactpoint.api.ApiTokens(port(b));
        uk.contactpoint.api.ApiTokens.Token token = practitionerToken(fixtures, onA, cms, "Two nodes replay team");
        String search = "{\"givenName\":\"Jowan\",\"familyName\":\"" + family + "\",\"dateOfBirth\":\"2014-08-01\"}";
        // One call as the load balancer passes it on: the proof names the public address.
        String proof = publicProof(token);
        var first = behindBalancer(onA, token, proof, search);
        assertThat(first.statusCode()).as(first.body()).isIn(200, 403);
        var replayed = behindBalancer(onB, token, proof, search);
        assertThat(replayed.statusCode()).as("the same proof, replayed to the other node").isEqualTo(401);
        assertThat(replayed.headers().firstValue("WWW-Authenticate").orElse("")).contains("invalid_dpop_proof");
        assertThat(behindBalancer(onA, token, proof, search).statusCode()).as("and to the first").isEqualTo(401);
        // A fresh proof for the same call is taken by the other node.
        var next = behindBalancer(onB, token, publicProof(token), search);
        assertThat(next.statusCode()).as(next.body()).isEqualTo(first.statusCode());
    }

    @Test
    void aScheduledJobsLeaseIsWonByExactlyOneOfManyAttemptsFromBothNodes() throws Exception {
        String job = "two-nodes-" + Long.toHexString(System.nanoTime());
        Directory[] nodes = {a.getBean(Directory.class), b.getBean(Directory.class)};
        int attempts = 16;
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(attempts);
        try {
            List<Future<Boolean>> won = new ArrayList<>();
            for (int i = 0; i < attempts; i++) {
                Directory node = nodes[i % 2];
                String holder = (i % 2 == 0 ? "node-a-" : "node-b-") + i;
                won.add(pool.submit(() -> {
                    go.await();
                    Instant now = Instant.now();
                    return node.leaseJob(job, now, now.plus(Duration.ofHours(1)), holder);
                }));
            }
            go.countDown();
            long winners = 0;
            for (Future<Boolean> f : won) {
                winners += f.get() ? 1 : 0;
            }
            assertThat(winners).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
        // Once the lease has run out, the next attempt from either node wins again.
        Instant later = Instant.now().plus(Duration.ofHours(2));
        assertThat(nodes[1].leaseJob(job, later, later.plus(Duration.ofHours(1)), "node-b")).isTrue();
        assertThat(nodes[0].leaseJob(job, later, later.plus(Duration.ofHours(1)), "node-a")).isFalse();
    }

    @Test
    void aMatchNotificationCausedOnOneNodeIsStoredAndEmailedOnce() throws Exception {
        TestFixtures fixtures = a.getBean(TestFixtures.class);
        UserAccounts accounts = a.getBean(UserAccounts.class);
        TestFixtures.Child kid = fixtures.child("Ysolde", "Penhallow" + ThreadLocalRandom.current().nextInt(1_000_000),
                LocalDate.of(2015, 3, 3), "LS6 2AB", false);
        String tag = Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36);
        long firstId = person(fixtures, accounts, "first" + tag, Sector.HEALTH);
        long secondId = person(fixtures, accounts, "second" + tag, Sector.EDUCATION);
        a.getBean(NotificationPreferences.class).set(firstId, EmailFrequency.IMMEDIATE);
        Viewer first = accounts.recipient(firstId).orElseThrow();
        Viewer second = b.getBean(UserAccounts.class).recipient(secondId).orElseThrow();
        // The first practitioner records on node A, the second on node B: the first is told, once.
        a.getBean(Involvements.class).record(first, kid.contactPointId(), entry(ServiceType.HEALTH_VISITING, "Health visitor"));
        b.getBean(Involvements.class).record(second, kid.contactPointId(), entry(ServiceType.EDUCATION_WELFARE, "Education welfare officer"));

        JdbcClient jdbc = a.getBean(JdbcClient.class);
        String address = "first" + tag + "@example.gov.uk";
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (System.nanoTime() < deadline && Arrays.stream(smtp.getReceivedMessages())
                .noneMatch(m -> to(m).equals(address))) {
            Thread.sleep(100);
        }
        // Time for a second delivery, were one coming (each node's event registry retries what it published).
        Thread.sleep(3000);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM notification WHERE user_id = :u").param("u", firstId).query(Long.class).single())
                .isEqualTo(1);
        assertThat(Arrays.stream(smtp.getReceivedMessages()).filter(m -> to(m).equals(address)).count()).isEqualTo(1);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM notification WHERE user_id = :u").param("u", secondId).query(Long.class).single())
                .as("nobody is told of their own act").isZero();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static NewEntry entry(ServiceType service, String role) {
        return new NewEntry(LocalDate.now().minusDays(3), service, role, null, "0113 496 0000", null, false, null);
    }

    private static long person(TestFixtures fixtures, UserAccounts accounts, String name, Sector sector) {
        long org = fixtures.organisation(OrganisationKind.SERVICE, sector, "Team " + name);
        LocalDate vetted = LocalDate.now().minusMonths(2);
        return accounts.create(new NewUser("u" + name, TestFixtures.PASSWORD, "Pat " + name, name + "@example.gov.uk",
                "0113 496 0001", org, TestFixtures.LEEDS, Set.of(Role.PRACTITIONER), false, vetted, vetted, vetted,
                TestFixtures.PIN, Totp.newSecret()));
    }

    private static String to(jakarta.mail.internet.MimeMessage m) {
        try {
            return m.getAllRecipients()[0].toString();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
