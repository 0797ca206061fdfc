package uk.contactpoint.access.internal;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Optional;

import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.stereotype.Component;

import uk.contactpoint.access.ApiClient;
import uk.contactpoint.access.CurrentClient;

/**
 * The practitioner behind a CMS's access token, read again at every call: the token says who signed in and
 * through which client, but only the database says whether the account is still active, its vetting still
 * valid and the client still registered. A token that fails any of these gives no practitioner.
 */
@Component
public class ApiTokenPrincipals {

    private final UserRepository users;
    private final ApiClientRepository clients;
    private final Clock clock;

    ApiTokenPrincipals(UserRepository users, ApiClientRepository clients, Clock clock) {
        this.users = users;
        this.clients = clients;
        this.clock = clock;
    }

    /** The signed-in practitioner of a CMS token, with the client, if both may still act. */
    public Optional<Acting> practitioner(Jwt token) {
        if (!ApiClient.Kind.CMS.name().equals(token.getClaimAsString(CurrentClient.KIND_CLAIM)) || token.getSubject() == null) {
            return Optional.empty();
        }
        Optional<ApiClient> client = Optional.ofNullable(token.getClaimAsString("client_id")).flatMap(clients::find)
                .filter(ApiClient::active).filter(c -> c.kind() == ApiClient.Kind.CMS);
        if (client.isEmpty()) {
            return Optional.empty();
        }
        LocalDate today = LocalDate.now(clock);
        return users.find(token.getSubject()).filter(u -> u.stop(today).isEmpty())
                .map(u -> new Acting(new ContactPointUser(u, today), client.get()));
    }

    /** A practitioner acting through a client. */
    public record Acting(ContactPointUser user, ApiClient client) {
    }
}
