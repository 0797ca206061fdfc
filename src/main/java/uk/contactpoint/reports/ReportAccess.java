package uk.contactpoint.reports;

import uk.contactpoint.access.Role;
import uk.contactpoint.access.Viewer;

/**
 * Who sees which report: an LA's ContactPoint management team (any of its sub-roles: data managers, auditors, user
 * administrators, shielding officers) sees its own authority's; national administrators see every authority's and
 * the national view. Never through a mediated call.
 */
public final class ReportAccess {

    private ReportAccess() {
    }

    /** Refused: the viewer may not see this report. */
    public static class NotAllowed extends RuntimeException {
        public NotAllowed(String message) {
            super(message);
        }
    }

    public static boolean authorityTeam(Viewer viewer) {
        return viewer.mediation() == null && viewer.localAuthority() != null
                && viewer.roles().stream().anyMatch(Role::laManagementTeam);
    }

    public static boolean national(Viewer viewer) {
        return viewer.mediation() == null && viewer.has(Role.NATIONAL_ADMIN);
    }

    public static boolean mayView(Viewer viewer) {
        return authorityTeam(viewer) || national(viewer);
    }

    /**
     * The authority (GSS code) whose report this viewer gets: a national administrator the one asked for, an LA team
     * member their own whatever is asked.
     *
     * @throws NotAllowed when the viewer sees no authority's reports, or a national administrator names none
     */
    public static String authority(Viewer viewer, String requested) {
        if (national(viewer)) {
            if (requested == null || requested.isBlank()) {
                throw new NotAllowed("Choose a local authority");
            }
            return requested.trim();
        }
        if (authorityTeam(viewer)) {
            return viewer.localAuthority();
        }
        throw new NotAllowed("Reports are for LA ContactPoint teams and national administrators");
    }

    static void requireNational(Viewer viewer) {
        if (!national(viewer)) {
            throw new NotAllowed("The national view is for national administrators");
        }
    }
}
