package uk.contactpoint.access;

import java.time.LocalDate;
import java.util.Set;

/**
 * A user account to create. The password and PIN are hashed on the way in, the TOTP secret (base32, see
 * {@link Totp#newSecret()}) is encrypted; none is ever stored or logged as given.
 */
public record NewUser(String username, String password, String displayName, String email, String phone,
                      long organisationId, String localAuthority, Set<Role> roles, boolean childProtection,
                      LocalDate dbsCheckDate, LocalDate trainingCompletedOn, LocalDate agreementSignedOn,
                      String pin, String totpSecret) {

    public NewUser {
        roles = Set.copyOf(roles);
    }

    @Override
    public String toString() {
        return "NewUser[roles=" + roles + "]";
    }
}
