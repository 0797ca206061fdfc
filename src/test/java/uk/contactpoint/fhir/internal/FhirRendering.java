package uk.contactpoint.fhir.internal;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;

import org.hl7.fhir.r4.model.RelatedPerson;

import uk.contactpoint.safeguards.DisclosedChild;

/** Test support: a disclosed child as the FHIR facade's resources (Patient, RelatedPerson, CareTeam) in JSON. */
public final class FhirRendering {

    private static final FhirContext FHIR = FhirContext.forR4Cached();

    private FhirRendering() {
    }

    public static String resources(DisclosedChild child) {
        IParser json = FHIR.newJsonParser();
        StringBuilder out = new StringBuilder(json.encodeResourceToString(FhirResources.patient(child)));
        for (RelatedPerson person : FhirResources.relatedPeople(child)) {
            out.append('\n').append(json.encodeResourceToString(person));
        }
        return out.append('\n').append(json.encodeResourceToString(FhirResources.careTeam(child))).toString();
    }
}
