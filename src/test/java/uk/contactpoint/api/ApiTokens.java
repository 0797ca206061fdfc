package uk.contactpoint.api;

import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import uk.contactpoint.access.ApiClient;
import uk.contactpoint.access.ApiClients;
import uk.contactpoint.access.Role;
import uk.contactpoint.access.Totp;
import uk.contactpoint.access.Viewer;
import uk.contactpoint.TestFixtures;
import uk.contactpoint.web.WebClient;

/**
 * Gets DPoP-bound access tokens from the running service over HTTP, as a real client would, and calls the
 * machine interfaces with them: registers a CMS or supplier client (with a fresh RSA key for its
 * {@code private_key_jwt} assertions), runs the authorization code flow with PKCE for a practitioner who signs in
 * with password, PIN and TOTP through our pages, or the client credentials flow for a supplier, and signs a
 * fresh DPoP proof (EC P-256) for each call. For the API tests and the FHIR tests alike.
 */
public final class ApiTokens {

    public static final String REDIRECT_URI = "https://cms.example.test/callback";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final SecureRandom RANDOM = new SecureRandom();

    private final int port;
    private final String base;
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    public ApiTokens(int port) {
        this.port = port;
        this.base = "http://127.0.0.1:" + port;
    }

    /** A registered client and the private key it signs its assertions with. */
    public record Client(String clientId, ApiClient.Kind kind, RSAKey key) {
    }

    /** An access token, the DPoP key it is bound to, and the refresh token (CMS only). */
    public record Token(String accessToken, String tokenType, String refreshToken, ECKey dpopKey, JsonNode response) {
    }

    /** Registers a CMS client for Leeds (as Leeds's user administration team). */
    public static Client registerCms(ApiClients clients) {
        return registerCms(clients, TestFixtures.laTeam(java.util.Set.of(Role.LA_USER_ADMIN)), TestFixtures.LEEDS);
    }

    public static Client registerCms(ApiClients clients, Viewer registrar, String localAuthority) {
        RSAKey key = newClientKey();
        ApiClient c = clients.register(registrar, new ApiClients.Registration(ApiClient.Kind.CMS, "Test CMS",
                localAuthority, List.of(REDIRECT_URI), null, key.toPublicJWK().toJSONString()));
        return new Client(c.clientId(), c.kind(), key);
    }

    /** Registers a supplier client for a supplier of the register (as Leeds's user administration team). */
    public static Client registerSupplier(ApiClients clients, String supplierCode) {
        RSAKey key = newClientKey();
        ApiClient c = clients.register(TestFixtures.laTeam(java.util.Set.of(Role.LA_USER_ADMIN)),
                new ApiClients.Registration(ApiClient.Kind.SUPPLIER, "Test supplier system", TestFixtures.LEEDS, List.of(),
                        supplierCode, key.toPublicJWK().toJSONString()));
        return new Client(c.clientId(), c.kind(), key);
    }

    public static RSAKey newClientKey() {
        try {
            return new RSAKeyGenerator(2048).keyID(UUID.randomUUID().toString()).generate();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static ECKey newDpopKey() {
        try {
            return new ECKeyGenerator(Curve.P_256).generate();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The authorization code flow with PKCE (S256) for a practitioner: the authorization request, our login pages
     * (password, then PIN and the current TOTP code), back to the authorization endpoint, the code, and the token
     * request with the client's assertion and a DPoP proof.
     */
    public Token practitionerToken(Client client, String username, String password, String pin, String totpSecret) {
        String code = authorizationCode(client, username, password, pin, totpSecret);
        return exchange(client, code, lastVerifier, newDpopKey());
    }

    private String lastVerifier;

    /** Runs the browser part of the flow and returns the authorization code the redirect carries. */
    public String authorizationCode(Client client, String username, String password, String pin, String totpSecret) {
        byte[] v = new byte[32];
        RANDOM.nextBytes(v);
        lastVerifier = b64(v);
        String state = UUID.randomUUID().toString();
        String authorize = "/oauth2/authorize?" + form(Map.of("response_type", "code", "client_id", client.clientId(),
                "redirect_uri", REDIRECT_URI, "scope", ApiClients.CMS_SCOPE, "state", state,
                "code_challenge", b64(sha256(lastVerifier)), "code_challenge_method", "S256"));
        WebClient browser = new WebClient(port);
        HttpResponse<String> first = browser.get(authorize);
        expect(first, 302, "/login");
        browser.login(username, password);
        HttpResponse<String> second = browser.secondFactor(pin, Totp.code(totpSecret, Instant.now()));
        String back = location(second);
        if (!back.contains("/oauth2/authorize?")) {
            throw new IllegalStateException("the second login step went to " + back + ", not back to the authorization request");
        }
        HttpResponse<String> redirect = browser.get(back.substring(back.indexOf("/oauth2/authorize")));
        String to = location(redirect);
        if (!to.startsWith(REDIRECT_URI + "?")) {
            throw new IllegalStateException("the authorization endpoint answered " + redirect.statusCode() + " " + to);
        }
        Map<String, String> params = query(to.substring(to.indexOf('?') + 1));
        if (!state.equals(params.get("state")) || params.get("code") == null) {
            throw new IllegalStateException("no code, or the wrong state, in " + to);
        }
        return params.get("code");
    }

    /** The token request for a code; {@code dpopKey} null sends no DPoP proof (to see it refused). */
    public Token exchange(Client client, String code, String verifier, ECKey dpopKey) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("grant_type", "authorization_code");
        body.put("code", code);
        body.put("redirect_uri", REDIRECT_URI);
        body.put("code_verifier", verifier);
        return token(client, body, dpopKey);
    }

    /** The client credentials flow of a supplier client. */
    public Token supplierToken(Client client) {
        return supplierToken(client, newDpopKey());
    }

    public Token supplierToken(Client client, ECKey dpopKey) {
        return token(client, new LinkedHashMap<>(Map.of("grant_type", "client_credentials", "scope", ApiClients.SUPPLIER_SCOPE)), dpopKey);
    }

    /** Reads a JSON answer. */
    public static JsonNode json(HttpResponse<String> r) {
        return JSON.readTree(r.body());
    }

    /** A refresh: a new access token bound to the same DPoP key. */
    public Token refresh(Client client, Token token) {
        return token(client, new LinkedHashMap<>(Map.of("grant_type", "refresh_token", "refresh_token", token.refreshToken())),
                token.dpopKey());
    }

    /** The raw token endpoint answer, for tests of refusals. */
    public HttpResponse<String> tokenResponse(Client client, Map<String, String> fields, ECKey dpopKey) {
        Map<String, String> body = new LinkedHashMap<>(fields);
        body.put("client_id", client.clientId());
        body.put("client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer");
        body.put("client_assertion", clientAssertion(client));
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create(base + "/oauth2/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(body)));
        if (dpopKey != null) {
            r.header("DPoP", proof(dpopKey, "POST", base + "/oauth2/token", null));
        }
        return send(r.build());
    }

    private Token token(Client client, Map<String, String> fields, ECKey dpopKey) {
        HttpResponse<String> r = tokenResponse(client, fields, dpopKey);
        if (r.statusCode() != 200) {
            throw new IllegalStateException("token endpoint answered " + r.statusCode() + ": " + r.body());
        }
        JsonNode json = JSON.readTree(r.body());
        return new Token(json.path("access_token").asString(), json.path("token_type").asString(),
                json.hasNonNull("refresh_token") ? json.get("refresh_token").asString() : null, dpopKey, json);
    }

    /** Calls the service with a token and a fresh DPoP proof made with {@code proofKey} (normally the token's own). */
    public HttpResponse<String> call(Token token, ECKey proofKey, String method, String path, String json, Map<String, String> headers) {
        String url = base + path;
        String htu = url.contains("?") ? url.substring(0, url.indexOf('?')) : url;
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "DPoP " + token.accessToken())
                .header("DPoP", proof(proofKey, method, htu, token.accessToken()))
                .header("Accept", "application/json")
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            r.header("Content-Type", "application/json");
        }
        headers.forEach(r::header);
        return send(r.build());
    }

    public HttpResponse<String> call(Token token, String method, String path, String json) {
        return call(token, token.dpopKey(), method, path, json, Map.of());
    }

    public HttpResponse<String> get(Token token, String path) {
        return call(token, "GET", path, null);
    }

    /** Sends a raw request (no token, or a token as a plain bearer token). */
    public HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public String base() {
        return base;
    }

    /** A client assertion (RFC 7523) signed with the client's private key. */
    public String clientAssertion(Client client) {
        try {
            Date now = new Date();
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(client.key().getKeyID()).build(),
                    new JWTClaimsSet.Builder().issuer(client.clientId()).subject(client.clientId())
                            .audience(List.of(base + "/oauth2/token", base)).jwtID(UUID.randomUUID().toString())
                            .issueTime(now).expirationTime(new Date(now.getTime() + 60_000)).build());
            jwt.sign(new RSASSASigner(client.key()));
            return jwt.serialize();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A DPoP proof (RFC 9449) for one request; {@code accessToken} adds its hash ({@code ath}). */
    public static String proof(ECKey key, String method, String url, String accessToken) {
        try {
            JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().jwtID(UUID.randomUUID().toString())
                    .claim("htm", method).claim("htu", url).issueTime(new Date());
            if (accessToken != null) {
                claims.claim("ath", b64(sha256(accessToken)));
            }
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).type(new JOSEObjectType("dpop+jwt"))
                    .jwk(key.toPublicJWK()).build(), claims.build());
            jwt.sign(new ECDSASigner(key));
            return jwt.serialize();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.US_ASCII));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String b64(byte[] b) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    private static String form(Map<String, String> fields) {
        return fields.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
    }

    private static Map<String, String> query(String q) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String pair : q.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                out.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    private static String location(HttpResponse<String> r) {
        return r.headers().firstValue("Location").orElseThrow(() -> new IllegalStateException(
                "expected a redirect, got " + r.statusCode() + " " + r.uri()));
    }

    private static void expect(HttpResponse<String> r, int status, String locationEnd) {
        if (r.statusCode() != status || !location(r).endsWith(locationEnd)) {
            throw new IllegalStateException("expected " + status + " to " + locationEnd + ", got " + r.statusCode() + " "
                    + r.headers().firstValue("Location").orElse(""));
        }
    }
}
