package uk.contactpoint.access.internal;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The absolute session lifetime: 10 hours after the login completed (or after the session began, for a
 * half-finished login), however active the session. The idle limit (15 minutes) is Spring Session's
 * own timeout, {@code server.servlet.session.timeout}. An expired session is invalidated and the request
 * goes on as anonymous, so a page asks for sign-in again.
 */
final class SessionLimitsFilter extends OncePerRequestFilter {

    static final String AUTHENTICATED_AT = "contactpoint.authenticatedAt";
    static final Duration ABSOLUTE = Duration.ofHours(10);

    private final Clock clock;

    SessionLimitsFilter(Clock clock) {
        this.clock = clock;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        HttpSession session = request.getSession(false);
        if (session != null && expired(session)) {
            session.invalidate();
            SecurityContextHolder.getContextHolderStrategy().clearContext();
        }
        chain.doFilter(request, response);
    }

    boolean expired(HttpSession session) {
        Object at = session.getAttribute(AUTHENTICATED_AT);
        long start = at instanceof Long millis ? millis : session.getCreationTime();
        return clock.millis() - start > ABSOLUTE.toMillis();
    }
}
