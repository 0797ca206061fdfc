package uk.contactpoint.fhir;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import org.hl7.fhir.instance.model.api.IBaseResource;

import ca.uhn.fhir.context.FhirContext;
import uk.contactpoint.TestFixtures;
import uk.contactpoint.access.ApiClients;
import uk.contactpoint.access.Totp;
import uk.contactpoint.api.ApiTokens;
import uk.contactpoint.web.TestSessions;

/**
 * An HTTP client of the FHIR server for tests, acting for one practitioner or for nobody. How it authenticates is
 * decided here and only here ({@link #signedIn}): FHIR calls carry a DPoP-bound access token got through the
 * authorization code flow, as a case management system's would; web pages use the same user's session.
 */
final class FhirClient {

    static final FhirContext R4 = FhirContext.forR4();

    private final String base;
    private final Map<String, String> credentials;
    private final ApiTokens.Token token;
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    private FhirClient(int port, Map<String, String> credentials, ApiTokens.Token token) {
        this.base = "http://127.0.0.1:" + port;
        this.credentials = credentials;
        this.token = token;
    }

    static FhirClient anonymous(int port) {
        return new FhirClient(port, Map.of(), null);
    }

    /**
     * A case management system acting for this fixture user: a CMS client registered for it, the authorization
     * code flow through the user's four-part login, and a DPoP-bound token for the FHIR calls. The same user's
     * web session (signed in with the next step's code) serves {@link #recordPage} for comparison.
     */
    static FhirClient signedIn(int port, TestFixtures fixtures, ApiClients clients, String username) {
        ApiTokens tokens = new ApiTokens(port);
        ApiTokens.Token token = tokens.practitionerToken(ApiTokens.registerCms(clients), username, TestFixtures.PASSWORD,
                TestFixtures.PIN, fixtures.totpSecret(username));
        TestSessions.Session session = TestSessions.signIn(port, username, TestFixtures.PASSWORD, TestFixtures.PIN,
                fixtures.totpSecret(username), Instant.now().plusSeconds(Totp.STEP_SECONDS));
        return new FhirClient(port, Map.of("Cookie", session.cookie(), "X-CSRF-TOKEN", session.csrfToken()), token);
    }

    /** A response, with its body parsed as a FHIR resource when it is one. */
    record Answer(int status, String body, String contentType) {

        IBaseResource resource() {
            return R4.newJsonParser().parseResource(body);
        }

        <T extends IBaseResource> T resource(Class<T> type) {
            return R4.newJsonParser().parseResource(type, body);
        }
    }

    /** GET a path under the server root (e.g. {@code /fhir/Patient/...}), with a reason for access or none (null). */
    Answer get(String path, String reason) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path.replace("|", "%7C"))).GET()
                .header("Accept", "application/fhir+json");
        if (reason != null) {
            request.header(FhirSystems.REASON_HEADER, reason);
        }
        return send(request);
    }

    Answer get(String path) {
        return get(path, null);
    }

    /** A search posted as a form to {@code [type]/_search}, so that the criteria stay out of the URL. */
    Answer postSearch(String type, Map<String, String> parameters, String reason) {
        String body = parameters.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + "/fhir/" + type + "/_search"))
                .header("Accept", "application/fhir+json")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (reason != null) {
            request.header(FhirSystems.REASON_HEADER, reason);
        }
        return send(request);
    }

    /** The web record page for the same practitioner (to compare what FHIR discloses with what the page does). */
    String recordPage(String contactPointId, String reason) {
        Map<String, String> form = new LinkedHashMap<>(Map.of("contactPointId", contactPointId, "reason", reason));
        String body = form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return send(HttpRequest.newBuilder(URI.create(base + "/records/open"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body))).body();
    }

    private Answer send(HttpRequest.Builder request) {
        HttpRequest built = request.build();
        String path = built.uri().getPath();
        if (token != null && path.startsWith("/fhir/")) {
            String url = built.uri().toString();
            String htu = url.contains("?") ? url.substring(0, url.indexOf('?')) : url;
            request.header("Authorization", "DPoP " + token.accessToken())
                    .header("DPoP", ApiTokens.proof(token.dpopKey(), built.method(), htu, token.accessToken()));
        } else {
            credentials.forEach(request::header);
        }
        try {
            HttpResponse<String> r = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(r.statusCode(), r.body(), r.headers().firstValue("Content-Type").orElse(""));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
