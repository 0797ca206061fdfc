package uk.contactpoint.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

import uk.contactpoint.TestFixtures;
import uk.contactpoint.access.ApiClient;
import uk.contactpoint.access.ApiClients;
import uk.contactpoint.access.Role;
import uk.contactpoint.directory.OrganisationKind;
import uk.contactpoint.directory.Sector;
import uk.contactpoint.ingest.SupplierRegister;

/**
 * The authorization server over HTTP (ADR 35): a CMS gets a code only after the practitioner's four-part login
 * in our pages, PKCE and a DPoP proof are required, tokens are DPoP-bound and short, and the machine interfaces
 * refuse a token without its proof, with another key's proof, or as a plain bearer token.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class AuthorizationServerIT {

    @LocalServerPort
    int port;
    @Autowired
    TestFixtures fixtures;
    @Autowired
    ApiClients clients;
    @Autowired
    uk.contactpoint.access.UserAdministration administration;
    @Autowired
    org.springframework.jdbc.core.simple.JdbcClient jdbc;
    @Autowired
    SupplierRegister suppliers;

    private String practitioner() {
        return fixtures.user(Set.of(Role.PRACTITIONER),
                fixtures.organisation(OrganisationKind.SERVICE, Sector.SOCIAL_CARE, "CMS team"), false, TestFixtures.LEEDS);
    }

    @Test
    void shouldIssueADPoPBoundFiveMinuteTokenToACmsAfterTheFourPartLogin() throws Exception {
        ApiTokens api = new ApiTokens(port);
        ApiTokens.Client cms = ApiTokens.registerCms(clients);
        String user = practitioner();

        ApiTokens.Token token = api.practitionerToken(cms, user, TestFixtures.PASSWORD, TestFixtures.PIN, fixtures.totpSecret(user));

        assertThat(token.tokenType()).isEqualTo("DPoP");
        assertThat(token.refreshToken()).isNotBlank();
        var claims = SignedJWT.parse(token.accessToken()).getJWTClaimsSet();
        assertThat(claims.getSubject()).isEqualTo(user);
        assertThat(claims.getStringClaim("client_id")).isEqualTo(cms.clientId());
        assertThat(claims.getStringClaim("cp_kind")).isEqualTo("CMS");
        assertThat(claims.getJSONObjectClaim("cnf")).containsEntry("jkt", token.dpopKey().computeThumbprint().toString());
        assertThat(claims.getExpirationTime().getTime() - claims.getIssueTime().getTime()).isLessThanOrEqualTo(5 * 60_000L);

        // With its proof the token passes the machine interfaces' gate (nothing is mapped there yet: 404, not 401).
        assertThat(api.get(token, "/api/v1/nothing-here").statusCode()).isNotEqualTo(401);
        // The refresh token gives a new access token bound to the same key, and is itself replaced.
        ApiTokens.Token refreshed = api.refresh(cms, token);
        assertThat(refreshed.refreshToken()).isNotEqualTo(token.refreshToken());
        assertThat(SignedJWT.parse(refreshed.accessToken()).getJWTClaimsSet().getJSONObjectClaim("cnf"))
                .containsEntry("jkt", token.dpopKey().computeThumbprint().toString());
    }

    @Test
    void shouldRefuseATokenPresentedWithAnotherKeyWithoutProofOrAsABearerToken() {
        ApiTokens api = new ApiTokens(port);
        ApiTokens.Client cms = ApiTokens.registerCms(clients);
        String user = practitioner();
        ApiTokens.Token token = api.practitionerToken(cms, user, TestFixtures.PASSWORD, TestFixtures.PIN, fixtures.totpSecret(user));

        // Another client's DPoP key: the thumbprint does not match the token's cnf.jkt.
        HttpResponse<String> stolen = api.call(token, ApiTokens.newDpopKey(), "GET", "/api/v1/nothing-here", null, Map.of());
        assertThat(stolen.statusCode()).isEqualTo(401);
        HttpResponse<String> bearer = api.send(HttpRequest.newBuilder(URI.create(api.base() + "/api/v1/nothing-here"))
                .header("Authorization", "Bearer " + token.accessToken()).GET().build());
        assertThat(bearer.statusCode()).isEqualTo(401);
        HttpResponse<String> noProof = api.send(HttpRequest.newBuilder(URI.create(api.base() + "/api/v1/nothing-here"))
                .header("Authorization", "DPoP " + token.accessToken()).GET().build());
        assertThat(noProof.statusCode()).isEqualTo(401);
        assertThat(api.send(HttpRequest.newBuilder(URI.create(api.base() + "/api/v1/nothing-here")).GET().build()).statusCode())
                .isEqualTo(401);
    }

    @Test
    void shouldRefuseATokenRequestWithoutADPoPProofOrWithoutPkce() {
        ApiTokens api = new ApiTokens(port);
        ApiTokens.Client cms = ApiTokens.registerCms(clients);
        String user = practitioner();
        String code = api.authorizationCode(cms, user, TestFixtures.PASSWORD, TestFixtures.PIN, fixtures.totpSecret(user));
        HttpResponse<String> noDpop = api.tokenResponse(cms, Map.of("grant_type", "authorization_code", "code", code,
                "redirect_uri", ApiTokens.REDIRECT_URI, "code_verifier", "x".repeat(43)), null);
        assertThat(noDpop.statusCode()).isEqualTo(400);

        // An authorization request without a code challenge gets no code (another practitioner: a TOTP code is once only).
        String other = practitioner();
        uk.contactpoint.web.WebClient browser = new uk.contactpoint.web.WebClient(port);
        browser.signIn(other, TestFixtures.PASSWORD, TestFixtures.PIN, fixtures.totpSecret(other));
        HttpResponse<String> noPkce = browser.get("/oauth2/authorize?response_type=code&client_id=" + cms.clientId()
                + "&redirect_uri=" + java.net.URLEncoder.encode(ApiTokens.REDIRECT_URI, java.nio.charset.StandardCharsets.UTF_8)
                + "&scope=practitioner&state=s1");
        assertThat(noPkce.headers().firstValue("Location").orElse("")).doesNotContain("code=").contains("error=");
    }

    @Test
    void shouldIssueASupplierTokenOnlyForItsSignedAssertion() {
        ApiTokens api = new ApiTokens(port);
        String code = "SUP" + Long.toString(System.nanoTime(), 36).toUpperCase();
        suppliers.register(code, "Test supplier", "la-services", SupplierRegister.Obligation.MAY,
                SupplierRegister.Frequency.MONTHLY, List.of(TestFixtures.LEEDS), "test", "test");
        ApiTokens.Client supplier = ApiTokens.registerSupplier(clients, code);

        ApiTokens.Token token = api.supplierToken(supplier);
        assertThat(token.tokenType()).isEqualTo("DPoP");
        assertThat(token.refreshToken()).isNull();

        // An assertion signed with another key is refused.
        ApiTokens.Client impostor = new ApiTokens.Client(supplier.clientId(), ApiClient.Kind.SUPPLIER, ApiTokens.newClientKey());
        assertThatThrownBy(() -> api.supplierToken(impostor)).hasMessageContaining("401");
    }

    @Test
    void shouldStopARevokedClientsTokensAtOnce() {
        ApiTokens api = new ApiTokens(port);
        ApiTokens.Client cms = ApiTokens.registerCms(clients);
        String user = practitioner();
        ApiTokens.Token token = api.practitionerToken(cms, user, TestFixtures.PASSWORD, TestFixtures.PIN, fixtures.totpSecret(user));
        clients.revoke(TestFixtures.laTeam(Set.of(Role.LA_USER_ADMIN)), cms.clientId());
        assertThatThrownBy(() -> api.refresh(cms, token)).hasMessageContaining("401");
    }

    @Test
    void shouldRefuseALiveAccessTokenAtOnceWhenItsUserIsSuspendedOrItsClientRevoked() {
        ApiTokens api = new ApiTokens(port);
        ApiTokens.Client cms = ApiTokens.registerCms(clients);
        String user = practitioner();
        ApiTokens.Token token = api.practitionerToken(cms, user, TestFixtures.PASSWORD, TestFixtures.PIN, fixtures.totpSecret(user));
        assertThat(api.get(token, "/api/v1/notifications").statusCode()).isEqualTo(200);
        long id = jdbc.sql("SELECT id FROM app_user WHERE username = :u").param("u", user).query(Long.class).single();
        administration.suspend(new uk.contactpoint.access.Viewer(3, "national", 0, "National team", "NATIONAL",
                Set.of(Role.NATIONAL_ADMIN), null, false, Set.of(), "127.0.0.1", "session"), id, "Left the service");
        // The token is still in date and correctly bound, but the account behind it may no longer act.
        assertThat(api.get(token, "/api/v1/notifications").statusCode()).isEqualTo(403);

        String other = practitioner();
        ApiTokens.Token second = api.practitionerToken(cms, other, TestFixtures.PASSWORD, TestFixtures.PIN, fixtures.totpSecret(other));
        assertThat(api.get(second, "/api/v1/notifications").statusCode()).isEqualTo(200);
        clients.revoke(TestFixtures.laTeam(Set.of(Role.LA_USER_ADMIN)), cms.clientId());
        assertThat(api.get(second, "/api/v1/notifications").statusCode()).isIn(401, 403);
    }
}
