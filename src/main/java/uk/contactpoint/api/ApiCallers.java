package uk.contactpoint.api;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.stereotype.Component;

import uk.contactpoint.access.ApiClient;
import uk.contactpoint.access.CurrentClient;
import uk.contactpoint.access.CurrentViewer;
import uk.contactpoint.access.Viewer;

/**
 * Who is calling: the practitioner behind a CMS's token (with the client, for the audit), or a supplier client.
 * A supplier asking for children's data, or a CMS sending feed batches, is refused (403).
 */
@Component
class ApiCallers {

    private final CurrentViewer viewers;
    private final CurrentClient clients;

    ApiCallers(CurrentViewer viewers, CurrentClient clients) {
        this.viewers = viewers;
        this.clients = clients;
    }

    Viewer practitioner(HttpServletRequest request) {
        return viewers.of(request).orElseThrow(() -> clients.of(request).map(ApiClient::kind).orElse(null) == ApiClient.Kind.SUPPLIER
                ? ApiProblem.forbidden("A supplier client may only send feed batches and read their status and reject reports")
                : ApiProblem.forbidden("The practitioner's account may not use ContactPoint now, or the client is no longer registered"));
    }

    ApiClient supplier(HttpServletRequest request) {
        return clients.of(request).filter(c -> c.kind() == ApiClient.Kind.SUPPLIER).orElseThrow(() ->
                ApiProblem.forbidden("Only a registered supplier client sends feed batches"));
    }
}
