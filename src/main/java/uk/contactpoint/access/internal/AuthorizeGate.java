package uk.contactpoint.access.internal;

import java.io.IOException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.FactorGrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.web.filter.OncePerRequestFilter;

import uk.contactpoint.access.AccessStop;
import uk.contactpoint.access.CurrentViewer;

/**
 * Stands in front of the authorization endpoint ({@value #AUTHORIZE}): a code is issued only to a practitioner
 * who has passed both login steps in our own pages and whose account may still be used today. Anyone else is
 * sent to the login (the request is kept in the session, and the second step returns to it). For the endpoint
 * itself the session's login is replaced, for this request only, by a plain token of the username and
 * authorities: that is what the authorization is stored with (as JSON), not the session's user object.
 */
final class AuthorizeGate extends OncePerRequestFilter {

    static final String AUTHORIZE = "/oauth2/authorize";
    /** Session attribute: where the second login step sends the user instead of the home page. */
    static final String CONTINUE_TO = "contactpoint.continueTo";

    /** A query string as a client sends it, URL-encoded: nothing that could break out of a header or JSON. */
    private static final java.util.regex.Pattern SAFE_QUERY = java.util.regex.Pattern.compile("[A-Za-z0-9._~%&=+\\-]{1,4000}");

    private final UserRepository users;
    private final Clock clock;
    private final SecurityContextHolderStrategy holder = SecurityContextHolder.getContextHolderStrategy();

    AuthorizeGate(UserRepository users, Clock clock) {
        this.users = users;
        this.clock = clock;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !AUTHORIZE.equals(request.getRequestURI().substring(request.getContextPath().length()));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        SecurityContext original = holder.getContext();
        Authentication auth = original.getAuthentication();
        if (!CurrentViewer.fullySignedIn(auth) || !(auth.getPrincipal() instanceof ContactPointUser user)) {
            String query = request.getQueryString();
            if ("GET".equals(request.getMethod()) && query != null && SAFE_QUERY.matcher(query).matches()) {
                request.getSession().setAttribute(CONTINUE_TO, AUTHORIZE + "?" + query);
            }
            boolean passwordDone = auth != null && auth.getAuthorities().stream()
                    .anyMatch(a -> FactorGrantedAuthority.PASSWORD_AUTHORITY.equals(a.getAuthority()));
            response.sendRedirect(request.getContextPath() + (passwordDone ? SecondFactorFilter.PATH : "/login"));
            return;
        }
        Optional<AccessStop> stop = users.find(user.getUsername()).map(u -> u.stop(LocalDate.now(clock)))
                .orElse(Optional.of(AccessStop.SUSPENDED));
        if (stop.isPresent()) {
            response.sendRedirect(request.getContextPath() + "/login?stopped=" + stop.get().name());
            return;
        }
        List<GrantedAuthority> authorities = auth.getAuthorities().stream()
                .<GrantedAuthority>map(a -> new SimpleGrantedAuthority(a.getAuthority())).toList();
        SecurityContext plain = holder.createEmptyContext();
        plain.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(user.getUsername(), null, authorities));
        holder.setContext(plain);
        try {
            chain.doFilter(request, response);
        } finally {
            holder.setContext(original);
        }
    }

    /** Where a completed login goes: back to a waiting authorization request, else home. Consumed once. */
    static String afterLogin(HttpServletRequest request) {
        var session = request.getSession(false);
        Object next = session == null ? null : session.getAttribute(CONTINUE_TO);
        if (next instanceof String path && path.startsWith(AUTHORIZE + "?")) {
            session.removeAttribute(CONTINUE_TO);
            return path;
        }
        return "/home";
    }
}
