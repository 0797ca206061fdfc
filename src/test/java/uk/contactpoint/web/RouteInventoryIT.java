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
            Map.entry("POST /records/start", "/records/start"));
    /** What a fully signed-in practitioner gets from the routes that do not answer 200 to the probe. */
    private static final Map<String, Integer> SIGNED_IN_STATUS = Map.of(
            "POST /account/security-keys", 400,
            "POST /session/extend", 204,
            "POST /account/security-keys/{id}/remove", 302);
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
            Map.entry("POST /admin/users/{id}/reset", "/admin/users/1/reset"),
            Map.entry("POST /admin/users/{id}/unlock", "/admin/users/1/unlock"),
            Map.entry("POST /admin/users/{id}/vetting", "/admin/users/1/vetting"),
            Map.entry("GET /admin/organisations", "/admin/organisations"),
            Map.entry("GET /admin/organisations/{id}", "/admin/organisations/1"),
            Map.entry("POST /admin/organisations/{id}/accredit", "/admin/organisations/1/accredit"),
            Map.entry("POST /admin/organisations/{id}/withdraw", "/admin/organisations/1/withdraw"),
            Map.entry("GET /oversight/alerts", "/oversight/alerts"),
            Map.entry("POST /oversight/alerts/{id}/decide", "/oversight/alerts/1/decide"),
            Map.entry("GET /oversight/children", "/oversight/children"),
            Map.entry("POST /oversight/children", "/oversight/children"),
            Map.entry("POST /oversight/children/export", "/oversight/children/export"),
            Map.entry("GET /oversight/subject-access", "/oversight/subject-access"),
            Map.entry("POST /oversight/subject-access", "/oversight/subject-access"),
            Map.entry("POST /oversight/subject-access/pdf", "/oversight/subject-access/pdf"),
            Map.entry("GET /shielding", "/shielding"),
            Map.entry("POST /shielding/shield", "/shielding/shield"),
            Map.entry("POST /shielding/unshield", "/shielding/unshield"),
            Map.entry("POST /shielding/proposals/{id}/approve", "/shielding/proposals/1/approve"),
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
            Map.entry("GET /admin/suppliers", "/admin/suppliers"));
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

    @LocalServerPort
    int port;
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
        Set<String> found = new TreeSet<>(controllerRoutes());
        found.removeAll(ERROR_ROUTES);
        assertThat(found).as("controller routes; classify any new one in this test").isEqualTo(expected);

        Set<String> patterns = new TreeSet<>(((SimpleUrlHandlerMapping) resources).getUrlMap().keySet());
        Set<String> expectedPatterns = new TreeSet<>(PUBLIC_RESOURCES.keySet());
        expectedPatterns.addAll(PRIVATE_RESOURCES.keySet());
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
        outcomes.put("GET /actuator/prometheus", anonymous.get("/actuator/prometheus").statusCode() + " ");

        Set<String> public200 = new TreeSet<>(PUBLIC_ROUTES.keySet());
        PUBLIC_RESOURCES.keySet().forEach(p -> public200.add("RESOURCE " + p));
        public200.add("GET /actuator/health");
        assertThat(outcomes).allSatisfy((route, outcome) -> {
            if (public200.contains(route)) {
                assertThat(outcome).as(route).startsWith("200");
            } else if (route.contains("actuator")) {
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
        String admin = fixtures.user(Set.of(Role.NATIONAL_ADMIN),
                fixtures.organisation(OrganisationKind.NATIONAL_PARTNER, Sector.NATIONAL, "National team"), false);
        WebClient administrator = new WebClient(port);
        administrator.signIn(admin, TestFixtures.PASSWORD, TestFixtures.PIN, fixtures.totpSecret(admin));
        for (String page : List.of("/admin/users", "/admin/users/new", "/admin/users/import", "/admin/organisations",
                "/admin/local-authorities")) {
            assertThat(administrator.get(page).statusCode()).as(page).isEqualTo(200);
        }
    }

    private Map<String, String> allRoutes() {
        Map<String, String> all = new TreeMap<>();
        all.putAll(PUBLIC_ROUTES);
        all.putAll(SECOND_STEP);
        all.putAll(SIGNED_IN_ROUTES);
        all.putAll(PUBLIC_REDIRECTS);
        all.putAll(ADMIN_ROUTES);
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
