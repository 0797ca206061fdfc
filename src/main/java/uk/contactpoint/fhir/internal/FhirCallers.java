package uk.contactpoint.fhir.internal;

import jakarta.servlet.http.HttpServletRequest;

import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.springframework.stereotype.Component;

import uk.contactpoint.access.CurrentViewer;
import uk.contactpoint.access.Viewer;
import uk.contactpoint.fhir.FhirSystems;

/**
 * Who is calling and why. The practitioner comes only from {@link CurrentViewer}, whichever way they signed in,
 * so the facade knows nothing of sessions or tokens. A record is opened only with a reason for access, sent in
 * the {@value FhirSystems#REASON_HEADER} header (ADR 39): a header, so that the reason never sits in a URL.
 */
@Component
class FhirCallers {

    /** As long as the web page allows a reason to be. */
    static final int MAX_REASON = 200;

    private final CurrentViewer viewers;

    FhirCallers(CurrentViewer viewers) {
        this.viewers = viewers;
    }

    /** The calling practitioner, or 401. */
    Viewer viewer(HttpServletRequest request) {
        return viewers.of(request).orElseThrow(Outcomes::notSignedIn);
    }

    /** The reason for opening a record, or 400 when there is none or it is not one line of up to 200 characters. */
    static String reason(HttpServletRequest request) {
        java.util.List<String> values = java.util.Collections.list(request.getHeaders(FhirSystems.REASON_HEADER));
        if (values.size() > 1) {
            throw Outcomes.invalid(IssueType.INVALID, "Send one " + FhirSystems.REASON_HEADER + " header, not several");
        }
        String reason = values.isEmpty() ? "" : values.get(0).strip();
        if (reason.isEmpty()) {
            throw Outcomes.invalid(IssueType.REQUIRED, "Say why you are opening this record: send the reason in the "
                    + FhirSystems.REASON_HEADER + " header");
        }
        if (reason.length() > MAX_REASON) {
            throw Outcomes.invalid(IssueType.TOOLONG, "The reason must be " + MAX_REASON + " characters or fewer");
        }
        if (reason.chars().anyMatch(ch -> Character.isISOControl(ch))) {
            throw Outcomes.invalid(IssueType.INVALID, "The reason must be plain text on one line");
        }
        return reason;
    }
}
