package uk.contactpoint.access.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

class LoginThrottleTest {

    private final AtomicInteger passed = new AtomicInteger();

    private int post(LoginThrottle throttle, String path, String address) throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", path);
        request.setServletPath(path);
        request.setRemoteAddr(address);
        MockHttpServletResponse response = new MockHttpServletResponse();
        throttle.doFilter(request, response, (req, res) -> passed.incrementAndGet());
        return response.getStatus();
    }

    @Test
    void shouldRefuseTheAttemptsOfOneAddressOverTheLimitWithoutCheckingThem() throws Exception {
        LoginThrottle throttle = new LoginThrottle(3, Clock.fixed(Instant.parse("2026-11-22T10:00:10Z"), ZoneOffset.UTC));
        for (int i = 0; i < 3; i++) {
            assertThat(post(throttle, "/login", "192.0.2.1")).isEqualTo(200);
        }
        assertThat(post(throttle, "/login/second-factor", "192.0.2.1")).isEqualTo(429);
        assertThat(post(throttle, "/activate", "192.0.2.1")).isEqualTo(429);
        assertThat(passed).as("refused attempts never reach the login steps").hasValue(3);
        assertThat(post(throttle, "/login", "192.0.2.2")).as("another address has its own count").isEqualTo(200);
    }

    @Test
    void shouldCountAgainInTheNextMinuteAndIgnoreOtherRequests() throws Exception {
        MutableClock clock = new MutableClock(Instant.parse("2026-11-22T10:00:10Z"));
        LoginThrottle throttle = new LoginThrottle(1, clock);
        assertThat(post(throttle, "/login", "192.0.2.1")).isEqualTo(200);
        assertThat(post(throttle, "/login", "192.0.2.1")).isEqualTo(429);
        assertThat(post(throttle, "/records/open", "192.0.2.1")).as("only sign-in and activation are throttled").isEqualTo(200);
        clock.now = Instant.parse("2026-11-22T10:01:00Z");
        assertThat(post(throttle, "/login", "192.0.2.1")).isEqualTo(200);
    }

    private static final class MutableClock extends Clock {
        Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
