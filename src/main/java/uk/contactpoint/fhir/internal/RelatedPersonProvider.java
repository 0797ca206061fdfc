package uk.contactpoint.fhir.internal;

import java.util.List;

import jakarta.servlet.http.HttpServletRequest;

import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.hl7.fhir.r4.model.RelatedPerson;
import org.springframework.stereotype.Component;

import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.annotation.RequiredParam;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.server.IResourceProvider;

import uk.contactpoint.safeguards.DisclosedChild;

/**
 * {@code RelatedPerson}: a child's parents and carers, as the record page shows them (on a restricted record, the
 * names alone). Their ids are the child's ContactPoint ID and the carer's place in the record, from 1. Each read
 * or search opens the child's record, with a reason.
 */
@Component
public class RelatedPersonProvider implements IResourceProvider {

    private final ChildReader reader;

    RelatedPersonProvider(ChildReader reader) {
        this.reader = reader;
    }

    @Override
    public Class<? extends IBaseResource> getResourceType() {
        return RelatedPerson.class;
    }

    @Read
    public RelatedPerson read(@IdParam IdType id, HttpServletRequest request) {
        String value = id.getIdPart();
        int dash = value.lastIndexOf('-');
        int place;
        try {
            place = dash < 0 ? -1 : Integer.parseInt(value.substring(dash + 1));
        } catch (NumberFormatException e) {
            place = -1;
        }
        if (place < 1) {
            throw Outcomes.invalid(IssueType.VALUE, "A RelatedPerson id is the child's ContactPoint ID, a hyphen and a number from 1");
        }
        DisclosedChild child = reader.open(request, value.substring(0, dash));
        if (place > child.carers().size()) {
            throw Outcomes.notFound("The record has no parent or carer with that number");
        }
        return FhirResources.relatedPerson(child, place - 1);
    }

    @Search
    public List<RelatedPerson> byPatient(@RequiredParam(name = RelatedPerson.SP_PATIENT) ReferenceParam patient,
                                         HttpServletRequest request) {
        return FhirResources.relatedPeople(reader.open(request, patient));
    }
}
