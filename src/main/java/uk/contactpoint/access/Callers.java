package uk.contactpoint.access;

import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

import org.springframework.stereotype.Service;

import uk.contactpoint.access.internal.CallerDirectory;
import uk.contactpoint.access.internal.ContactPointUser;

/**
 * Callers of a mediated search (DOMAIN.md section 7): registered users who phone an authorised user to
 * search on their behalf. Looks the caller up, checks the code they read from their token, and builds the
 * viewer a mediated search runs as: the caller, bounded by the operator (see ADR 0021).
 */
@Service
public class Callers {

    /** The outcome of checking a caller's token code. */
    public enum CodeResult { ACCEPTED, REJECTED, LOCKED }

    /**
     * A caller as the operator needs to see them: who they are, where they work, their registered number,
     * and whether anything stops them using ContactPoint ({@code stop} null and not {@code locked}).
     */
    public record Caller(long userId, String username, String displayName, String organisationName,
                         String localAuthority, Set<Role> roles, String phone, AccessStop stop, boolean locked) {

        public Caller {
            roles = Set.copyOf(roles);
        }

        /** Whether the account may use ContactPoint today (vetted, enabled, activated, not locked). */
        public boolean active() {
            return stop == null && !locked;
        }

        @Override
        public String toString() {
            return "Caller[userId=" + userId + ", stop=" + stop + ", locked=" + locked + "]";
        }
    }

    private final CallerDirectory directory;

    Callers(CallerDirectory directory) {
        this.directory = directory;
    }

    public Optional<Caller> find(String username) {
        if (username == null || username.isBlank() || username.length() > 100) {
            return Optional.empty();
        }
        return directory.find(username.trim().toLowerCase(java.util.Locale.ROOT)).map(a -> new Caller(a.user().id(),
                a.user().getUsername(), a.user().displayName(), a.user().organisationName(), a.user().localAuthority(),
                a.user().roles(), a.phone(), a.stop(), a.locked()));
    }

    /**
     * Checks the code a caller read from their token: accepted once only (a code used to sign in, or read out
     * before, is refused), and a wrong code counts towards the caller's own second-factor lockout.
     */
    public CodeResult checkCode(Caller caller, String code) {
        return directory.checkCode(caller.userId(), code);
    }

    /**
     * The viewer a mediated search runs as, or empty when the caller may not use ContactPoint now (the
     * account is read again every time). The caller's organisation, local authority and sector; only the
     * practitioner role, never break-glass; source identifiers only where both caller and operator may see
     * them; the operator's address and session; and the mediation, for the audit.
     */
    public Optional<Viewer> viewerFor(String callerUsername, Viewer operator, Mediation mediation) {
        return directory.find(callerUsername)
                .filter(a -> a.stop() == null && !a.locked() && a.user().roles().contains(Role.PRACTITIONER))
                .map(a -> {
                    ContactPointUser u = a.user();
                    Set<String> bodies = new HashSet<>(CurrentViewer.allocatingBodies(u));
                    bodies.retainAll(operator.allocatingBodies());
                    return new Viewer(u.id(), u.getUsername(), u.organisationId(), u.organisationName(), u.sector(),
                            Set.of(Role.PRACTITIONER), u.localAuthority(), false, bodies, operator.remoteAddress(),
                            operator.sessionRef(), mediation);
                });
    }
}
