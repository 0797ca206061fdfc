package uk.contactpoint.access;

import java.time.LocalDate;
import java.util.Set;

/** A user account to create. The password is hashed on the way in and never stored or logged as given. */
public record NewUser(String username, String password, String displayName, String email, String phone,
                      long organisationId, String localAuthority, Set<Role> roles, boolean childProtection,
                      LocalDate dbsCheckDate, LocalDate trainingCompletedOn, LocalDate agreementSignedOn) {

    public NewUser {
        roles = Set.copyOf(roles);
    }

    @Override
    public String toString() {
        return "NewUser[roles=" + roles + "]";
    }
}
