package uk.contactpoint.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import tools.jackson.databind.JsonNode;

import uk.contactpoint.TestFixtures;
import uk.contactpoint.access.ApiClients;
import uk.contactpoint.access.Role;
import uk.contactpoint.directory.OrganisationKind;
import uk.contactpoint.directory.Sector;
import uk.contactpoint.ingest.SupplierRegister;

/**
 * REST API v1 end to end over HTTP (ADR 37): a CMS client gets a token by the real authorization code flow for a
 * demo practitioner and searches, reads a record and records an involvement, each audited with the practitioner and
 * the client; a token with another client's DPoP key is refused; a supplier client sends a feed batch and reads its
 * reject report, and may not read records; bad input gets problem details and changes nothing.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class ApiIT {

    @LocalServerPort
    int port;
    @Autowired
    TestFixtures fixtures;
    @Autowired
    ApiClients clients;
    @Autowired
    SupplierRegister suppliers;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    uk.contactpoint.directory.LocalAuthorities authorities;

    ApiTokens api;
    ApiTokens.Client cms;
    String practitioner;
    ApiTokens.Token token;

    @BeforeEach
    void signIn() {
        authorities.update(new uk.contactpoint.directory.LocalAuthorityCode(TestFixtures.LEEDS), "0113 496 0999",
                uk.contactpoint.directory.LiveState.PRACTITIONERS_LIVE);
        api = new ApiTokens(port);
        cms = ApiTokens.registerCms(clients);
        practitioner = fixtures.user(Set.of(Role.PRACTITIONER),
                fixtures.organisation(OrganisationKind.SERVICE, Sector.SOCIAL_CARE, "Leeds Early Help"), false);
        token = api.practitionerToken(cms, practitioner, TestFixtures.PASSWORD, TestFixtures.PIN, fixtures.totpSecret(practitioner));
    }

    private static String surname() {
        String letters = "bcdfghjklmnprstvwz";
        StringBuilder s = new StringBuilder("Q");
        ThreadLocalRandom r = ThreadLocalRandom.current();
        for (int i = 0; i < 7; i++) {
            s.append(i % 2 == 0 ? letters.charAt(r.nextInt(letters.length())) : "aeiou".charAt(r.nextInt(5)));
        }
        return s.toString();
    }

    private HttpResponse<String> write(String path, String json, String key) {
        return api.call(token, token.dpopKey(), "POST", path, json, key == null ? Map.of() : Map.of("Idempotency-Key", key));
    }

    @Test
    void shouldSearchReadAndRecordAnInvolvementAsThePractitionerThroughTheClientAllAudited() {
        String family = surname();
        LocalDate dob = LocalDate.of(2015, 5, 17);
        TestFixtures.Child child = fixtures.child("Rosalind", family, dob, "LS6 2AB", false);

        HttpResponse<String> found = api.call(token, "POST", "/api/v1/searches",
                "{\"givenName\":\"Rosalind\",\"familyName\":\"" + family + "\",\"dateOfBirth\":\"2015-05-17\"}");
        assertThat(found.statusCode()).as(found.body()).isEqualTo(200);
        JsonNode results = ApiTokens.json(found).get("results");
        assertThat(results.size()).isGreaterThanOrEqualTo(1);
        assertThat(results.get(0).get("contactPointId").asString()).isEqualTo(child.contactPointId().value());

        String cp = child.contactPointId().value();
        HttpResponse<String> record = api.call(token, "POST", "/api/v1/children/" + cp + "/views",
                "{\"reason\":\"I am working with this child\"}");
        assertThat(record.statusCode()).as(record.body()).isEqualTo(200);
        JsonNode view = ApiTokens.json(record);
        assertThat(view.get("contactPointId").asString()).isEqualTo(cp);
        assertThat(view.get("name").get("family").asString()).isEqualTo(family);
        // The sensitive service is masked, as on the web page: its practitioner's name never leaves.
        assertThat(record.body()).doesNotContain("Nurse Confidential").contains("A sensitive service is involved");

        String key = UUID.randomUUID().toString();
        String entry = "{\"startDate\":\"" + LocalDate.now().minusDays(3) + "\",\"serviceType\":\"EARLY_HELP\",\"role\":\"Family worker\","
                + "\"phone\":\"0113 496 0000\",\"email\":\"worker@leeds.example\"}";
        HttpResponse<String> created = write("/api/v1/children/" + cp + "/involvements", entry, key);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        long involvement = ApiTokens.json(created).get("id").asLong();
        assertThat(created.headers().firstValue("Location").orElseThrow()).endsWith("/api/v1/involvements/" + involvement);
        // The same request again with the same key: the stored answer, nothing recorded twice.
        HttpResponse<String> replay = write("/api/v1/children/" + cp + "/involvements", entry, key);
        assertThat(replay.statusCode()).isEqualTo(201);
        assertThat(replay.headers().firstValue("Idempotent-Replayed")).contains("true");
        assertThat(ApiTokens.json(replay).get("id").asLong()).isEqualTo(involvement);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM involvement WHERE child_id = :c AND service_type = 'EARLY_HELP'")
                .param("c", child.id()).query(Long.class).single()).isEqualTo(1);
        // The same key for another request is refused.
        assertThat(write("/api/v1/children/" + cp + "/involvements", entry.replace("Family worker", "Other"), key).statusCode())
                .isEqualTo(422);
        // A write without a key is refused and changes nothing.
        HttpResponse<String> noKey = write("/api/v1/children/" + cp + "/involvements", entry, null);
        assertThat(noKey.statusCode()).isEqualTo(400);
        assertThat(noKey.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");

        HttpResponse<String> caf = write("/api/v1/involvements/" + involvement + "/caf-holder", "{\"holder\":true}", UUID.randomUUID().toString());
        assertThat(caf.statusCode()).as(caf.body()).isEqualTo(204);
        HttpResponse<String> ended = write("/api/v1/involvements/" + involvement + "/end",
                "{\"endDate\":\"" + LocalDate.now() + "\"}", UUID.randomUUID().toString());
        assertThat(ended.statusCode()).as(ended.body()).isEqualTo(204);

        // Every call on the child names the practitioner and the client.
        List<Map<String, Object>> events = jdbc.sql("""
                        SELECT e.action, e.actor, e.client_system FROM audit_event e
                        JOIN audit_event_child c ON c.event_id = e.id WHERE c.child_id = :c ORDER BY e.id""")
                .param("c", child.id()).query().listOfRows();
        assertThat(events).extracting(e -> e.get("action")).contains("SEARCH", "RECORD_VIEW", "RECORD_CHANGE");
        assertThat(events).allSatisfy(e -> {
            assertThat(e.get("actor")).isEqualTo(practitioner);
            assertThat(e.get("client_system")).isEqualTo("client:" + cms.clientId());
        });

        HttpResponse<String> notifications = api.get(token, "/api/v1/notifications?limit=5");
        assertThat(notifications.statusCode()).as(notifications.body()).isEqualTo(200);
        assertThat(ApiTokens.json(notifications).has("items")).isTrue();
    }

    @Test
    void shouldRefuseAnotherClientsKeyWithAProblemDetail() {
        HttpResponse<String> stolen = api.call(token, ApiTokens.newDpopKey(), "GET", "/api/v1/notifications", null, Map.of());
        assertThat(stolen.statusCode()).isEqualTo(401);
        assertThat(stolen.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
        assertThat(ApiTokens.json(stolen).get("status").asInt()).isEqualTo(401);
        HttpResponse<String> unknown = api.get(token, "/api/v1/no-such-thing");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
    }

    @Test
    void shouldAnswerBadInputWithProblemDetailsAndChangeNothing() {
        TestFixtures.Child child = fixtures.child("Ottoline", surname(), LocalDate.of(2013, 1, 9), "LS6 2AB", false);
        String cp = child.contactPointId().value();
        long before = jdbc.sql("SELECT COUNT(*) FROM involvement WHERE child_id = :c").param("c", child.id()).query(Long.class).single();
        Map<String, Integer> cases = Map.of(
                "{\"startDate\":\"2025-01-01\",", 400,
                "{\"startDate\":\"2025-01-01\",\"serviceType\":\"EARLY_HELP\",\"surprise\":1}", 400,
                "{\"startDate\":\"2025-02-30\",\"serviceType\":\"EARLY_HELP\"}", 422,
                "{\"startDate\":\"2025-01-01\",\"serviceType\":\"ASTROLOGY\"}", 422,
                "[1,2,3]", 400,
                "{\"startDate\":\"2025-01-01\",\"serviceType\":\"EARLY_HELP\",\"role\":\"" + "x".repeat(20_000) + "\"}", 413);
        cases.forEach((body, status) -> {
            HttpResponse<String> r = write("/api/v1/children/" + cp + "/involvements", body, UUID.randomUUID().toString());
            assertThat(r.statusCode()).as(body.length() > 80 ? body.substring(0, 80) : body).isEqualTo(status);
            assertThat(r.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
            assertThat(ApiTokens.json(r).get("status").asInt()).isEqualTo(status);
        });
        HttpResponse<String> badId = write("/api/v1/children/12345/involvements",
                "{\"startDate\":\"2025-01-01\",\"serviceType\":\"EARLY_HELP\"}", UUID.randomUUID().toString());
        assertThat(badId.statusCode()).isEqualTo(400);
        assertThat(ApiTokens.json(badId).get("type").asString()).endsWith("/bad-identifier");
        HttpResponse<String> badInvolvement = write("/api/v1/involvements/not-a-number/end", "{\"endDate\":\"2025-01-01\"}",
                UUID.randomUUID().toString());
        assertThat(badInvolvement.statusCode()).isEqualTo(400);
        assertThat(badInvolvement.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
        assertThat(api.call(token, "POST", "/api/v1/children/" + cp + "/views", "{}").statusCode()).isEqualTo(422);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM involvement WHERE child_id = :c").param("c", child.id()).query(Long.class).single())
                .isEqualTo(before);
    }

    @Test
    void shouldLetASupplierSendAFeedBatchAndReadItsRejectsButNoRecords() throws Exception {
        String code = "API" + Long.toString(System.nanoTime(), 36).toUpperCase();
        suppliers.register(code, "Leeds CMS feed", "la-services", SupplierRegister.Obligation.MAY,
                SupplierRegister.Frequency.MONTHLY, List.of(TestFixtures.LEEDS), "test", "test");
        ApiTokens.Client supplier = ApiTokens.registerSupplier(clients, code);
        ApiTokens.Token machine = api.supplierToken(supplier);

        String header = "record_id,forename,middle_names,surname,date_of_birth,sex,address_line1,address_line2,town,postcode,"
                + "service_type,organisation_code,organisation_name,practitioner_name,team_name,role,phone,email,start_date,"
                + "end_date,lead_professional,caf_holder,sensitive,consent\n";
        String good = "R1,Amelia,,Quorrel,2014-02-03,F,1 Road,,Leeds,LS6 2AB,EARLY_HELP,LA1,Leeds,Sam Worker,,Worker,0113 000,,2024-01-01,,N,N,N,\n";
        String bad = "R2,Bob,,Quorrel,2014-02-31,M,1 Road,,Leeds,LS6 2AB,EARLY_HELP,LA1,Leeds,Sam Worker,,Worker,0113 000,,2024-01-01,,N,N,N,\n";
        HttpResponse<String> sent = api.send(HttpRequest.newBuilder(URI.create(api.base() + "/api/v1/feed-batches?source=la-services&dryRun=true"))
                .header("Authorization", "DPoP " + machine.accessToken())
                .header("DPoP", ApiTokens.proof(machine.dpopKey(), "POST", api.base() + "/api/v1/feed-batches", machine.accessToken()))
                .header("Content-Type", "text/csv").header("Idempotency-Key", UUID.randomUUID().toString())
                .POST(HttpRequest.BodyPublishers.ofString(header + good + bad)).build());
        assertThat(sent.statusCode()).as(sent.body()).isEqualTo(202);
        long batch = ApiTokens.json(sent).get("id").asLong();

        JsonNode status = null;
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            status = ApiTokens.json(api.get(machine, "/api/v1/feed-batches/" + batch));
            if (!List.of("QUEUED", "RUNNING").contains(status.get("status").asString())) {
                break;
            }
            Thread.sleep(200);
        }
        assertThat(status.get("status").asString()).as(status.toString()).isEqualTo("DONE");
        assertThat(status.get("percentDone").asInt()).isEqualTo(100);
        assertThat(status.get("good").asLong()).isEqualTo(1);
        assertThat(status.get("rejected").asLong()).isEqualTo(1);
        HttpResponse<String> rejects = api.get(machine, "/api/v1/feed-batches/" + batch + "/rejects");
        assertThat(rejects.statusCode()).isEqualTo(200);
        JsonNode lines = ApiTokens.json(rejects).get("rejects");
        assertThat(lines.size()).isEqualTo(1);
        assertThat(lines.get(0).get("row").asLong()).isEqualTo(2);
        assertThat(lines.get(0).get("field").asString()).isEqualTo("date_of_birth");
        // Its submission is audited against the client.
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE client_system = :c AND detail LIKE :d")
                .param("c", "client:" + supplier.clientId()).param("d", "feed batch submitted id=" + batch + "%")
                .query(Long.class).single()).isEqualTo(1);

        // A supplier reads no records and searches for nobody; a CMS sends no feeds.
        TestFixtures.Child child = fixtures.child("Beatrix", surname(), LocalDate.of(2016, 4, 4), "LS6 2AB", false);
        assertThat(api.call(machine, "POST", "/api/v1/children/" + child.contactPointId().value() + "/views",
                "{\"reason\":\"curious\"}").statusCode()).isEqualTo(403);
        assertThat(api.call(machine, "POST", "/api/v1/searches", "{\"familyName\":\"Smith\",\"dateOfBirth\":\"2016-04-04\"}")
                .statusCode()).isEqualTo(403);
        assertThat(api.get(token, "/api/v1/feed-batches/" + batch).statusCode()).isEqualTo(403);
        // Another supplier does not see this one's batch.
        String other = "APO" + Long.toString(System.nanoTime(), 36).toUpperCase();
        suppliers.register(other, "Other", "la-services", SupplierRegister.Obligation.MAY, SupplierRegister.Frequency.MONTHLY,
                List.of(TestFixtures.LEEDS), "test", "test");
        ApiTokens.Token otherToken = api.supplierToken(ApiTokens.registerSupplier(clients, other));
        assertThat(api.get(otherToken, "/api/v1/feed-batches/" + batch).statusCode()).isEqualTo(404);
    }
}
