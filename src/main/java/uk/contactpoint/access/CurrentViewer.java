package uk.contactpoint.access;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

import uk.contactpoint.access.internal.ApiTokenPrincipals;
import uk.contactpoint.access.internal.ContactPointUser;

/**
 * Builds the {@link Viewer} for the request in hand from the logged-in user. The session is recorded as
 * a hash of its id, so that the audit log links a session's events without holding a usable session id.
 * For an API call with a CMS's DPoP-bound access token the viewer is the practitioner who signed in through
 * that client, read again from the database at each call, carrying the client's id; the token's id stands
 * for the session.
 */
@Component
public class CurrentViewer {

    private final ApiTokenPrincipals tokens;

    CurrentViewer(ApiTokenPrincipals tokens) {
        this.tokens = tokens;
    }

    /** The authority of the second login factor (PIN and TOTP code together). */
    public static final String SECOND_FACTOR = "FACTOR_PIN_TOTP";

    /**
     * The viewer of this request, or empty when nobody (with a ContactPoint account) has completed both
     * login steps. The filter chain already refuses such requests; this is the second line.
     */
    public Optional<Viewer> of(HttpServletRequest request) {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth instanceof JwtAuthenticationToken token) {
            return tokens.practitioner(token.getToken()).map(acting -> {
                ContactPointUser user = acting.user();
                String tokenId = token.getToken().getId();
                return new Viewer(user.id(), user.getUsername(), user.organisationId(), user.organisationName(),
                        user.sector(), user.roles(), user.localAuthority(), user.childProtection(), allocatingBodies(user),
                        request.getRemoteAddr(), tokenId == null ? null : sessionRef("token:" + tokenId), null,
                        acting.client().clientId());
            });
        }
        if (!fullySignedIn(auth) || !(auth.getPrincipal() instanceof ContactPointUser user)) {
            return Optional.empty();
        }
        HttpSession session = request.getSession(false);
        return Optional.of(new Viewer(user.id(), user.getUsername(), user.organisationId(), user.organisationName(),
                user.sector(), user.roles(), user.localAuthority(), user.childProtection(), allocatingBodies(user),
                request.getRemoteAddr(), session == null ? null : sessionRef(session.getId())));
    }

    /** Whether this authentication has completed both login steps (password, then PIN and code). */
    public static boolean fullySignedIn(Authentication auth) {
        return auth != null && auth.isAuthenticated() && auth.getAuthorities().stream()
                .anyMatch(a -> SECOND_FACTOR.equals(a.getAuthority()));
    }

    static Set<String> allocatingBodies(ContactPointUser user) {
        Set<String> bodies = new HashSet<>();
        if ("HEALTH".equals(user.sector())) {
            bodies.add("NHS");
        }
        if ("EDUCATION".equals(user.sector())) {
            bodies.add("DFE");
        }
        if ("DATA_SUPPLIER".equals(user.organisationKind()) && user.organisationCode() != null) {
            bodies.add(user.organisationCode());
        }
        return bodies;
    }

    static String sessionRef(String sessionId) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(sessionId.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
