package uk.contactpoint.access.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Set;

import uk.contactpoint.access.Role;

/**
 * A user row as stored, with the organisation facts that decide what the user may see and the lockout
 * state of the password step. The second factor's state is read separately ({@link SecondFactorState}).
 */
record StoredUser(long id, String username, String passwordHash, String displayName, long organisationId,
                  String organisationName, String sector, String organisationKind, String organisationCode,
                  String localAuthority, boolean childProtection, LocalDate dbsCheckDate,
                  LocalDate trainingCompletedOn, LocalDate agreementSignedOn, boolean enabled, Set<Role> roles,
                  Instant lockedUntil, boolean secondFactorLocked, boolean organisationAccredited) {

    StoredUser withRoles(Set<Role> r) {
        return new StoredUser(id, username, passwordHash, displayName, organisationId, organisationName, sector,
                organisationKind, organisationCode, localAuthority, childProtection, dbsCheckDate,
                trainingCompletedOn, agreementSignedOn, enabled, r, lockedUntil, secondFactorLocked,
                organisationAccredited);
    }

    /** Whether either lockout holds the account at this instant. */
    boolean lockedAt(Instant now) {
        return secondFactorLocked || (lockedUntil != null && lockedUntil.isAfter(now));
    }

    @Override
    public String toString() {
        return "StoredUser[id=" + id + "]";
    }
}
