package uk.contactpoint.access;

import java.net.URI;
import java.security.SecureRandom;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import uk.contactpoint.access.internal.ApiClientRepository;

/**
 * Registration of API clients (ADR 35). An LA's user administrators and data managers register CMS and supplier
 * clients for their own authority; national administrators register them for any authority or nationally.
 * Every client authenticates with {@code private_key_jwt} against the public key given here (no client secrets,
 * no remote key sets); a CMS uses the authorization code grant with PKCE and gets refresh tokens, a supplier
 * the client credentials grant. Access tokens live 5 minutes and are DPoP-bound. Each act is audited (an
 * {@link AccountEvent} in the same transaction).
 */
@Service
public class ApiClients {

    /** How long an access token lives: the upper limit. */
    public static final Duration ACCESS_TOKEN_LIFETIME = Duration.ofMinutes(5);
    /** How long a CMS's refresh token lives: a working day, rotated at each use (ADR 36). */
    public static final Duration REFRESH_TOKEN_LIFETIME = Duration.ofHours(8);
    /** The scope of a CMS's tokens, and of a supplier's. */
    public static final String CMS_SCOPE = "practitioner";
    public static final String SUPPLIER_SCOPE = "feeds";

    private static final SecureRandom RANDOM = new SecureRandom();

    private final ApiClientRepository clients;
    // Absent where no web server runs (the command line): registering needs the authorization server.
    private final org.springframework.beans.factory.ObjectProvider<RegisteredClientRepository> registered;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    ApiClients(ApiClientRepository clients, org.springframework.beans.factory.ObjectProvider<RegisteredClientRepository> registered, ApplicationEventPublisher events,
               Clock clock) {
        this.clients = clients;
        this.registered = registered;
        this.events = events;
        this.clock = clock;
    }

    /** A registration refused, with a reason the administrator can act on. */
    public static final class Refused extends RuntimeException {
        private final String field;

        public Refused(String field, String message) {
            super(message);
            this.field = field;
        }

        public String field() {
            return field;
        }
    }

    /** What a client registration asks for; {@code redirectUris} for a CMS only, {@code supplierCode} for a supplier only. */
    public record Registration(ApiClient.Kind kind, String name, String localAuthority, List<String> redirectUris,
                               String supplierCode, String publicJwk) {
    }

    /** Whether this viewer registers clients at all. */
    public static boolean registers(Viewer viewer) {
        return viewer.has(Role.NATIONAL_ADMIN)
                || (viewer.localAuthority() != null && (viewer.has(Role.LA_USER_ADMIN) || viewer.has(Role.LA_DATA_MANAGER)));
    }

    /** The clients this viewer may see: all for a national administrator, else its authority's. */
    @Transactional
    public List<ApiClient> visibleTo(Viewer viewer) {
        requireRegisters(viewer);
        List<ApiClient> list = viewer.has(Role.NATIONAL_ADMIN) ? clients.list(null, true)
                : clients.list(viewer.localAuthority(), false);
        events.publishEvent(AccountEvent.by(viewer, AccountEvent.Kind.API_CLIENTS_LISTED, 0, "clients=" + list.size()));
        return list;
    }

    /** Registers a client and returns it, with the client id the machine is to use. */
    @Transactional
    public ApiClient register(Viewer admin, Registration r) {
        requireRegisters(admin);
        String la = blankToNull(r.localAuthority());
        if (!admin.has(Role.NATIONAL_ADMIN) && (la == null || !la.equals(admin.localAuthority()))) {
            throw new Refused("localAuthority", "You can register clients only for your own local authority");
        }
        String name = r.name() == null ? "" : r.name().strip();
        if (name.isEmpty() || name.length() > 200) {
            throw new Refused("name", "Enter the client's name (at most 200 characters)");
        }
        if (r.kind() == null) {
            throw new Refused("kind", "Select what kind of client this is");
        }
        JWK jwk = publicKey(r.publicJwk());
        String clientId = (r.kind() == ApiClient.Kind.CMS ? "cms-" : "sup-") + HexFormat.of().formatHex(randomBytes(10));
        RegisteredClient.Builder b = RegisteredClient.withId(UUID.randomUUID().toString())
                .clientId(clientId)
                .clientIdIssuedAt(clock.instant())
                .clientName(name)
                .clientAuthenticationMethod(ClientAuthenticationMethod.PRIVATE_KEY_JWT);
        String supplier = null;
        if (r.kind() == ApiClient.Kind.CMS) {
            List<String> uris = r.redirectUris() == null ? List.of()
                    : r.redirectUris().stream().map(String::strip).filter(s -> !s.isEmpty()).toList();
            if (uris.isEmpty()) {
                throw new Refused("redirectUris", "Enter the address the CMS receives its sign-in answers at");
            }
            uris.forEach(ApiClients::checkRedirect);
            b.authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                    .authorizationGrantType(AuthorizationGrantType.REFRESH_TOKEN)
                    .redirectUris(set -> set.addAll(new LinkedHashSet<>(uris)))
                    .scope(CMS_SCOPE);
        } else {
            supplier = blankToNull(r.supplierCode());
            if (supplier == null) {
                throw new Refused("supplierCode", "Select the supplier this client sends feeds for");
            }
            b.authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS).scope(SUPPLIER_SCOPE);
        }
        b.clientSettings(ClientSettings.builder().requireProofKey(r.kind() == ApiClient.Kind.CMS)
                        .requireAuthorizationConsent(false)
                        .tokenEndpointAuthenticationSigningAlgorithm(jwk instanceof ECKey ? SignatureAlgorithm.ES256 : SignatureAlgorithm.RS256)
                        .build())
                .tokenSettings(TokenSettings.builder().accessTokenTimeToLive(ACCESS_TOKEN_LIFETIME)
                        .authorizationCodeTimeToLive(Duration.ofMinutes(1))
                        .refreshTokenTimeToLive(REFRESH_TOKEN_LIFETIME).reuseRefreshTokens(false).build());
        ApiClient client = new ApiClient(clientId, r.kind(), name, la, supplier, admin.username(), clock.instant(), null);
        try {
            clients.insert(client, jwk.toPublicJWK().toJSONString());
        } catch (DataIntegrityViolationException e) {
            throw new Refused(supplier != null ? "supplierCode" : "localAuthority",
                    supplier != null ? "No supplier with that code is in the supplier register" : "No local authority has that code");
        }
        registered.getObject().save(b.build());
        events.publishEvent(AccountEvent.by(admin, AccountEvent.Kind.API_CLIENT_REGISTERED, 0,
                "client=" + clientId + " kind=" + r.kind() + " la=" + (la == null ? "national" : la)
                        + (supplier == null ? "" : " supplier=" + supplier)));
        return client;
    }

    /** Revokes a client: its tokens stop working at once and it can get no more. */
    @Transactional
    public void revoke(Viewer admin, String clientId) {
        requireRegisters(admin);
        ApiClient c = clients.find(clientId).orElseThrow(() -> new Refused("clientId", "No such client"));
        if (!admin.has(Role.NATIONAL_ADMIN) && (c.localAuthority() == null || !c.localAuthority().equals(admin.localAuthority()))) {
            throw new Refused("clientId", "No such client");
        }
        if (clients.revoke(clientId, admin.username(), clock.instant())) {
            events.publishEvent(AccountEvent.by(admin, AccountEvent.Kind.API_CLIENT_REVOKED, 0, "client=" + clientId));
        }
    }

    /** Parses a public JWK: RSA of at least 2048 bits or EC P-256, never a private key. */
    static JWK publicKey(String json) {
        if (json == null || json.isBlank() || json.length() > 4000) {
            throw new Refused("publicJwk", "Paste the client's public key as a JSON Web Key (JWK)");
        }
        JWK jwk;
        try {
            jwk = JWK.parse(json.strip());
        } catch (ParseException e) {
            throw new Refused("publicJwk", "The public key is not a JSON Web Key (JWK)");
        }
        if (jwk.isPrivate()) {
            throw new Refused("publicJwk", "That key includes its private part: paste only the public key, and treat the private one as disclosed");
        }
        if (jwk instanceof RSAKey rsa && rsa.size() >= 2048) {
            return jwk;
        }
        if (jwk instanceof ECKey ec && Curve.P_256.equals(ec.getCurve())) {
            return jwk;
        }
        throw new Refused("publicJwk", "The public key must be RSA (2048 bits or more) or EC on curve P-256");
    }

    private static void checkRedirect(String uri) {
        URI u;
        try {
            u = new URI(uri);
        } catch (Exception e) {
            throw new Refused("redirectUris", "Each redirect address must be a full https address");
        }
        String host = u.getHost() == null ? "" : u.getHost().toLowerCase(Locale.ROOT);
        boolean loopback = "http".equals(u.getScheme()) && (host.equals("127.0.0.1") || host.equals("localhost") || host.equals("[::1]"));
        if (!(("https".equals(u.getScheme()) && !host.isEmpty()) || loopback) || u.getFragment() != null || uri.length() > 300) {
            throw new Refused("redirectUris", "Each redirect address must be a full https address (http only on this computer's loopback address), without a fragment");
        }
    }

    private static void requireRegisters(Viewer viewer) {
        if (!registers(viewer)) {
            throw new org.springframework.security.access.AccessDeniedException("not a client registrar");
        }
    }

    private static byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        RANDOM.nextBytes(b);
        return b;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
