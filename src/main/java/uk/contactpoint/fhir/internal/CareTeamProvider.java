package uk.contactpoint.fhir.internal;

import java.util.List;

import jakarta.servlet.http.HttpServletRequest;

import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.CareTeam;
import org.hl7.fhir.r4.model.IdType;
import org.springframework.stereotype.Component;

import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.annotation.RequiredParam;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.server.IResourceProvider;

/**
 * {@code CareTeam}: one per child, with the child's ContactPoint ID as its id, listing who works with the child as
 * the record page does: the involvements (lead professional and CAF holder marked; a sensitive service masked),
 * the ended ones, the school and the GP practice. Each read or search opens the child's record, with a reason.
 */
@Component
public class CareTeamProvider implements IResourceProvider {

    private final ChildReader reader;

    CareTeamProvider(ChildReader reader) {
        this.reader = reader;
    }

    @Override
    public Class<? extends IBaseResource> getResourceType() {
        return CareTeam.class;
    }

    @Read
    public CareTeam read(@IdParam IdType id, HttpServletRequest request) {
        return FhirResources.careTeam(reader.open(request, id.getIdPart()));
    }

    @Search
    public List<CareTeam> byPatient(@RequiredParam(name = CareTeam.SP_PATIENT) ReferenceParam patient,
                                    HttpServletRequest request) {
        return List.of(FhirResources.careTeam(reader.open(request, patient)));
    }
}
