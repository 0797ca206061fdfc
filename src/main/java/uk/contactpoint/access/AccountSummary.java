package uk.contactpoint.access;

import java.time.LocalDate;
import java.util.Set;

/** A user account as its administrators see it. */
public record AccountSummary(long id, String username, String displayName, String email, long organisationId,
                             String organisationName, String localAuthority, Set<Role> roles, boolean childProtection,
                             String managerUsername, LocalDate dbsCheckDate, LocalDate trainingCompletedOn,
                             LocalDate agreementSignedOn, boolean locked, AccessStop stop) {

    public AccountSummary {
        roles = Set.copyOf(roles);
    }

    public LocalDate dbsExpiresOn() {
        return dbsCheckDate == null ? null : dbsCheckDate.plusYears(3);
    }

    /** One word or two for the list page. */
    public String status() {
        if (stop != null) {
            return switch (stop) {
                case NOT_ACTIVATED -> "Awaiting activation";
                case SUSPENDED -> "Suspended";
                default -> "Access stopped";
            };
        }
        return locked ? "Locked" : "Active";
    }

    @Override
    public String toString() {
        return "AccountSummary[id=" + id + "]";
    }
}
