package uk.contactpoint.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Map;
import java.util.Set;

import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

import uk.contactpoint.TestFixtures;
import uk.contactpoint.access.Role;
import uk.contactpoint.directory.OrganisationKind;
import uk.contactpoint.directory.Sector;

/**
 * The API client registration page (ADR 35): an LA's user administrator registers a CMS for their own authority
 * (audited), a private key is refused with a GOV.UK error, a practitioner may not see the page, and revoking works.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class ApiClientPageIT {

    @LocalServerPort
    int port;
    @Autowired
    TestFixtures fixtures;
    @Autowired
    JdbcClient jdbc;

    @Test
    void shouldLetAnLaUserAdministratorRegisterAndRevokeACmsOfTheirAuthority() throws Exception {
        long la = fixtures.organisation(OrganisationKind.LOCAL_AUTHORITY, Sector.LOCAL_AUTHORITY, "Leeds ContactPoint team");
        String admin = fixtures.user(Set.of(Role.LA_USER_ADMIN), la, false, TestFixtures.LEEDS);
        WebClient web = new WebClient(port);
        web.signIn(admin, TestFixtures.PASSWORD, TestFixtures.PIN, fixtures.totpSecret(admin));
        assertThat(web.get("/admin/api-clients").body()).contains("Register a client");

        var key = new RSAKeyGenerator(2048).generate();
        HttpResponse<String> refused = web.post("/admin/api-clients", "/admin/api-clients", Map.of("kind", "CMS",
                "name", "Leeds CMS", "redirectUris", "https://cms.leeds.example/cb", "publicJwk", key.toJSONString()));
        assertThat(refused.statusCode()).isEqualTo(200);
        assertThat(refused.body()).contains("There is a problem").contains("paste only the public key");

        HttpResponse<String> done = web.post("/admin/api-clients", "/admin/api-clients", Map.of("kind", "CMS",
                "name", "Leeds CMS", "redirectUris", "https://cms.leeds.example/cb", "publicJwk", key.toPublicJWK().toJSONString()));
        assertThat(done.statusCode()).isEqualTo(302);
        String clientId = jdbc.sql("SELECT client_id FROM api_client WHERE registered_by = :u").param("u", admin)
                .query(String.class).single();
        assertThat(jdbc.sql("SELECT local_authority FROM api_client WHERE client_id = :c").param("c", clientId)
                .query(String.class).single()).isEqualTo(TestFixtures.LEEDS);
        assertThat(web.get("/admin/api-clients").body()).contains(clientId).contains("Leeds CMS");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE actor = :u AND detail LIKE :d")
                .param("u", admin).param("d", "API_CLIENT_REGISTERED%client=" + clientId + "%").query(Long.class).single()).isEqualTo(1);

        assertThat(web.post("/admin/api-clients", "/admin/api-clients/" + clientId + "/revoke", Map.of()).statusCode()).isEqualTo(302);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM oauth2_registered_client WHERE client_id = :c").param("c", clientId)
                .query(Long.class).single()).isZero();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE actor = :u AND detail LIKE :d")
                .param("u", admin).param("d", "API_CLIENT_REVOKED%" + clientId + "%").query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void shouldRefuseThePageToAPractitioner() {
        String user = fixtures.user(Set.of(Role.PRACTITIONER),
                fixtures.organisation(OrganisationKind.SERVICE, Sector.SOCIAL_CARE, "Team"), false);
        WebClient web = new WebClient(port);
        web.signIn(user, TestFixtures.PASSWORD, TestFixtures.PIN, fixtures.totpSecret(user));
        assertThat(web.get("/admin/api-clients").statusCode()).isEqualTo(403);
    }
}
