package uk.contactpoint.access;

import java.util.Set;

/**
 * Who is asking for child data, and from where: the input of every disclosure decision and every audit
 * event. {@code allocatingBodies} are the bodies whose source identifiers this viewer may see (NHS for
 * health staff, DFE for education staff, a supplier's own code).
 */
public record Viewer(long userId, String username, long organisationId, String organisationName, String sector,
                     Set<Role> roles, String localAuthority, boolean childProtection,
                     Set<String> allocatingBodies, String remoteAddress, String sessionRef) {

    public Viewer {
        roles = Set.copyOf(roles);
        allocatingBodies = Set.copyOf(allocatingBodies);
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
        return "Viewer[userId=" + userId + ", roles=" + roleNames() + "]";
    }
}
