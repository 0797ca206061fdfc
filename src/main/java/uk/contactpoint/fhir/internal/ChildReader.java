package uk.contactpoint.fhir.internal;

import jakarta.servlet.http.HttpServletRequest;

import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.springframework.stereotype.Component;

import ca.uhn.fhir.rest.param.ReferenceParam;

import uk.contactpoint.access.Viewer;
import uk.contactpoint.audit.AuditUnavailableException;
import uk.contactpoint.directory.ContactPointId;
import uk.contactpoint.directory.InvalidValueException;
import uk.contactpoint.safeguards.ChildRecords;
import uk.contactpoint.safeguards.DisclosedChild;
import uk.contactpoint.safeguards.ViewCap;

/**
 * Opens a child's record for a FHIR request exactly as the web record page does: through {@link ChildRecords},
 * which applies the disclosure policy, counts the view against the daily cap and audits it with the reason before
 * returning. Every read of a Patient, RelatedPerson or CareTeam, and every search that names one child, is one
 * such opening.
 */
@Component
class ChildReader {

    static final String NOT_FOUND = "No record you can see has that ContactPoint ID";

    private final FhirCallers callers;
    private final ChildRecords records;

    ChildReader(FhirCallers callers, ChildRecords records) {
        this.callers = callers;
        this.records = records;
    }

    /** The record of the child with this ContactPoint ID as the caller may see it, or a 4xx/5xx outcome. */
    DisclosedChild open(HttpServletRequest request, String contactPointId) {
        Viewer viewer = callers.viewer(request);
        String reason = FhirCallers.reason(request);
        ContactPointId id = contactPointId(contactPointId);
        try {
            return records.open(viewer, id, reason).orElseThrow(() -> Outcomes.notFound(NOT_FOUND));
        } catch (ViewCap.Reached e) {
            throw Outcomes.forbidden(e.getMessage());
        } catch (AuditUnavailableException e) {
            throw Outcomes.status(503, IssueType.TRANSIENT, e.getMessage());
        }
    }

    /** The child a {@code patient} search parameter names: {@code Patient/{ID}} or the bare ID. */
    DisclosedChild open(HttpServletRequest request, ReferenceParam patient) {
        if (patient.getChain() != null || patient.getResourceType() != null && !"Patient".equals(patient.getResourceType())) {
            throw Outcomes.invalid(IssueType.NOTSUPPORTED, "patient must be a Patient id, as Patient/{ContactPoint ID}");
        }
        return open(request, patient.getIdPart());
    }

    static ContactPointId contactPointId(String value) {
        try {
            return new ContactPointId(value);
        } catch (InvalidValueException e) {
            throw Outcomes.invalid(IssueType.VALUE, e.getMessage());
        }
    }
}
