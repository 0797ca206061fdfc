package uk.contactpoint.access.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockHttpSession;

class SessionLimitsFilterTest {

    private static final Instant LOGIN = Instant.parse("2026-03-01T08:00:00Z");

    @Test
    void shouldKeepASessionUpToTenHoursAfterLogin() throws Exception {
        MockHttpSession session = session();

        run(LOGIN.plus(Duration.ofHours(10)), session);

        assertThat(session.isInvalid()).isFalse();
    }

    @Test
    void shouldEndASessionMoreThanTenHoursAfterLoginHoweverActive() throws Exception {
        MockHttpSession session = session();

        run(LOGIN.plus(Duration.ofHours(10)).plusSeconds(1), session);

        assertThat(session.isInvalid()).isTrue();
    }

    private static MockHttpSession session() {
        MockHttpSession session = new MockHttpSession();
        session.setAttribute(SessionLimitsFilter.AUTHENTICATED_AT, LOGIN.toEpochMilli());
        return session;
    }

    private static void run(Instant now, MockHttpSession session) throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/home");
        request.setSession(session);
        new SessionLimitsFilter(Clock.fixed(now, ZoneOffset.UTC)).doFilter(request, new MockHttpServletResponse(), new MockFilterChain());
    }
}
