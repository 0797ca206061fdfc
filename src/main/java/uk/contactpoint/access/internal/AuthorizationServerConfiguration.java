package uk.contactpoint.access.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.authorization.JdbcOAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.authentication.JwtClientAssertionAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.client.JdbcRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.context.SecurityContextHolderFilter;

import uk.contactpoint.access.ApiClient;
import uk.contactpoint.access.ApiClients;
import uk.contactpoint.access.CurrentClient;

/**
 * The OAuth 2.1 authorization server (Spring Security's) and the stateless chain that guards the machine
 * interfaces (ADR 35). Clients authenticate with {@code private_key_jwt} against their registered public key;
 * a CMS gets a code only for a practitioner who has passed our four-part login ({@link AuthorizeGate}); every
 * access token is DPoP-bound (a token request without a DPoP proof is refused) and lives 5 minutes;
 * {@code /api/**} and {@code /fhir/**} accept only such tokens with their proof.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class AuthorizationServerConfiguration {

    /** What the machine interfaces serve without a token: the FHIR capability statement and the API's description. */
    static final String[] PUBLIC_API_PATHS = {"/fhir/metadata", "/api/docs", "/api/docs/**", "/api/openapi.json",
            "/api/openapi.json.yaml", "/api/openapi.json/**", "/api/swagger-ui/**"};

    @Bean
    @Order(2)
    SecurityFilterChain authorizationServer(HttpSecurity http, ApiClientRepository clients, UserRepository users,
                                            Clock clock) throws Exception {
        StoredKeyAssertionDecoders storedKeys = new StoredKeyAssertionDecoders(clients);
        http.oauth2AuthorizationServer(as -> {
                    http.securityMatcher(as.getEndpointsMatcher());
                    as.clientAuthentication(c -> c.authenticationProviders(providers -> providers.forEach(p -> {
                        if (p instanceof JwtClientAssertionAuthenticationProvider assertions) {
                            assertions.setJwtDecoderFactory(storedKeys);
                        }
                    })));
                })
                .authorizeHttpRequests(a -> a.anyRequest().authenticated())
                .addFilterAfter(new AuthorizeGate(users, clock), SecurityContextHolderFilter.class)
                .exceptionHandling(e -> e.authenticationEntryPoint(new LoginUrlAuthenticationEntryPoint("/login")))
                .headers(h -> h.contentSecurityPolicy(c -> c.policyDirectives(SecurityConfiguration.CONTENT_SECURITY_POLICY))
                        .frameOptions(f -> f.deny()));
        return http.build();
    }

    @Bean
    @Order(3)
    SecurityFilterChain machineInterfaces(HttpSecurity http, JwtDecoder accessTokens,
                                          org.springframework.jdbc.core.simple.JdbcClient jdbc, Clock clock) throws Exception {
        http.securityMatcher("/api/**", "/fhir/**")
                .addFilterAfter(new DPoPReplayFilter(jdbc, clock), org.springframework.security.web.access.intercept.AuthorizationFilter.class)
                .authorizeHttpRequests(a -> a.requestMatchers(PUBLIC_API_PATHS).permitAll().anyRequest().authenticated())
                .oauth2ResourceServer(rs -> rs.jwt(j -> j.decoder(accessTokens)).dPoP(Customizer.withDefaults()))
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(c -> c.disable())
                .requestCache(c -> c.disable())
                .headers(h -> h.frameOptions(f -> f.deny()));
        return http.build();
    }

    @Bean
    RegisteredClientRepository registeredClientRepository(JdbcOperations jdbc) {
        return new JdbcRegisteredClientRepository(jdbc);
    }

    @Bean
    OAuth2AuthorizationService authorizationService(JdbcOperations jdbc, RegisteredClientRepository clients) {
        return new JdbcOAuth2AuthorizationService(jdbc, clients);
    }

    @Bean
    AuthorizationServerSettings authorizationServerSettings() {
        return AuthorizationServerSettings.builder().build();
    }

    @Bean
    RSAKey oauthSigningKey(@Value("${contactpoint.oauth.signing-key:}") String key) {
        return OAuthSigningKey.parse(key);
    }

    @Bean
    JWKSource<SecurityContext> jwkSource(RSAKey oauthSigningKey) {
        return new ImmutableJWKSet<>(new JWKSet(oauthSigningKey));
    }

    /**
     * The access tokens the machine interfaces accept: signed with our key, in date, no longer-lived than
     * 5 minutes, DPoP-bound ({@code cnf.jkt}) and issued to a registered client.
     */
    @Bean
    JwtDecoder accessTokenDecoder(RSAKey oauthSigningKey, Clock clock) throws Exception {
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withPublicKey(oauthSigningKey.toRSAPublicKey()).build();
        JwtTimestampValidator timestamps = new JwtTimestampValidator(Duration.ofSeconds(30));
        timestamps.setClock(clock);
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(timestamps, AuthorizationServerConfiguration::bound));
        return decoder;
    }

    static OAuth2TokenValidatorResult bound(Jwt jwt) {
        Map<String, Object> cnf = jwt.getClaimAsMap("cnf");
        boolean dpop = cnf != null && cnf.get("jkt") instanceof String;
        boolean short_ = jwt.getIssuedAt() != null && jwt.getExpiresAt() != null
                && !jwt.getExpiresAt().isAfter(jwt.getIssuedAt().plus(ApiClients.ACCESS_TOKEN_LIFETIME));
        boolean client = jwt.getClaimAsString("client_id") != null && jwt.getClaimAsString(CurrentClient.KIND_CLAIM) != null;
        return dpop && short_ && client ? OAuth2TokenValidatorResult.success()
                : OAuth2TokenValidatorResult.failure(new OAuth2Error(OAuth2ErrorCodes.INVALID_TOKEN,
                "ContactPoint accepts only its own DPoP-bound access tokens", null));
    }

    /** Names the client and its kind in every access token, and refuses to issue one that is not DPoP-bound. */
    @Bean
    OAuth2TokenCustomizer<JwtEncodingContext> accessTokenClaims(ApiClientRepository clients) {
        return context -> {
            if (!OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType())) {
                return;
            }
            if (context.get(OAuth2TokenContext.DPOP_PROOF_KEY) == null) {
                throw new OAuth2AuthenticationException(new OAuth2Error(OAuth2ErrorCodes.INVALID_DPOP_PROOF,
                        "A DPoP proof is required: ContactPoint issues only DPoP-bound access tokens", null));
            }
            String clientId = context.getRegisteredClient().getClientId();
            ApiClient client = clients.find(clientId).filter(ApiClient::active).orElseThrow(() -> new OAuth2AuthenticationException(
                    new OAuth2Error(OAuth2ErrorCodes.INVALID_CLIENT, "The client is not registered", null)));
            context.getClaims().claim("client_id", clientId).claim(CurrentClient.KIND_CLAIM, client.kind().name());
        };
    }
}
