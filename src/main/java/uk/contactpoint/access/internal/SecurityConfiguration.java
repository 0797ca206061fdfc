package uk.contactpoint.access.internal;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;

/**
 * Who may reach what. Pages and the public health check are open; everything else needs a login.
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
                .userDetailsService(operators)
                .httpBasic(Customizer.withDefaults())
                .csrf(c -> c.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(org.springframework.security.config.http.SessionCreationPolicy.STATELESS))
                .headers(h -> headers(h));
        return http.build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain pages(HttpSecurity http, ContactPointUserDetailsService users) throws Exception {
        http.authorizeHttpRequests(a -> a
                        .requestMatchers("/", "/login", "/assets/**", "/govuk/**", "/webjars/**", "/css/**", "/js/**",
                                "/favicon.ico", "/error").permitAll()
                        .anyRequest().authenticated())
                .userDetailsService(users)
                .formLogin(f -> f.loginPage("/login").defaultSuccessUrl("/home", true).failureUrl("/login?error"))
                .logout(l -> l.logoutUrl("/logout").logoutSuccessUrl("/login?logout"))
                .headers(h -> headers(h));
        return http.build();
    }

    private static void headers(org.springframework.security.config.annotation.web.configurers.HeadersConfigurer<HttpSecurity> h) {
        h.contentSecurityPolicy(c -> c.policyDirectives(CONTENT_SECURITY_POLICY))
                .referrerPolicy(r -> r.policy(ReferrerPolicy.SAME_ORIGIN))
                .frameOptions(f -> f.deny())
                .contentTypeOptions(Customizer.withDefaults());
    }
}
