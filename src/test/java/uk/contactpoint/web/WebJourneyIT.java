package uk.contactpoint.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

import uk.contactpoint.TestFixtures;
import uk.contactpoint.access.Role;
import uk.contactpoint.access.Totp;
import uk.contactpoint.directory.OrganisationKind;
import uk.contactpoint.directory.Sector;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class WebJourneyIT {

    @LocalServerPort
    int port;
    @Autowired
    TestFixtures fixtures;
    @Autowired
    JdbcClient jdbc;

    @Test
    void shouldServeTheSignInPageDirectlyWithSecurityHeaders() {
        HttpResponse<String> login = new WebClient(port).get("/login");

        assertThat(login.statusCode()).isEqualTo(200);
        assertThat(login.body()).contains("Sign in to ContactPoint").contains("name=\"_csrf\"");
        String csp = login.headers().firstValue("Content-Security-Policy").orElseThrow();
        assertThat(csp).contains("default-src 'self'").contains("frame-ancestors 'none'").doesNotContain("unsafe-inline");
        assertThat(login.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(login.headers().firstValue("X-Frame-Options")).hasValue("DENY");
        assertThat(login.headers().firstValue("Referrer-Policy")).isPresent();
    }

    @Test
    void shouldAllowExactlyTheLayoutsInlineScriptByHash() throws Exception {
        String layout = Files.readString(Path.of("src/main/resources/templates/fragments/layout.html"));
        Matcher inline = Pattern.compile("<script>(.*?)</script>", Pattern.DOTALL).matcher(layout);
        assertThat(inline.find()).isTrue();
        String hash = Base64.getEncoder().encodeToString(
                MessageDigest.getInstance("SHA-256").digest(inline.group(1).getBytes(StandardCharsets.UTF_8)));

        String csp = new WebClient(port).get("/").headers().firstValue("Content-Security-Policy").orElseThrow();

        assertThat(csp).contains("'sha256-" + hash + "'");
        assertThat(inline.find()).as("only one inline script").isFalse();
    }

    @Test
    void shouldReportHealthPubliclyAndKeepMetricsPrivate() {
        WebClient web = new WebClient(port);

        assertThat(web.get("/actuator/health").body()).contains("\"status\":\"UP\"");
        assertThat(web.get("/actuator/prometheus").statusCode()).isEqualTo(401);
    }

    @Test
    void shouldServeGovukFrontendFromTheWebjar() {
        WebClient web = new WebClient(port);

        assertThat(web.get("/govuk/govuk-frontend.min.css").statusCode()).isEqualTo(200);
        assertThat(web.get("/govuk/govuk-frontend.min.js").statusCode()).isEqualTo(200);
        assertThat(web.get("/assets/images/govuk-crest.svg").statusCode()).isEqualTo(200);
        assertThat(web.get("/js/init.js").statusCode()).isEqualTo(200);
    }

    @Test
    void shouldSendAnonymousVisitorsToSignIn() {
        HttpResponse<String> response = new WebClient(port).get("/records/open");

        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(response.headers().firstValue("Location").orElseThrow()).endsWith("/login");
    }

    @Test
    void shouldChangeTheSessionIdAtEachSignInStep() {
        WebClient web = new WebClient(port);
        web.get("/login");
        String before = web.sessionCookie();
        String username = fixtures.user(Set.of(Role.PRACTITIONER), fixtures.organisation(OrganisationKind.SERVICE, Sector.SOCIAL_CARE, "Team"), false);

        HttpResponse<String> first = web.login(username, TestFixtures.PASSWORD);

        assertThat(first.statusCode()).isEqualTo(302);
        assertThat(first.headers().firstValue("Location").orElseThrow()).endsWith("/login/second-factor");
        String afterPassword = web.sessionCookie();
        assertThat(afterPassword).isNotNull().isNotEqualTo(before);

        HttpResponse<String> second = web.secondFactor(TestFixtures.PIN,
                Totp.code(fixtures.totpSecret(username), Instant.now()));

        assertThat(second.statusCode()).isEqualTo(302);
        assertThat(second.headers().firstValue("Location").orElseThrow()).endsWith("/home");
        assertThat(web.sessionCookie()).isNotNull().isNotEqualTo(afterPassword).isNotEqualTo(before);
        assertThat(web.get("/home").body()).contains("Welcome");
    }

    @Test
    void shouldRefuseAWrongPasswordAndSayWhatToDo() {
        WebClient web = new WebClient(port);
        String username = fixtures.user(Set.of(Role.PRACTITIONER), fixtures.organisation(OrganisationKind.SERVICE, Sector.SOCIAL_CARE, "Team"), false);

        HttpResponse<String> response = web.login(username, "not the password");

        assertThat(response.headers().firstValue("Location").orElseThrow()).endsWith("/login?error");
        assertThat(web.get("/login?error").body()).contains("There is a problem");
        assertThat(web.get("/home").statusCode()).isEqualTo(302);
    }

    @Test
    void shouldShowAShieldedChildAsRestrictedAndMaskASensitiveService() {
        WebClient web = signedInPractitioner();
        TestFixtures.Child shielded = fixtures.child(true);
        TestFixtures.Child open = fixtures.child(false);

        HttpResponse<String> restricted = web.post("/records/open", "/records/open",
                Map.of("contactPointId", shielded.contactPointId().value(), "reason", "referral"));
        HttpResponse<String> masked = web.post("/records/open", "/records/open",
                Map.of("contactPointId", open.contactPointId().formatted(), "reason", "referral"));

        assertThat(restricted.statusCode()).isEqualTo(200);
        assertThat(restricted.body()).contains("Zebedee Quixley").contains("This record is restricted")
                .contains("Xanthe Quixley").doesNotContain("Quarry Street").doesNotContain("LS6 2AB")
                .doesNotContain("07700 900777").doesNotContain("Test Primary School").doesNotContain("Sam Social");
        assertThat(masked.body()).contains("Quarry Street").contains("Sam Social").contains("A sensitive service is involved")
                .doesNotContain("Nurse Confidential").doesNotContain("Sexual health").doesNotContain("Test Sexual Health Clinic");
    }

    @Test
    void shouldRejectAMistypedContactPointIdWithAnErrorSummary() {
        WebClient web = signedInPractitioner();
        TestFixtures.Child child = fixtures.child(false);
        String id = child.contactPointId().value();
        String mistyped = id.substring(0, 3) + id.charAt(4) + id.charAt(3) + id.substring(5);
        if (mistyped.equals(id)) {
            mistyped = id.substring(0, 11) + ((id.charAt(11) - '0' + 1) % 10);
        }

        HttpResponse<String> response = web.post("/records/open", "/records/open",
                Map.of("contactPointId", mistyped, "reason", "referral"));

        assertThat(response.body()).contains("There is a problem").contains("check each digit").doesNotContain("Zebedee");
    }

    @Test
    void shouldAnswerServiceUnavailableWithNoChildDataWhenTheAuditCannotBeWritten() {
        WebClient web = signedInPractitioner();
        TestFixtures.Child child = fixtures.child(false);
        jdbc.sql("ALTER TABLE audit_event_child RENAME TO audit_event_child_gone").update();
        HttpResponse<String> response;
        try {
            response = web.post("/records/open", "/records/open",
                    Map.of("contactPointId", child.contactPointId().value(), "reason", "referral"));
        } finally {
            jdbc.sql("ALTER TABLE audit_event_child_gone RENAME TO audit_event_child").update();
        }

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.body()).contains("Sorry, the service is unavailable")
                .doesNotContain("Zebedee").doesNotContain("Quarry Street").doesNotContain("Xanthe");
    }

    private WebClient signedInPractitioner() {
        WebClient web = new WebClient(port);
        long org = fixtures.organisation(OrganisationKind.SERVICE, Sector.SOCIAL_CARE, "Team");
        String username = fixtures.user(Set.of(Role.PRACTITIONER), org, false);
        HttpResponse<String> signedIn = web.signIn(username, TestFixtures.PASSWORD, TestFixtures.PIN, fixtures.totpSecret(username));
        assertThat(signedIn.headers().firstValue("Location").orElseThrow()).endsWith("/home");
        return web;
    }
}
