package uk.contactpoint.access.internal;

import java.io.IOException;
import java.time.Clock;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Per-address throttling of the sign-in and activation forms: at most {@code limit} posts a minute from
 * one address, whatever the usernames (the per-account lockouts cannot see an attacker who tries one
 * password against many accounts). Over the limit the answer is 429 with a page saying when to try again;
 * the attempt is not even checked. Counted per node, in fixed one-minute windows; a practitioner's office
 * behind one NAT address makes a few attempts a minute, far below the default of 30.
 */
final class LoginThrottle extends OncePerRequestFilter {

    static final Set<String> PATHS = Set.of("/login", SecondFactorFilter.PATH, "/activate", "/activate/token");
    private static final int MAX_ADDRESSES = 100_000;

    private record Window(long minute, int count) {
    }

    private final Map<String, Window> windows = new ConcurrentHashMap<>();
    private final int limit;
    private final Clock clock;

    LoginThrottle(int limit, Clock clock) {
        this.limit = limit;
        this.clock = clock;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!"POST".equals(request.getMethod()) || !PATHS.contains(request.getServletPath())) {
            chain.doFilter(request, response);
            return;
        }
        long minute = clock.millis() / 60_000;
        if (windows.size() > MAX_ADDRESSES) {
            windows.values().removeIf(w -> w.minute() < minute);
        }
        Window w = windows.merge(request.getRemoteAddr(), new Window(minute, 1),
                (old, one) -> old.minute() == minute ? new Window(minute, old.count() + 1) : one);
        if (w.count() > limit) {
            response.setStatus(429);
            response.setHeader("Retry-After", "60");
            response.setContentType("text/html;charset=UTF-8");
            response.getWriter().write("""
                    <!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Too many attempts - ContactPoint</title>
                    <link rel="stylesheet" href="/govuk/govuk-frontend.min.css"></head>
                    <body class="govuk-template__body"><div class="govuk-width-container"><main class="govuk-main-wrapper" id="main-content">
                    <h1 class="govuk-heading-l">Too many sign-in attempts</h1>
                    <p class="govuk-body">There have been too many sign-in attempts from your network. Wait a minute, then
                    <a class="govuk-link" href="/login">try again</a>.</p></main></div></body></html>""");
            return;
        }
        chain.doFilter(request, response);
    }
}
