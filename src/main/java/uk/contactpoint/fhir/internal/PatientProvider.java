package uk.contactpoint.fhir.internal;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.hl7.fhir.r4.model.Patient;
import org.springframework.stereotype.Component;

import ca.uhn.fhir.model.api.TemporalPrecisionEnum;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.OptionalParam;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.annotation.RequiredParam;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.param.DateParam;
import ca.uhn.fhir.rest.param.ParamPrefixEnum;
import ca.uhn.fhir.rest.param.StringParam;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.server.IResourceProvider;

import uk.contactpoint.access.Viewer;
import uk.contactpoint.audit.AuditUnavailableException;
import uk.contactpoint.fhir.FhirSystems;
import uk.contactpoint.safeguards.ChildSearches;
import uk.contactpoint.search.SearchCriteria;

/**
 * {@code Patient}: read by ContactPoint ID (a record opening, with a reason); search by family name and birth date
 * (with given name and postcode if known) or by NHS number, through {@link ChildSearches}, the web search's own
 * service (minimum criteria, at most 10 results, shielded children "restricted", every search audited); search by
 * ContactPoint ID, which opens that record as a read does.
 */
@Component
public class PatientProvider implements IResourceProvider {

    private static final ZoneId LONDON = ZoneId.of("Europe/London");

    private final FhirCallers callers;
    private final ChildReader reader;
    private final ChildSearches searches;

    PatientProvider(FhirCallers callers, ChildReader reader, ChildSearches searches) {
        this.callers = callers;
        this.reader = reader;
        this.searches = searches;
    }

    @Override
    public Class<? extends IBaseResource> getResourceType() {
        return Patient.class;
    }

    @Read
    public Patient read(@IdParam IdType id, HttpServletRequest request) {
        return FhirResources.patient(reader.open(request, id.getIdPart()));
    }

    @Search
    public List<Patient> byName(@RequiredParam(name = Patient.SP_FAMILY) StringParam family,
                                @RequiredParam(name = Patient.SP_BIRTHDATE) DateParam birthDate,
                                @OptionalParam(name = Patient.SP_GIVEN) StringParam given,
                                @OptionalParam(name = Patient.SP_ADDRESS_POSTALCODE) StringParam postcode,
                                HttpServletRequest request) {
        Viewer viewer = callers.viewer(request);
        SearchCriteria criteria = new SearchCriteria(plain(given, Patient.SP_GIVEN), plain(family, Patient.SP_FAMILY),
                birthDate(birthDate), plain(postcode, Patient.SP_ADDRESS_POSTALCODE), null, null);
        return found(viewer, criteria);
    }

    @Search
    public List<Patient> byIdentifier(@RequiredParam(name = Patient.SP_IDENTIFIER) TokenParam identifier,
                                      HttpServletRequest request) {
        Viewer viewer = callers.viewer(request);
        checkIdentifier(identifier);
        if (FhirSystems.CONTACTPOINT_ID.equals(identifier.getSystem())) {
            // A ContactPoint ID names one child: finding it is opening the record, with a reason (as on the web).
            return List.of(FhirResources.patient(reader.open(request, identifier.getValue())));
        }
        if (FhirSystems.NHS_NUMBER.equals(identifier.getSystem())) {
            return found(viewer, new SearchCriteria(null, null, null, null, identifier.getValue(), null));
        }
        throw Outcomes.invalid(IssueType.NOTSUPPORTED, "Search by identifier with the system " + FhirSystems.CONTACTPOINT_ID
                + " or " + FhirSystems.NHS_NUMBER);
    }

    /** An identifier search must be system|value with no modifier; anything else is a 400. */
    static void checkIdentifier(TokenParam identifier) {
        if (identifier.getModifier() != null || identifier.getSystem() == null || identifier.getValue() == null
                || identifier.getValue().isBlank()) {
            throw Outcomes.invalid(IssueType.INVALID, "Search by identifier as system|value, with the system "
                    + FhirSystems.CONTACTPOINT_ID + " or " + FhirSystems.NHS_NUMBER);
        }
    }

    private List<Patient> found(Viewer viewer, SearchCriteria criteria) {
        ChildSearches.Answer answer;
        try {
            answer = searches.search(viewer, criteria);
        } catch (AuditUnavailableException e) {
            throw Outcomes.status(503, IssueType.TRANSIENT, e.getMessage());
        }
        if (answer instanceof ChildSearches.Found found) {
            return found.rows().stream().map(FhirResources::patient).toList();
        }
        if (answer instanceof ChildSearches.NeedsDetail needs) {
            Map<String, String> problems = needs.problems();
            String message = String.join("; ", problems.values());
            if (problems.containsKey("nhsNumber") || problems.containsKey("upn")) {
                throw Outcomes.forbidden(message);
            }
            throw Outcomes.invalid(IssueType.REQUIRED, message);
        }
        if (answer instanceof ChildSearches.NotLive notLive) {
            throw Outcomes.forbidden(notLive.message());
        }
        throw Outcomes.invalid(IssueType.TOOCOSTLY,
                "Too many possible matches: add more detail, such as the given name or the postcode.");
    }

    /** A string parameter's value; the modifiers (exact, contains, missing) are refused, as search is fuzzy. */
    static String plain(StringParam param, String name) {
        if (param == null) {
            return null;
        }
        if (param.isExact() || param.isContains() || param.getMissing() != null) {
            throw Outcomes.invalid(IssueType.NOTSUPPORTED, name + ": modifiers are not supported (search is fuzzy)");
        }
        return param.getValue();
    }

    /** The date of birth: one whole day, in the past and within the last 25 years (the web form's rule). */
    static LocalDate birthDate(DateParam param) {
        if (param.getPrefix() != null && param.getPrefix() != ParamPrefixEnum.EQUAL || param.getValue() == null
                || param.getPrecision() != TemporalPrecisionEnum.DAY) {
            throw Outcomes.invalid(IssueType.VALUE, "birthdate must be one whole date, as 2015-03-27");
        }
        LocalDate dob;
        try {
            String value = param.getValueAsString();
            dob = LocalDate.parse(value.length() > 10 ? value.substring(0, 10) : value);
        } catch (java.time.DateTimeException | IndexOutOfBoundsException e) {
            // A date HAPI read (for example year 0 or a negative year) that is no calendar day of ours.
            throw Outcomes.invalid(IssueType.VALUE, "birthdate must be one whole date, as 2015-03-27");
        }
        LocalDate today = LocalDate.now(LONDON);
        if (dob.isAfter(today) || dob.isBefore(today.minusYears(25))) {
            throw Outcomes.invalid(IssueType.VALUE, "Date of birth must be in the past, and within the last 25 years");
        }
        return dob;
    }
}
