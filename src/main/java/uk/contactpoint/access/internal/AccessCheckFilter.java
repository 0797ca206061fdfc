package uk.contactpoint.access.internal;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Optional;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

import uk.contactpoint.access.AccessStop;

/**
 * Ends a signed-in session when its user may no longer use the service: suspended, vetting lapsed while
 * signed in (a DBS check turns 3 years old at midnight), or the organisation's accreditation lapsed. The
 * account is read again at least once every {@link #RECHECK}, so whichever node serves the user's next
 * request notices within that time; suspension also deletes the user's sessions outright.
 */
final class AccessCheckFilter extends OncePerRequestFilter {

    /** At most this long between checks of one session's account (configurable for tests). */
    static final Duration RECHECK = Duration.ofSeconds(60);
    static final String CHECKED_AT = "contactpoint.accessCheckedAt";

    private final UserRepository users;
    private final Clock clock;
    private final Duration recheck;

    AccessCheckFilter(UserRepository users, Clock clock, Duration recheck) {
        this.users = users;
        this.clock = clock;
        this.recheck = recheck.compareTo(RECHECK) > 0 ? RECHECK : recheck;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        HttpSession session = request.getSession(false);
        if (session == null || auth == null || !(auth.getPrincipal() instanceof ContactPointUser user)) {
            chain.doFilter(request, response);
            return;
        }
        Long checkedAt = (Long) session.getAttribute(CHECKED_AT);
        long now = clock.millis();
        if (checkedAt != null && now - checkedAt < recheck.toMillis()) {
            chain.doFilter(request, response);
            return;
        }
        Optional<AccessStop> stop = users.find(user.getUsername())
                .map(u -> u.stop(LocalDate.now(clock)))
                .orElse(Optional.of(AccessStop.SUSPENDED));
        if (stop.isPresent()) {
            SecurityContextHolder.clearContext();
            session.invalidate();
            response.sendRedirect(request.getContextPath() + "/login?stopped=" + stop.get().name());
            return;
        }
        session.setAttribute(CHECKED_AT, now);
        chain.doFilter(request, response);
    }
}
