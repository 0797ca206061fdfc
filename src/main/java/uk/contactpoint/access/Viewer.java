package uk.contactpoint.access;

import java.util.Set;

/**
 * Who is asking for child data, and from where: the input of every disclosure decision and every audit
 * event. {@code allocatingBodies} are the bodies whose source identifiers this viewer may see (NHS for
 * health staff, DFE for education staff, a supplier's own code). {@code mediation} is null, except when an
 * authorised user searches on a caller's behalf (mediated access): then this viewer is the caller, with the
 * operator's address and session, and the mediation says who the operator is, how the caller was verified
 * and why. {@code clientId} is null, except when a registered case management system calls the API for this
 * practitioner: then it names that client, and the audit log records it beside the practitioner (ADR 35).
 */
public record Viewer(long userId, String username, long organisationId, String organisationName, String sector,
                     Set<Role> roles, String localAuthority, boolean childProtection,
                     Set<String> allocatingBodies, String remoteAddress, String sessionRef, Mediation mediation,
                     String clientId) {

    public Viewer {
        roles = Set.copyOf(roles);
        allocatingBodies = Set.copyOf(allocatingBodies);
    }

    /** A viewer in the web service: for themselves, or (with a mediation) for a caller. */
    public Viewer(long userId, String username, long organisationId, String organisationName, String sector,
                  Set<Role> roles, String localAuthority, boolean childProtection,
                  Set<String> allocatingBodies, String remoteAddress, String sessionRef, Mediation mediation) {
        this(userId, username, organisationId, organisationName, sector, roles, localAuthority, childProtection,
                allocatingBodies, remoteAddress, sessionRef, mediation, null);
    }

    /** A viewer asking for themselves (no mediation). */
    public Viewer(long userId, String username, long organisationId, String organisationName, String sector,
                  Set<Role> roles, String localAuthority, boolean childProtection,
                  Set<String> allocatingBodies, String remoteAddress, String sessionRef) {
        this(userId, username, organisationId, organisationName, sector, roles, localAuthority, childProtection,
                allocatingBodies, remoteAddress, sessionRef, null);
    }

    public boolean has(Role role) {
        return roles.contains(role);
    }

    /** Whether this viewer is on the management team of the given local authority (by GSS code). */
    public boolean onManagementTeamOf(String gssCode) {
        return gssCode != null && gssCode.equals(localAuthority) && roles.stream().anyMatch(Role::laManagementTeam);
    }

    /** The roles as one line for audit records. */
    public String roleNames() {
        return String.join(",", roles.stream().map(Role::name).sorted().toList());
    }

    @Override
    public String toString() {
        return "Viewer[userId=" + userId + ", roles=" + roleNames() + (mediation == null ? "" : ", mediated")
                + (clientId == null ? "" : ", client=" + clientId) + "]";
    }
}
