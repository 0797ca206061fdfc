package uk.contactpoint.access.internal;

import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.event.AuthenticationFailureBadCredentialsEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.FactorGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.Session;
import org.springframework.web.filter.OncePerRequestFilter;

import uk.contactpoint.access.CurrentViewer;
import uk.contactpoint.access.SecurityKeys;

/**
 * The second login step: {@code POST /login/second-factor} with {@code pin} and {@code code}, or a FIDO2
 * security key ({@code POST /login/security-key/options}, then the signed assertion to
 * {@code POST /login/security-key}), which grants the same second factor. It only
 * ever completes the login of the user who passed the first step in this session (the principal of the
 * current authentication): it never looks a user up by anything the form sends. On success it adds the
 * {@value #FACTOR} factor to that authentication, changes the session id, ends the user's other sessions
 * (one session per user) and sends the user home. Five consecutive failures lock the account and end
 * this half-logged-in session.
 */
final class SecondFactorFilter extends OncePerRequestFilter {

    /** The PIN-and-TOTP factor: one Spring Security factor authority for the two together. */
    static final String FACTOR = CurrentViewer.SECOND_FACTOR;
    static final String PATH = "/login/second-factor";

    /** The second step by FIDO2 security key instead: the request options, then the signed assertion (JSON). */
    static final String KEY_OPTIONS_PATH = "/login/security-key/options";
    static final String KEY_PATH = "/login/security-key";
    static final String KEY_CHALLENGE = "contactpoint.loginKeyChallenge";

    private final RequestMatcher matcher = PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.POST, PATH);
    private final RequestMatcher keyOptions = PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.POST, KEY_OPTIONS_PATH);
    private final RequestMatcher key = PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.POST, KEY_PATH);
    private final SecurityKeys securityKeys;
    private final SecondFactorCheck check;
    private final SecurityContextRepository contexts;
    private final FindByIndexNameSessionRepository<? extends Session> sessions;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final SecurityContextHolderStrategy holder = SecurityContextHolder.getContextHolderStrategy();

    SecondFactorFilter(SecondFactorCheck check, SecurityContextRepository contexts,
                       FindByIndexNameSessionRepository<? extends Session> sessions, ApplicationEventPublisher events,
                       Clock clock, SecurityKeys securityKeys) {
        this.securityKeys = securityKeys;
        this.check = check;
        this.contexts = contexts;
        this.sessions = sessions;
        this.events = events;
        this.clock = clock;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        boolean byKey = key.matches(request);
        boolean keyOptionsRequest = keyOptions.matches(request);
        if (!matcher.matches(request) && !byKey && !keyOptionsRequest) {
            chain.doFilter(request, response);
            return;
        }
        Authentication first = holder.getContext().getAuthentication();
        if (first == null || !(first.getPrincipal() instanceof ContactPointUser user)
                || !has(first, FactorGrantedAuthority.PASSWORD_AUTHORITY)) {
            response.sendRedirect(request.getContextPath() + "/login");
            return;
        }
        if (has(first, FACTOR)) {
            response.sendRedirect(request.getContextPath() + "/home");
            return;
        }
        if (keyOptionsRequest) {
            keyOptions(user, request, response);
            return;
        }
        if (byKey) {
            byKey(first, user, request, response);
            return;
        }
        switch (check.check(user.id(), request.getParameter("pin"), request.getParameter("code"))) {
            case ACCEPTED -> {
                complete(first, user, request, response, "pin+totp");
                response.sendRedirect(request.getContextPath() + AuthorizeGate.afterLogin(request));
            }
            case REJECTED -> {
                events.publishEvent(new AuthenticationFailureBadCredentialsEvent(first, new LoginRefused.WrongSecondFactor()));
                response.sendRedirect(request.getContextPath() + PATH + "?error");
            }
            case LOCKED -> {
                lock(first, request);
                response.sendRedirect(request.getContextPath() + "/login?error");
            }
        }
    }

    private void keyOptions(ContactPointUser user, HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setContentType("application/json");
        if (!securityKeys.hasKeys(user.id())) {
            response.setStatus(HttpServletResponse.SC_NOT_FOUND);
            response.getWriter().write("{\"error\":\"You have no security key: use your PIN and a code\"}");
            return;
        }
        String challenge = SecurityKeys.newChallenge();
        request.getSession().setAttribute(KEY_CHALLENGE, challenge);
        response.getWriter().write(securityKeys.requestOptions(user.id(), securityKeys.relyingParty(request), challenge));
    }

    private void byKey(Authentication first, ContactPointUser user, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        response.setContentType("application/json");
        Object challenge = request.getSession().getAttribute(KEY_CHALLENGE);
        // A challenge is good for one attempt only.
        request.getSession().removeAttribute(KEY_CHALLENGE);
        String body = new String(request.getInputStream().readNBytes(MAX_ASSERTION), java.nio.charset.StandardCharsets.UTF_8);
        SecurityKeys.RelyingParty rp = securityKeys.relyingParty(request);
        switch (check.checkKey(user.id(), () -> challenge instanceof String c && securityKeys.verify(user.id(), body, rp, c))) {
            case ACCEPTED -> {
                complete(first, user, request, response, "security-key");
                response.getWriter().write("{\"redirect\":\"" + request.getContextPath() + AuthorizeGate.afterLogin(request) + "\"}");
            }
            case REJECTED -> {
                events.publishEvent(new AuthenticationFailureBadCredentialsEvent(first, new LoginRefused.WrongSecondFactor()));
                response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
                response.getWriter().write("{\"error\":\"The security key was not accepted: try again, or use your PIN and a code\"}");
            }
            case LOCKED -> {
                lock(first, request);
                response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
                response.getWriter().write("{\"redirect\":\"" + request.getContextPath() + "/login?error\"}");
            }
        }
    }

    static final int MAX_ASSERTION = 16 * 1024;

    private void lock(Authentication first, HttpServletRequest request) {
        events.publishEvent(new AuthenticationFailureBadCredentialsEvent(first, new LoginRefused.AccountLocked()));
        holder.clearContext();
        HttpSession session = request.getSession(false);
        if (session != null) {
            session.invalidate();
        }
    }

    /** Both factors given: the full authentication, a new session id, and every other session of the user ended. */
    private void complete(Authentication first, ContactPointUser user, HttpServletRequest request, HttpServletResponse response,
                          String method) {
        List<GrantedAuthority> authorities = new ArrayList<>(first.getAuthorities());
        authorities.add(FactorGrantedAuthority.withAuthority(FACTOR).issuedAt(clock.instant()).build());
        if ("security-key".equals(method)) {
            // Which way the second step was passed shows in the audit of the login.
            authorities.add(FactorGrantedAuthority.withAuthority(FactorGrantedAuthority.WEBAUTHN_AUTHORITY).issuedAt(clock.instant()).build());
        }
        UsernamePasswordAuthenticationToken full = UsernamePasswordAuthenticationToken.authenticated(user, null, authorities);
        full.setDetails(first.getDetails());
        String halfLoggedIn = request.getSession().getId();
        request.changeSessionId();
        request.getSession().setAttribute(SessionLimitsFilter.AUTHENTICATED_AT, clock.millis());
        SecurityContext context = holder.createEmptyContext();
        context.setAuthentication(full);
        holder.setContext(context);
        contexts.saveContext(context, request, response);
        endOtherSessions(user.getUsername(), List.of(halfLoggedIn, request.getSession().getId()));
        events.publishEvent(new AuthenticationSuccessEvent(full));
    }

    /** One session per user: a completed login ends every other session of the same user. */
    private void endOtherSessions(String username, List<String> keep) {
        // The store still knows this session by its id before the change until the request ends: keep both.
        Map<String, ? extends Session> others = sessions.findByPrincipalName(username);
        others.keySet().stream().filter(id -> !keep.contains(id)).forEach(sessions::deleteById);
    }

    private static boolean has(Authentication auth, String authority) {
        return auth.getAuthorities().stream().anyMatch(a -> authority.equals(a.getAuthority()));
    }
}
