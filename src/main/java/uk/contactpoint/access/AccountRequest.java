package uk.contactpoint.access;

import java.time.LocalDate;
import java.util.Set;

/**
 * A new account, as an administrator asks for it (from the form or a row of a bulk import). The user
 * chooses their own password and PIN and enrols their token when they activate it.
 */
public record AccountRequest(String username, String displayName, String email, String phone, long organisationId,
                             String localAuthority, Set<Role> roles, boolean childProtection, String managerUsername,
                             LocalDate dbsCheckDate, LocalDate trainingCompletedOn, LocalDate agreementSignedOn) {

    public AccountRequest {
        roles = roles == null ? Set.of() : Set.copyOf(roles);
    }

    @Override
    public String toString() {
        return "AccountRequest[roles=" + roles + "]";
    }
}
