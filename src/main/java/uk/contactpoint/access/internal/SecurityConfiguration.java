package uk.contactpoint.access.internal;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.List;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.authentication.DefaultAuthenticationEventPublisher;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.authentication.event.AuthenticationFailureBadCredentialsEvent;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.AuthorizationManagerFactories;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.core.authority.FactorGrantedAuthority;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.DelegatingMissingAuthorityAccessDeniedHandler;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextHolderFilter;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.Session;
import org.springframework.session.SessionIdGenerator;
import org.springframework.session.web.http.DefaultCookieSerializer;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;

/**
 * Who may reach what. The start page, the sign-in page, static assets and the public health check are
 * open; the second sign-in step needs the password factor; everything else needs both factors (password,
 * then PIN and TOTP code together), and a password-only session is sent to the second step.
 * Metrics are for operators only: HTTP Basic with a password from the environment, refused when none is set.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class SecurityConfiguration {

    /**
     * SHA-256 of GOV.UK Frontend's inline "js-enabled" snippet in the page layout: the one inline script
     * the Content-Security-Policy allows. A test checks the layout still matches it.
     */
    static final String JS_ENABLED_SNIPPET_HASH = "sha256-GUQ5ad8JK5KmEWmROf3LZd9ge94daqNvd8xy9YS1iDw=";

    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self' '" + JS_ENABLED_SNIPPET_HASH
            + "'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; "
            + "base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    @Bean
    @Order(1)
    SecurityFilterChain operations(HttpSecurity http, PasswordEncoder encoder,
                                   @Value("${contactpoint.metrics.password:}") String metricsPassword) throws Exception {
        InMemoryUserDetailsManager operators = new InMemoryUserDetailsManager();
        if (!metricsPassword.isBlank()) {
            UserDetails metrics = User.withUsername("metrics").password(encoder.encode(metricsPassword))
                    .roles("METRICS").build();
            operators.createUser(metrics);
        }
        http.securityMatcher("/actuator/**")
                .authorizeHttpRequests(a -> a
                        .requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/info").permitAll()
                        .requestMatchers("/actuator/prometheus").hasRole("METRICS")
                        .anyRequest().denyAll())
                .authenticationManager(operatorsOnly(operators, encoder))
                .httpBasic(Customizer.withDefaults())
                .csrf(c -> c.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(org.springframework.security.config.http.SessionCreationPolicy.STATELESS))
                .headers(h -> headers(h));
        return http.build();
    }

    /** After the authorization server's chain (2) and the machine interfaces' (3): this one matches every request. */
    @Bean
    @Order(10)
    SecurityFilterChain pages(HttpSecurity http, PasswordStep passwordStep, SecondFactorCheck secondFactor, UserRepository users,
                              uk.contactpoint.access.SecurityKeys securityKeys,
                              FindByIndexNameSessionRepository<? extends Session> sessions,
                              ApplicationEventPublisher events, Clock clock,
                              @Value("${contactpoint.access.recheck:60s}") java.time.Duration recheck,
                              @Value("${contactpoint.login.attempts-per-address-per-minute:30}") int attemptsPerMinute) throws Exception {
        ProviderManager passwords = new ProviderManager(passwordStep);
        DefaultAuthenticationEventPublisher publisher = new DefaultAuthenticationEventPublisher(events);
        // Every refusal is a LoginRefused subclass: audit each of them as a failed login.
        publisher.setDefaultAuthenticationFailureEvent(AuthenticationFailureBadCredentialsEvent.class);
        passwords.setAuthenticationEventPublisher(publisher);
        SecurityContextRepository contexts = new HttpSessionSecurityContextRepository();
        AuthorizationManager<RequestAuthorizationContext> allFactors = AuthorizationManagerFactories
                .<RequestAuthorizationContext>multiFactor()
                .requireFactors(FactorGrantedAuthority.PASSWORD_AUTHORITY, SecondFactorFilter.FACTOR)
                .build().authenticated();
        http.authorizeHttpRequests(a -> a
                        .requestMatchers(PUBLIC_PATHS.toArray(String[]::new)).permitAll()
                        .requestMatchers(SecondFactorFilter.PATH, SecondFactorFilter.KEY_OPTIONS_PATH, SecondFactorFilter.KEY_PATH)
                                .hasAuthority(FactorGrantedAuthority.PASSWORD_AUTHORITY)
                        .anyRequest().access(allFactors))
                .authenticationManager(passwords)
                .securityContext(c -> c.securityContextRepository(contexts))
                .formLogin(f -> f.loginPage("/login").defaultSuccessUrl(SecondFactorFilter.PATH, true)
                        .failureHandler((request, response, e) -> response.sendRedirect(request.getContextPath()
                                + (e instanceof LoginRefused.NotPermitted np ? "/login?stopped=" + np.stop().name() : "/login?error"))))
                .addFilterBefore(new SecondFactorFilter(secondFactor, contexts, sessions, events, clock, securityKeys), AuthorizationFilter.class)
                .addFilterAfter(new SessionLimitsFilter(clock), SecurityContextHolderFilter.class)
                .addFilterBefore(new LoginThrottle(attemptsPerMinute, clock), org.springframework.security.web.csrf.CsrfFilter.class)
                .addFilterBefore(new AccessCheckFilter(users, clock, recheck), SecondFactorFilter.class)
                .exceptionHandling(e -> e.accessDeniedHandler(DelegatingMissingAuthorityAccessDeniedHandler.builder()
                        .addEntryPointFor(new LoginUrlAuthenticationEntryPoint(SecondFactorFilter.PATH), SecondFactorFilter.FACTOR)
                        .addEntryPointFor(new LoginUrlAuthenticationEntryPoint("/login"), FactorGrantedAuthority.PASSWORD_AUTHORITY)
                        .build()))
                .sessionManagement(s -> s.sessionFixation(f -> f.changeSessionId()))
                .logout(l -> l.logoutUrl("/logout").logoutSuccessUrl("/login?logout").invalidateHttpSession(true)
                        .clearAuthentication(true))
                .headers(h -> headers(h));
        return http.build();
    }

    /**
     * What anyone may reach without signing in (with the FHIR server's CapabilityStatement, which says how to sign
     * in, ADR 39). RouteInventoryIT asserts that nothing else answers.
     */
    static final List<String> PUBLIC_PATHS = List.of("/", "/login", "/activate", "/activate/token", "/accessibility", "/privacy", "/assets/**", "/govuk/**", "/css/**", "/js/**",
            "/favicon.ico", "/error", "/fhir/metadata");

    /**
     * The session cookie: {@code __Host-} prefix (Secure, path /, no domain), HttpOnly and SameSite=Strict.
     * Browsers treat http://localhost as secure, so development works over plain HTTP there.
     */
    @Bean
    DefaultCookieSerializer cookieSerializer() {
        DefaultCookieSerializer cookies = new DefaultCookieSerializer();
        cookies.setCookieName(SESSION_COOKIE);
        cookies.setCookiePath("/");
        cookies.setUseSecureCookie(true);
        cookies.setUseHttpOnlyCookie(true);
        cookies.setSameSite("Strict");
        return cookies;
    }

    static final String SESSION_COOKIE = "__Host-SESSION";
    private static final SecureRandom SESSION_IDS = new SecureRandom();

    /**
     * Session ids of 192 random bits (ASVS 7.2.3 asks for 128; the default random UUID has 122),
     * base64url in 32 characters, which fits the SESSION_ID CHAR(36) column.
     */
    @Bean
    SessionIdGenerator sessionIdGenerator() {
        return () -> {
            byte[] id = new byte[24];
            SESSION_IDS.nextBytes(id);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(id);
        };
    }

    /** The operators' own manager, with no parent: a metrics login never reaches user accounts. */
    private static ProviderManager operatorsOnly(InMemoryUserDetailsManager operators, PasswordEncoder encoder) {
        DaoAuthenticationProvider provider = new DaoAuthenticationProvider(operators);
        provider.setPasswordEncoder(encoder);
        return new ProviderManager(provider);
    }

    private static void headers(org.springframework.security.config.annotation.web.configurers.HeadersConfigurer<HttpSecurity> h) {
        h.contentSecurityPolicy(c -> c.policyDirectives(CONTENT_SECURITY_POLICY))
                .referrerPolicy(r -> r.policy(ReferrerPolicy.SAME_ORIGIN))
                .frameOptions(f -> f.deny())
                .contentTypeOptions(Customizer.withDefaults());
    }
}
