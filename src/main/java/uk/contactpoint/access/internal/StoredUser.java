package uk.contactpoint.access.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import java.util.Set;

import uk.contactpoint.access.AccessStop;
import uk.contactpoint.access.Role;

/**
 * A user row as stored, with the organisation facts that decide what the user may see and the lockout
 * state of the password step. The second factor's state is read separately ({@link SecondFactorState}).
 */
record StoredUser(long id, String username, String passwordHash, String displayName, long organisationId,
                  String organisationName, String sector, String organisationKind, String organisationCode,
                  String localAuthority, boolean childProtection, LocalDate dbsCheckDate,
                  LocalDate trainingCompletedOn, LocalDate agreementSignedOn, boolean enabled, Set<Role> roles,
                  Instant lockedUntil, boolean secondFactorLocked, boolean organisationAccredited,
                  LocalDate accreditationExpiresOn, boolean activated) {

    /** An enhanced DBS check is good for this many years. */
    static final int DBS_VALID_YEARS = 3;

    StoredUser withRoles(Set<Role> r) {
        return new StoredUser(id, username, passwordHash, displayName, organisationId, organisationName, sector,
                organisationKind, organisationCode, localAuthority, childProtection, dbsCheckDate,
                trainingCompletedOn, agreementSignedOn, enabled, r, lockedUntil, secondFactorLocked,
                organisationAccredited, accreditationExpiresOn, activated);
    }

    /** Whether either lockout holds the account at this instant. */
    boolean lockedAt(Instant now) {
        return secondFactorLocked || (lockedUntil != null && lockedUntil.isAfter(now));
    }

    /** The day the DBS check stops being good enough, or null when there is none. */
    LocalDate dbsExpiresOn() {
        return dbsCheckDate == null ? null : dbsCheckDate.plusYears(DBS_VALID_YEARS);
    }

    /**
     * Why this user may not use the service today, if anything stops them: the first of account state,
     * the user's own vetting, then the organisation's accreditation.
     */
    Optional<AccessStop> stop(LocalDate today) {
        if (!activated) {
            return Optional.of(AccessStop.NOT_ACTIVATED);
        }
        if (!enabled) {
            return Optional.of(AccessStop.SUSPENDED);
        }
        if (dbsCheckDate == null) {
            return Optional.of(AccessStop.DBS_MISSING);
        }
        if (!dbsExpiresOn().isAfter(today)) {
            return Optional.of(AccessStop.DBS_EXPIRED);
        }
        if (trainingCompletedOn == null) {
            return Optional.of(AccessStop.TRAINING_MISSING);
        }
        if (agreementSignedOn == null) {
            return Optional.of(AccessStop.AGREEMENT_MISSING);
        }
        if (!organisationAccredited) {
            return Optional.of(AccessStop.ORGANISATION_NOT_ACCREDITED);
        }
        if (accreditationExpiresOn != null && !accreditationExpiresOn.isAfter(today)) {
            return Optional.of(AccessStop.ACCREDITATION_LAPSED);
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return "StoredUser[id=" + id + "]";
    }
}
