package uk.contactpoint.api;

import java.time.Clock;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** The API's error filter (before Spring Security), its rate limits, and what its OpenAPI description says of it. */
@Configuration(proxyBeanMethods = false)
class ApiConfiguration implements WebMvcConfigurer {

    private final int perClient;
    private final int perUser;
    private final Clock clock;

    ApiConfiguration(@Value("${contactpoint.api.calls-per-client-per-minute:600}") int perClient,
                     @Value("${contactpoint.api.calls-per-user-per-minute:120}") int perUser, Clock clock) {
        this.perClient = perClient;
        this.perUser = perUser;
        this.clock = clock;
    }

    @Bean
    FilterRegistrationBean<ApiErrorFilter> apiErrorFilter() {
        FilterRegistrationBean<ApiErrorFilter> registration = new FilterRegistrationBean<>(new ApiErrorFilter());
        registration.addUrlPatterns("/api/*");
        // Spring Security's filter chain runs at -100: this one wraps it, so its 401 and 403 get a problem body too.
        registration.setOrder(-101);
        return registration;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new RateLimits(perClient, perUser, clock)).addPathPatterns("/api/v1/**");
    }

    @Bean
    OpenAPI contactPointApi() {
        return new OpenAPI()
                .info(new Info().title("ContactPoint API").version("v1").description("""
                        The machine interface of ContactPoint for case management systems (acting for a signed-in \
                        practitioner) and data suppliers. Every call needs a DPoP-bound access token from /oauth2/token \
                        (Authorization: DPoP <token>, with a DPoP proof header made for the call); writes need an \
                        Idempotency-Key header; errors are RFC 9457 problem details; calls are rate-limited per client \
                        and per practitioner (429 with Retry-After)."""))
                .components(new Components().addSecuritySchemes("dpop", new SecurityScheme().type(SecurityScheme.Type.HTTP)
                        .scheme("DPoP").description("A DPoP-bound access token (RFC 9449) with a DPoP proof header per call")))
                .addSecurityItem(new SecurityRequirement().addList("dpop"));
    }
}
