package uk.contactpoint.access;

import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.stereotype.Component;

import uk.contactpoint.access.internal.ApiClientRepository;

/**
 * The registered client behind the request in hand: the one its DPoP-bound access token was issued to, while
 * that client is still registered (a revoked client's tokens stop at once, not when they expire). Empty for
 * browser sessions and for anything without such a token.
 */
@Component
public class CurrentClient {

    /** The access-token claim that carries the client's kind. */
    public static final String KIND_CLAIM = "cp_kind";

    private final ApiClientRepository clients;

    CurrentClient(ApiClientRepository clients) {
        this.clients = clients;
    }

    public Optional<ApiClient> of(HttpServletRequest request) {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (!(auth instanceof JwtAuthenticationToken token)) {
            return Optional.empty();
        }
        String clientId = token.getToken().getClaimAsString("client_id");
        return clientId == null ? Optional.empty() : clients.find(clientId).filter(ApiClient::active);
    }
}
