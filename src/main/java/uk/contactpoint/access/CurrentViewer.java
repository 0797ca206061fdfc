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

import uk.contactpoint.access.internal.ContactPointUser;

/**
 * Builds the {@link Viewer} for the request in hand from the logged-in user. The session is recorded as
 * a hash of its id, so that the audit log links a session's events without holding a usable session id.
 */
@Component
public class CurrentViewer {

    /** The viewer of this request, or empty when nobody (with a ContactPoint account) is logged in. */
    public Optional<Viewer> of(HttpServletRequest request) {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth == null || !(auth.getPrincipal() instanceof ContactPointUser user)) {
            return Optional.empty();
        }
        HttpSession session = request.getSession(false);
        return Optional.of(new Viewer(user.id(), user.getUsername(), user.organisationId(), user.organisationName(),
                user.sector(), user.roles(), user.localAuthority(), user.childProtection(), allocatingBodies(user),
                request.getRemoteAddr(), session == null ? null : sessionRef(session.getId())));
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
