package uk.contactpoint.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/** Rate limits: per practitioner and per client in each minute, then 429 with Retry-After and a problem detail. */
class RateLimitsTest {

    private final Clock clock = Clock.fixed(Instant.parse("2026-01-05T10:00:15Z"), ZoneOffset.UTC);

    @AfterEach
    void clear() {
        SecurityContextHolder.clearContext();
    }

    private static void as(String client, String kind, String user) {
        Jwt jwt = new Jwt("t", Instant.now(), Instant.now().plusSeconds(60), Map.of("alg", "RS256"),
                Map.of("client_id", client, "cp_kind", kind, "sub", user));
        SecurityContextHolder.getContext().setAuthentication(new JwtAuthenticationToken(jwt));
    }

    @Test
    void shouldRefuseAPractitionerOverTheLimitWithRetryAfterTheMinute() throws Exception {
        RateLimits limits = new RateLimits(100, 3, clock);
        as("cms-1", "CMS", "alice");
        for (int i = 0; i < 3; i++) {
            assertThat(limits.preHandle(new MockHttpServletRequest(), new MockHttpServletResponse(), null)).isTrue();
        }
        MockHttpServletResponse refused = new MockHttpServletResponse();
        assertThat(limits.preHandle(new MockHttpServletRequest(), refused, null)).isFalse();
        assertThat(refused.getStatus()).isEqualTo(429);
        assertThat(refused.getHeader("Retry-After")).isEqualTo("45");
        assertThat(refused.getContentType()).startsWith("application/problem+json");
        // Another practitioner through the same client is not held back by Alice.
        as("cms-1", "CMS", "bob");
        assertThat(limits.preHandle(new MockHttpServletRequest(), new MockHttpServletResponse(), null)).isTrue();
    }

    @Test
    void shouldRefuseAClientOverItsLimitWhateverThePractitioner() throws Exception {
        RateLimits limits = new RateLimits(2, 100, clock);
        as("sup-1", "SUPPLIER", "sup-1");
        assertThat(limits.preHandle(new MockHttpServletRequest(), new MockHttpServletResponse(), null)).isTrue();
        assertThat(limits.preHandle(new MockHttpServletRequest(), new MockHttpServletResponse(), null)).isTrue();
        MockHttpServletResponse refused = new MockHttpServletResponse();
        assertThat(limits.preHandle(new MockHttpServletRequest(), refused, null)).isFalse();
        assertThat(refused.getStatus()).isEqualTo(429);
    }
}
