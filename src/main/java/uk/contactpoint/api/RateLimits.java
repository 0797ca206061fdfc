package uk.contactpoint.api;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Rate limits per client and per practitioner: at most so many calls in each minute, else 429 with
 * {@code Retry-After} (the seconds to the next minute) and a problem detail. Counted per node (ADR 37): behind
 * a load balancer of N nodes a caller gets at most N times the limit, which still stops a runaway client.
 */
final class RateLimits implements HandlerInterceptor {

    private final int perClient;
    private final int perUser;
    private final Clock clock;
    private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();
    private volatile long minute = -1;

    RateLimits(int perClient, int perUser, Clock clock) {
        this.perClient = perClient;
        this.perUser = perUser;
        this.clock = clock;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) throws Exception {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (!(auth instanceof JwtAuthenticationToken token)) {
            return true;
        }
        long now = clock.millis();
        long thisMinute = now / 60_000;
        if (thisMinute != minute) {
            synchronized (this) {
                if (thisMinute != minute) {
                    counts.clear();
                    minute = thisMinute;
                }
            }
        }
        String client = token.getToken().getClaimAsString("client_id");
        boolean overClient = counts.computeIfAbsent("c:" + client, k -> new AtomicInteger()).incrementAndGet() > perClient;
        boolean overUser = "CMS".equals(token.getToken().getClaimAsString("cp_kind")) && token.getToken().getSubject() != null
                && counts.computeIfAbsent("u:" + token.getToken().getSubject(), k -> new AtomicInteger()).incrementAndGet() > perUser;
        if (!overClient && !overUser) {
            return true;
        }
        long retryAfter = Math.max(1, ((thisMinute + 1) * 60_000 - now + 999) / 1000);
        response.setHeader("Retry-After", Long.toString(retryAfter));
        ApiErrorFilter.write(response, 429, "Too many requests", overUser
                ? "This practitioner has made more than " + perUser + " calls this minute: try again after " + retryAfter + " seconds"
                : "This client has made more than " + perClient + " calls this minute: try again after " + retryAfter + " seconds");
        return false;
    }
}
