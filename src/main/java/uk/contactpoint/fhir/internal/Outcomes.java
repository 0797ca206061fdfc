package uk.contactpoint.fhir.internal;

import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;

import ca.uhn.fhir.rest.server.exceptions.AuthenticationException;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import ca.uhn.fhir.rest.server.exceptions.UnclassifiedServerFailureException;

/**
 * The refusals of the facade, each an OperationOutcome with one issue whose code says what kind of problem it is.
 * Messages are the service's own words, never the caller's input, so that nothing a caller sent is reflected back
 * and nothing personal reaches an outcome.
 */
final class Outcomes {

    private Outcomes() {
    }

    static OperationOutcome outcome(IssueType type, String message) {
        OperationOutcome outcome = new OperationOutcome();
        outcome.addIssue().setSeverity(IssueSeverity.ERROR).setCode(type).setDiagnostics(message);
        return outcome;
    }

    /** 400: the request cannot be answered as sent. */
    static BaseServerResponseException invalid(IssueType type, String message) {
        return trusted(new InvalidRequestException(message, outcome(type, message)));
    }

    /** 401: nobody has signed in. */
    static BaseServerResponseException notSignedIn() {
        String message = "Sign in first: this service answers ContactPoint users only";
        AuthenticationException e = new AuthenticationException(message);
        e.setOperationOutcome(outcome(IssueType.LOGIN, message));
        return trusted(e);
    }

    /** 403: this viewer may not do this. */
    static BaseServerResponseException forbidden(String message) {
        return trusted(new ForbiddenOperationException(message, outcome(IssueType.FORBIDDEN, message)));
    }

    /** 404: no record the viewer may see has this id. */
    static BaseServerResponseException notFound(String message) {
        return trusted(new ResourceNotFoundException(message, outcome(IssueType.NOTFOUND, message)));
    }

    /** A 4xx or 5xx of another status, e.g. 503 when the audit log cannot record the access. */
    static BaseServerResponseException status(int status, IssueType type, String message) {
        return trusted(new UnclassifiedServerFailureException(status, message, outcome(type, message)));
    }

    private static BaseServerResponseException trusted(BaseServerResponseException e) {
        // Our own words: HAPI need not treat them as possibly carrying the caller's input.
        return e.setErrorMessageTrusted(true);
    }
}
