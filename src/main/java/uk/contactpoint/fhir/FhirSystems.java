package uk.contactpoint.fhir;

/**
 * The URIs that name ContactPoint's identifiers and codes in FHIR resources (ADR 39). They are names, never
 * fetched; clients match on them, so they never change once published.
 */
public final class FhirSystems {

    /** The base of every ContactPoint naming system. */
    public static final String BASE = "https://fhir.contactpoint.gov.uk";
    /** The ContactPoint ID (12 digits, Damm check digit): a child's identifier in the directory. */
    public static final String CONTACTPOINT_ID = BASE + "/Id/contactpoint-id";
    /** The NHS number, as NHS England names it: shown to, and searchable by, NHS staff only. */
    public static final String NHS_NUMBER = "https://fhir.nhs.uk/Id/nhs-number";
    /** The Unique Pupil Number: shown to education staff only. */
    public static final String UPN = BASE + "/Id/upn";
    /** A data supplier's own record id, followed by the supplier's code: shown to that supplier only. */
    public static final String SUPPLIER_RECORD = BASE + "/Id/supplier-record/";
    /** The URN of a school or other education setting (Get Information about Schools). */
    public static final String SCHOOL_URN = BASE + "/Id/school-urn";
    /** The ODS code of a GP practice or other NHS organisation, as NHS England names it. */
    public static final String ODS_CODE = "https://fhir.nhs.uk/Id/ods-organization-code";
    /** ContactPoint's own organisation codes (services, local authorities by GSS code, national partners). */
    public static final String ORGANISATION_CODE = BASE + "/Id/organisation-code";
    /** The kinds of service working with a child (children's social care, health visiting, ...). */
    public static final String SERVICE_TYPE = BASE + "/CodeSystem/service-type";
    /** What a CareTeam participant is to the child: lead professional, CAF holder, education setting, GP practice, masked. */
    public static final String CARE_ROLE = BASE + "/CodeSystem/care-role";
    /** How a parent or carer is related to the child, in ContactPoint's own terms (also given in v3 RoleCode where one fits). */
    public static final String RELATIONSHIP = BASE + "/CodeSystem/relationship";
    /** Where a child is: an address, or one of the states a record may hold instead (left England, no address known). */
    public static final String WHEREABOUTS = BASE + "/CodeSystem/whereabouts";
    /** The extension on Patient that carries the whereabouts. */
    public static final String WHEREABOUTS_EXTENSION = BASE + "/StructureDefinition/whereabouts";
    /** The HTTP header in which a FHIR client says why the practitioner opens a record. */
    public static final String REASON_HEADER = "ContactPoint-Reason-For-Access";

    private FhirSystems() {
    }
}
