package uk.contactpoint.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.handler.SimpleUrlHandlerMapping;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import uk.contactpoint.TestFixtures;
import uk.contactpoint.access.Role;
import uk.contactpoint.directory.OrganisationKind;
import uk.contactpoint.directory.Sector;

/**
 * Every route the application has (controller mappings and static resource handlers), and who may reach
 * it. A new route fails this test until it is listed here with its expected access: with no session only
 * the asserted public routes answer 200, a password-only session is sent to the second step, and a
 * session with both factors gets the page.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class RouteInventoryIT {

    /** Controller routes, as "METHOD /pattern", with a concrete path to probe. */
    private static final Map<String, String> PUBLIC_ROUTES = Map.of(
            "GET /", "/",
            "GET /login", "/login",
            "GET /activate", "/activate",
            "POST /activate", "/activate",
            "GET /accessibility", "/accessibility",
            "GET /privacy", "/privacy");
    /** Public, but only the second page of a started activation: without one they send the user to its start. */
    private static final Map<String, String> PUBLIC_REDIRECTS = Map.of(
            "GET /activate/token", "/activate/token",
            "POST /activate/token", "/activate/token");
    /** Needs the password factor only: the second sign-in step. */
    private static final Map<String, String> SECOND_STEP = Map.of(
            "GET /login/second-factor", "/login/second-factor");
    /** Needs both factors. */
    private static final Map<String, String> SIGNED_IN_ROUTES = Map.ofEntries(
            Map.entry("GET /home", "/home"),
            Map.entry("GET /search", "/search"),
            Map.entry("POST /session/extend", "/session/extend"),
            Map.entry("GET /account/security-keys", "/account/security-keys"),
            Map.entry("POST /account/security-keys/options", "/account/security-keys/options"),
            Map.entry("POST /account/security-keys", "/account/security-keys"),
            Map.entry("POST /account/security-keys/{id}/remove", "/account/security-keys/1/remove"),
            Map.entry("GET /records/open", "/records/open"),
            Map.entry("POST /records/open", "/records/open"),
            Map.entry("POST /search", "/search"),
            Map.entry("POST /records/start", "/records/start"),
            Map.entry("POST /records/involvement/new", "/records/involvement/new"),
            Map.entry("POST /records/involvement", "/records/involvement"),
            Map.entry("POST /involvements/end/start", "/involvements/end/start"),
            Map.entry("POST /involvements/end", "/involvements/end"),
            Map.entry("POST /involvements/caf", "/involvements/caf"),
            Map.entry("POST /involvements/consent/start", "/involvements/consent/start"),
            Map.entry("POST /involvements/consent", "/involvements/consent"),
            Map.entry("POST /involvements/confirm", "/involvements/confirm"),
            Map.entry("POST /involvements/lead/start", "/involvements/lead/start"),
            Map.entry("POST /involvements/lead", "/involvements/lead"),
            Map.entry("GET /lead-professional", "/lead-professional"),
            Map.entry("POST /lead-professional/decide", "/lead-professional/decide"),
            Map.entry("POST /records/inaccuracy/new", "/records/inaccuracy/new"),
            Map.entry("POST /records/inaccuracy", "/records/inaccuracy"),
            Map.entry("POST /records/opened-in-error", "/records/opened-in-error"),
            Map.entry("GET /my-children", "/my-children"),
            Map.entry("GET /notifications", "/notifications"),
            Map.entry("GET /notifications/settings", "/notifications/settings"),
            Map.entry("POST /notifications/settings", "/notifications/settings"),
            Map.entry("POST /records/approval", "/records/approval"),
            Map.entry("GET /approvals", "/approvals"),
            Map.entry("POST /approvals/decide", "/approvals/decide"),
            Map.entry("GET /mediated", "/mediated"),
            Map.entry("POST /mediated", "/mediated"),
            Map.entry("POST /mediated/verify", "/mediated/verify"),
            Map.entry("GET /mediated/search", "/mediated/search"),
            Map.entry("POST /mediated/search", "/mediated/search"),
            Map.entry("POST /mediated/open", "/mediated/open"),
            Map.entry("POST /mediated/record", "/mediated/record"),
            Map.entry("POST /mediated/end", "/mediated/end"),
            Map.entry("POST /records/break-glass/start", "/records/break-glass/start"),
            Map.entry("POST /records/break-glass/key-options", "/records/break-glass/key-options"),
            Map.entry("POST /records/break-glass", "/records/break-glass"),
            Map.entry("POST /records/brokering/new", "/records/brokering/new"),
            Map.entry("POST /records/brokering", "/records/brokering"),
            Map.entry("GET /brokering", "/brokering"),
            Map.entry("GET /brokering/requests/{id}", "/brokering/requests/1"),
            Map.entry("POST /brokering/requests/{id}/pass", "/brokering/requests/1/pass"),
            Map.entry("POST /brokering/requests/{id}/accept", "/brokering/requests/1/accept"),
            Map.entry("POST /brokering/requests/{id}/decline", "/brokering/requests/1/decline"));
    /** What a fully signed-in practitioner gets from the routes that do not answer 200 to the probe. */
    private static final Map<String, Integer> SIGNED_IN_STATUS = Map.ofEntries(
            Map.entry("POST /account/security-keys", 400),
            Map.entry("POST /session/extend", 204),
            Map.entry("POST /account/security-keys/{id}/remove", 302),
            // Without an involvement, proposal or ContactPoint ID these are bad requests.
            Map.entry("POST /records/involvement", 400),
            Map.entry("POST /involvements/end/start", 400),
            Map.entry("POST /involvements/end", 400),
            Map.entry("POST /involvements/caf", 400),
            Map.entry("POST /involvements/consent/start", 400),
            Map.entry("POST /involvements/consent", 400),
            Map.entry("POST /involvements/confirm", 400),
            Map.entry("POST /involvements/lead/start", 400),
            Map.entry("POST /involvements/lead", 400),
            Map.entry("POST /lead-professional/decide", 400),
            Map.entry("POST /records/inaccuracy", 400),
            Map.entry("POST /records/opened-in-error", 400),
            Map.entry("POST /records/approval", 400),
            Map.entry("POST /approvals/decide", 400),
            // The mediated search's later steps send a session with no checked caller back to its first page.
            Map.entry("POST /mediated/verify", 302),
            Map.entry("GET /mediated/search", 302),
            Map.entry("POST /mediated/search", 302),
            Map.entry("POST /mediated/open", 302),
            Map.entry("POST /mediated/record", 302),
            Map.entry("POST /mediated/end", 302),
            // Break-glass is for practitioners with the child-protection flag only; the probe has none.
            Map.entry("POST /records/break-glass/start", 403),
            Map.entry("POST /records/break-glass/key-options", 403),
            Map.entry("POST /records/break-glass", 403),
            // Brokered contact: without a ContactPoint ID and a masked line the form is a bad request; a request
            // the probe did not make, and is neither the LA team nor the service of, does not exist for it.
            Map.entry("POST /records/brokering/new", 400),
            Map.entry("POST /records/brokering", 400),
            Map.entry("GET /brokering/requests/{id}", 404),
            Map.entry("POST /brokering/requests/{id}/pass", 404),
            Map.entry("POST /brokering/requests/{id}/accept", 404),
            Map.entry("POST /brokering/requests/{id}/decline", 404));
    /**
     * Needs both factors and an administrative role (user administration, oversight, shielding, going live,
     * data management): a practitioner is refused (403).
     */
    private static final Map<String, String> ADMIN_ROUTES = Map.ofEntries(
            Map.entry("GET /admin/users", "/admin/users"),
            Map.entry("GET /admin/users/new", "/admin/users/new"),
            Map.entry("POST /admin/users", "/admin/users"),
            Map.entry("GET /admin/users/import", "/admin/users/import"),
            Map.entry("POST /admin/users/import", "/admin/users/import"),
            Map.entry("GET /admin/users/{id}", "/admin/users/1"),
            Map.entry("POST /admin/users/{id}/suspend", "/admin/users/1/suspend"),
            Map.entry("POST /admin/users/{id}/reactivate", "/admin/users/1/reactivate"),
            Map.entry("POST /admin/users/{id}/left", "/admin/users/1/left"),
            Map.entry("POST /admin/users/{id}/reset", "/admin/users/1/reset"),
            Map.entry("POST /admin/users/{id}/unlock", "/admin/users/1/unlock"),
            Map.entry("POST /admin/users/{id}/vetting", "/admin/users/1/vetting"),
            Map.entry("GET /admin/organisations", "/admin/organisations"),
            Map.entry("GET /admin/organisations/{id}", "/admin/organisations/1"),
            Map.entry("POST /admin/organisations/{id}/accredit", "/admin/organisations/1/accredit"),
            Map.entry("POST /admin/organisations/{id}/withdraw", "/admin/organisations/1/withdraw"),
            Map.entry("GET /oversight/alerts", "/oversight/alerts"),
            Map.entry("POST /oversight/alerts/{id}/decide", "/oversight/alerts/1/decide"),
            Map.entry("GET /oversight/break-glass", "/oversight/break-glass"),
            Map.entry("POST /oversight/break-glass/{id}/close", "/oversight/break-glass/1/close"),
            Map.entry("GET /oversight/children", "/oversight/children"),
            Map.entry("POST /oversight/children", "/oversight/children"),
            Map.entry("POST /oversight/children/export", "/oversight/children/export"),
            Map.entry("GET /oversight/users", "/oversight/users"),
            Map.entry("POST /oversight/users", "/oversight/users"),
            Map.entry("POST /oversight/users/export", "/oversight/users/export"),
            Map.entry("GET /oversight/subject-access", "/oversight/subject-access"),
            Map.entry("POST /oversight/subject-access", "/oversight/subject-access"),
            Map.entry("POST /oversight/subject-access/pdf", "/oversight/subject-access/pdf"),
            Map.entry("GET /shielding", "/shielding"),
            Map.entry("POST /shielding/shield", "/shielding/shield"),
            Map.entry("POST /shielding/unshield", "/shielding/unshield"),
            Map.entry("POST /shielding/proposals/{id}/approve", "/shielding/proposals/1/approve"),
            Map.entry("GET /shielding/import", "/shielding/import"),
            Map.entry("POST /shielding/import", "/shielding/import"),
            Map.entry("GET /shielding/addresses", "/shielding/addresses"),
            Map.entry("POST /shielding/addresses", "/shielding/addresses"),
            Map.entry("POST /shielding/addresses/{id}/remove", "/shielding/addresses/1/remove"),
            Map.entry("GET /data/children", "/data/children"),
            Map.entry("POST /data/children/find", "/data/children/find"),
            Map.entry("GET /data/children/new", "/data/children/new"),
            Map.entry("POST /data/children/new", "/data/children/new"),
            Map.entry("POST /data/children/new/confirm", "/data/children/new/confirm"),
            Map.entry("POST /data/children/new/same", "/data/children/new/same"),
            Map.entry("GET /data/children/{contactPointId}/edit", "/data/children/000000000000/edit"),
            Map.entry("POST /data/children/{contactPointId}/edit", "/data/children/000000000000/edit"),
            Map.entry("GET /admin/local-authorities", "/admin/local-authorities"),
            Map.entry("POST /admin/local-authorities/stage", "/admin/local-authorities/stage"),
            Map.entry("GET /data/review", "/data/review"),
            Map.entry("GET /data/review/{id}", "/data/review/1"),
            Map.entry("POST /data/review/{id}/decide", "/data/review/1/decide"),
            Map.entry("GET /data/merge", "/data/merge"),
            Map.entry("POST /data/merge", "/data/merge"),
            Map.entry("GET /data/children/{contactPointId}/history", "/data/children/000000000000/history"),
            Map.entry("POST /data/merges/{id}/unmerge", "/data/merges/1/unmerge"),
            Map.entry("GET /admin/suppliers", "/admin/suppliers"),
            Map.entry("GET /reports", "/reports"),
            Map.entry("GET /reports/missing-education", "/reports/missing-education"),
            Map.entry("GET /reports/missing-education/export", "/reports/missing-education/export"),
            Map.entry("GET /reports/data-quality", "/reports/data-quality"),
            Map.entry("GET /reports/data-quality/export", "/reports/data-quality/export"),
            Map.entry("GET /reports/proportionality", "/reports/proportionality"),
            Map.entry("GET /reports/proportionality/export", "/reports/proportionality/export"),
            Map.entry("GET /reports/national", "/reports/national"),
            Map.entry("GET /reports/national/export", "/reports/national/export"),
            Map.entry("GET /data/inaccuracies", "/data/inaccuracies"),
            Map.entry("GET /data/children/{contactPointId}/retention", "/data/children/000000000000/retention"),
            Map.entry("POST /data/children/{contactPointId}/death", "/data/children/000000000000/death"),
            Map.entry("POST /data/children/{contactPointId}/extension", "/data/children/000000000000/extension"),
            Map.entry("POST /data/inaccuracies/resolve", "/data/inaccuracies/resolve"),
            Map.entry("GET /la/settings", "/la/settings"),
            Map.entry("POST /la/settings", "/la/settings"),
            Map.entry("GET /data/children/{contactPointId}/new-identity", "/data/children/000000000000/new-identity"),
            Map.entry("POST /data/children/{contactPointId}/new-identity", "/data/children/000000000000/new-identity"),
            Map.entry("GET /archive", "/archive"),
            Map.entry("POST /archive", "/archive"),
            Map.entry("GET /transfers", "/transfers"),
            Map.entry("GET /transfers/{id}", "/transfers/1"),
            Map.entry("POST /transfers/{id}/accept", "/transfers/1/accept"),
            Map.entry("POST /transfers/{id}/decline", "/transfers/1/decline"),
            Map.entry("GET /data/children/{contactPointId}/responsibility", "/data/children/000000000000/responsibility"),
            Map.entry("GET /data/left-england", "/data/left-england"),
            Map.entry("POST /data/left-england/export", "/data/left-england/export"),
            Map.entry("GET /admin/api-clients", "/admin/api-clients"),
            Map.entry("POST /admin/api-clients", "/admin/api-clients"),
            Map.entry("POST /admin/api-clients/{clientId}/revoke", "/admin/api-clients/cms-0/revoke"));
    /**
     * REST API v1 (ADR 37): only for DPoP-bound access tokens (ADR 35), so 401 with no token and with a web session
     * alike, never a login page.
     */
    private static final Map<String, String> API_ROUTES = Map.ofEntries(
            Map.entry("POST /api/v1/searches", "/api/v1/searches"),
            Map.entry("POST /api/v1/children/{contactPointId}/views", "/api/v1/children/000000000000/views"),
            Map.entry("POST /api/v1/children/{contactPointId}/involvements", "/api/v1/children/000000000000/involvements"),
            Map.entry("POST /api/v1/children/{contactPointId}/inaccuracy-reports", "/api/v1/children/000000000000/inaccuracy-reports"),
            Map.entry("POST /api/v1/involvements/{involvementId}/confirmation", "/api/v1/involvements/1/confirmation"),
            Map.entry("POST /api/v1/involvements/{involvementId}/caf-holder", "/api/v1/involvements/1/caf-holder"),
            Map.entry("POST /api/v1/involvements/{involvementId}/end", "/api/v1/involvements/1/end"),
            Map.entry("POST /api/v1/involvements/{involvementId}/lead-professional-proposals", "/api/v1/involvements/1/lead-professional-proposals"),
            Map.entry("GET /api/v1/lead-professional-proposals", "/api/v1/lead-professional-proposals"),
            Map.entry("POST /api/v1/lead-professional-proposals/{proposalId}/decision", "/api/v1/lead-professional-proposals/1/decision"),
            Map.entry("GET /api/v1/notifications", "/api/v1/notifications"),
            Map.entry("POST /api/v1/feed-batches", "/api/v1/feed-batches"),
            Map.entry("GET /api/v1/feed-batches", "/api/v1/feed-batches"),
            Map.entry("GET /api/v1/feed-batches/{batchId}", "/api/v1/feed-batches/1"),
            Map.entry("GET /api/v1/feed-batches/{batchId}/rejects", "/api/v1/feed-batches/1/rejects"));
    /** The API's description (springdoc), public: the JSON and the browsable page. */
    private static final Map<String, String> API_DOCS = Map.of(
            "GET /api/openapi.json", "/api/openapi.json",
            "GET /api/openapi.json.yaml", "/api/openapi.json.yaml",
            "GET /api/openapi.json/swagger-config", "/api/openapi.json/swagger-config",
            "GET /api/docs", "/api/docs");
    /**
     * Swagger UI's files for /api/docs: public under /api/swagger-ui (probed through its index page); springdoc also
     * maps them under /webjars, which stays behind the sign-in like every webjar.
     */
    private static final Set<String> API_DOC_RESOURCES = Set.of("/api/swagger-ui/**", "/api/swagger-ui/*index.html",
            "/api/swagger-ui/*swagger-initializer.js", "/webjars/*swagger-ui/**", "/webjars/*swagger-ui/*index.html",
            "/webjars/*swagger-ui/*swagger-initializer.js");

    /** Boot's error page: public, but never a 200 of its own. */
    private static final Set<String> ERROR_ROUTES = Set.of("GET /error", "POST /error", "PUT /error", "DELETE /error",
            "PATCH /error", "HEAD /error", "OPTIONS /error", "TRACE /error");
    /** Resource handler patterns, with a real file to probe and whether it is public. */
    private static final Map<String, String> PUBLIC_RESOURCES = Map.of(
            "/assets/**", "/assets/images/govuk-crest.svg",
            "/govuk/**", "/govuk/govuk-frontend.min.js",
            "/**", "/css/contactpoint.css");
    private static final Map<String, String> PRIVATE_RESOURCES = Map.of(
            "/webjars/**", "/webjars/govuk-frontend/package.json");

    /**
     * Servlets beside Spring MVC's, with their mappings: a new one fails this test until it is listed here and its
     * access is probed below. The FHIR server (ADR 39) has its own routes, which the CapabilityStatement lists.
     */
    private static final Map<String, Set<String>> SERVLETS = Map.of(
            "dispatcherServlet", Set.of("/"),
            "fhir", Set.of("/fhir/*"));
    /** FHIR routes probed without sign-in; only the CapabilityStatement answers. */
    private static final List<String> FHIR_PRIVATE = List.of("/fhir", "/fhir/Patient", "/fhir/Patient/100000000001",
            "/fhir/Patient?family=Smith&birthdate=2015-03-27", "/fhir/RelatedPerson/100000000001-1",
            "/fhir/RelatedPerson?patient=100000000001", "/fhir/CareTeam/100000000001", "/fhir/CareTeam?patient=100000000001",
            "/fhir/metadata/extra");

    @LocalServerPort
    int port;
    @Autowired
    private uk.contactpoint.access.ApiClients apiClients;

    @Autowired
    List<org.springframework.boot.web.servlet.ServletRegistrationBean<?>> servlets;
    @Autowired
    TestFixtures fixtures;
    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping controllers;
    @Autowired
    @Qualifier("resourceHandlerMapping")
    HandlerMapping resources;

    @Test
    void shouldKnowEveryRouteTheApplicationHas() {
        Set<String> expected = new TreeSet<>();
        expected.addAll(PUBLIC_ROUTES.keySet());
        expected.addAll(PUBLIC_REDIRECTS.keySet());
        expected.addAll(ADMIN_ROUTES.keySet());
        expected.addAll(SECOND_STEP.keySet());
        expected.addAll(SIGNED_IN_ROUTES.keySet());
        expected.addAll(API_ROUTES.keySet());
        expected.addAll(API_DOCS.keySet());
        Set<String> found = new TreeSet<>(controllerRoutes());
        found.removeAll(ERROR_ROUTES);
        assertThat(found).as("controller routes; classify any new one in this test").isEqualTo(expected);

        Set<String> patterns = new TreeSet<>(((SimpleUrlHandlerMapping) resources).getUrlMap().keySet());
        Set<String> expectedPatterns = new TreeSet<>(PUBLIC_RESOURCES.keySet());
        expectedPatterns.addAll(PRIVATE_RESOURCES.keySet());
        expectedPatterns.addAll(API_DOC_RESOURCES);
        // Swagger UI's version is in two of its patterns: classified whatever the version.
        patterns.removeIf(p -> p.matches("/webjars/\\*swagger-ui/[0-9.]+/\\*(index\\.html|swagger-initializer\\.js)"));
        assertThat(patterns).as("resource handlers; classify any new one in this test").isEqualTo(expectedPatterns);
    }

    @Test
    void shouldAnswer200WithNoSessionOnlyOnThePublicAllowList() {
        WebClient anonymous = new WebClient(port);
        Map<String, String> outcomes = new TreeMap<>();
        for (Map.Entry<String, String> route : allRoutes().entrySet()) {
            HttpResponse<String> r = probe(anonymous, route.getKey(), route.getValue());
            outcomes.put(route.getKey(), r.statusCode() + " " + r.headers().firstValue("Location").orElse(""));
        }
        outcomes.put("GET /actuator/health", anonymous.get("/actuator/health").statusCode() + " ");
        for (Map.Entry<String, String> route : API_DOCS.entrySet()) {
            HttpResponse<String> r = anonymous.get(route.getValue());
            assertThat(r.statusCode()).as(route.getKey()).isIn(200, 302);
        }
        assertThat(anonymous.get("/api/swagger-ui/index.html").statusCode()).isEqualTo(200);
        outcomes.put("GET /actuator/prometheus", anonymous.get("/actuator/prometheus").statusCode() + " ");

        Set<String> public200 = new TreeSet<>(PUBLIC_ROUTES.keySet());
        PUBLIC_RESOURCES.keySet().forEach(p -> public200.add("RESOURCE " + p));
        public200.add("GET /actuator/health");
        assertThat(outcomes).allSatisfy((route, outcome) -> {
            if (public200.contains(route)) {
                assertThat(outcome).as(route).startsWith("200");
            } else if (route.contains("actuator") || API_ROUTES.containsKey(route)) {
                assertThat(outcome).as(route).startsWith("401");
            } else if (PUBLIC_REDIRECTS.containsKey(route)) {
                assertThat(outcome).as(route).startsWith("302").endsWith("/activate");
            } else {
                assertThat(outcome).as(route).startsWith("302").endsWith("/login");
            }
        });
    }

    @Test
    void shouldSendAPasswordOnlySessionToTheSecondStepAndGiveBothFactorsThePage() {
        String user = fixtures.user(Set.of(Role.PRACTITIONER),
                fixtures.organisation(OrganisationKind.SERVICE, Sector.SOCIAL_CARE, "Team"), false);
        WebClient half = new WebClient(port);
        half.login(user, TestFixtures.PASSWORD);

        Map<String, String> needingBoth = new TreeMap<>(SIGNED_IN_ROUTES);
        needingBoth.putAll(ADMIN_ROUTES);
        for (Map.Entry<String, String> route : needingBoth.entrySet()) {
            HttpResponse<String> r = probe(half, route.getKey(), route.getValue());
            assertThat(r.statusCode()).as(route.getKey()).isEqualTo(302);
            assertThat(r.headers().firstValue("Location").orElseThrow()).as(route.getKey())
                    .contains("/login/second-factor?factor.type=pin_totp");
        }
        for (Map.Entry<String, String> route : SECOND_STEP.entrySet()) {
            assertThat(probe(half, route.getKey(), route.getValue()).statusCode()).as(route.getKey()).isEqualTo(200);
        }
        for (Map.Entry<String, String> route : PUBLIC_ROUTES.entrySet()) {
            assertThat(probe(half, route.getKey(), route.getValue()).statusCode()).as(route.getKey()).isEqualTo(200);
        }
        // Completing the login elsewhere ends the half-finished session (one session per user).
        WebClient full = new WebClient(port);
        full.signIn(user, TestFixtures.PASSWORD, TestFixtures.PIN, fixtures.totpSecret(user));
        for (Map.Entry<String, String> route : SIGNED_IN_ROUTES.entrySet()) {
            assertThat(probe(full, route.getKey(), route.getValue()).statusCode()).as(route.getKey())
                    .isEqualTo(SIGNED_IN_STATUS.getOrDefault(route.getKey(), 200));
        }
        for (Map.Entry<String, String> route : ADMIN_ROUTES.entrySet()) {
            assertThat(probe(full, route.getKey(), route.getValue()).statusCode()).as(route.getKey()).isEqualTo(403);
        }
        // A web session is no way into the API: it takes only DPoP-bound access tokens.
        for (Map.Entry<String, String> route : API_ROUTES.entrySet()) {
            assertThat(probe(full, route.getKey(), route.getValue()).statusCode()).as(route.getKey()).isEqualTo(401);
        }
        String admin = fixtures.user(Set.of(Role.NATIONAL_ADMIN),
                fixtures.organisation(OrganisationKind.NATIONAL_PARTNER, Sector.NATIONAL, "National team"), false);
        WebClient administrator = new WebClient(port);
        administrator.signIn(admin, TestFixtures.PASSWORD, TestFixtures.PIN, fixtures.totpSecret(admin));
        for (String page : List.of("/admin/users", "/admin/users/new", "/admin/users/import", "/admin/organisations",
                "/admin/local-authorities", "/oversight/users", "/reports", "/reports/national", "/admin/api-clients",
                "/transfers")) {
            assertThat(administrator.get(page).statusCode()).as(page).isEqualTo(200);
        }
    }

    @Test
    void shouldKnowEveryServletAndOpenOnlyTheFhirCapabilityStatementWithoutSignIn() {
        Map<String, Set<String>> found = new TreeMap<>();
        servlets.forEach(s -> found.put(s.getServletName(), new TreeSet<>(s.getUrlMappings())));
        assertThat(found).as("servlets; classify any new one in this test").isEqualTo(SERVLETS);

        WebClient anonymous = new WebClient(port);
        assertThat(anonymous.get("/fhir/metadata").statusCode()).isEqualTo(200);
        for (String path : FHIR_PRIVATE) {
            HttpResponse<String> r = anonymous.get(path);
            // The pages chain sends anyone not signed in to the sign-in page; a bearer-token chain for /fhir/** answers 401.
            assertThat(r.statusCode()).as(path).isIn(302, 401);
            if (r.statusCode() == 302) {
                assertThat(r.headers().firstValue("Location").orElseThrow()).as(path).endsWith("/login");
            }
        }
        String user = fixtures.user(Set.of(Role.PRACTITIONER),
                fixtures.organisation(OrganisationKind.SERVICE, Sector.SOCIAL_CARE, "Team"), false);
        uk.contactpoint.api.ApiTokens tokens = new uk.contactpoint.api.ApiTokens(port);
        uk.contactpoint.api.ApiTokens.Token token = tokens.practitionerToken(uk.contactpoint.api.ApiTokens.registerCms(apiClients),
                user, TestFixtures.PASSWORD, TestFixtures.PIN, fixtures.totpSecret(user));
        WebClient full = new WebClient(port);
        full.login(user, TestFixtures.PASSWORD);
        full.secondFactor(TestFixtures.PIN, uk.contactpoint.access.Totp.code(fixtures.totpSecret(user),
                java.time.Instant.now().plusSeconds(uk.contactpoint.access.Totp.STEP_SECONDS)));
        // A web session is no key to the machine interfaces: only a DPoP-bound token is.
        assertThat(full.get("/fhir/Patient").statusCode()).isEqualTo(401);
        // With a token the FHIR server answers: a search with no criteria is refused (never browse), a read with no reason too.
        assertThat(tokens.get(token, "/fhir/Patient").statusCode()).isEqualTo(400);
        assertThat(tokens.get(token, "/fhir/Patient/100000000001").statusCode()).isEqualTo(400);
    }

    private Map<String, String> allRoutes() {
        Map<String, String> all = new TreeMap<>();
        all.putAll(PUBLIC_ROUTES);
        all.putAll(SECOND_STEP);
        all.putAll(SIGNED_IN_ROUTES);
        all.putAll(PUBLIC_REDIRECTS);
        all.putAll(ADMIN_ROUTES);
        all.putAll(API_ROUTES);
        PUBLIC_RESOURCES.forEach((p, path) -> all.put("RESOURCE " + p, path));
        PRIVATE_RESOURCES.forEach((p, path) -> all.put("RESOURCE " + p, path));
        return all;
    }

    private static HttpResponse<String> probe(WebClient web, String route, String path) {
        if (route.startsWith("POST ")) {
            // With the CSRF token of a page the session may see (for an anonymous client, none).
            return web.post("/login", path, Map.of("contactPointId", "000000000000", "reason", "route inventory"));
        }
        return web.get(path);
    }

    private Set<String> controllerRoutes() {
        Set<String> routes = new TreeSet<>();
        for (RequestMappingInfo info : controllers.getHandlerMethods().keySet()) {
            Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
            Set<RequestMethod> all = methods.isEmpty() ? Set.of(RequestMethod.values()) : methods;
            for (String pattern : info.getPatternValues()) {
                for (RequestMethod method : all) {
                    routes.add(method.name() + " " + pattern);
                }
            }
        }
        return routes;
    }
}
