package uk.contactpoint.ingest;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import uk.contactpoint.directory.NhsNumber;
import uk.contactpoint.directory.ServiceType;
import uk.contactpoint.directory.Upn;
import uk.contactpoint.linkage.Identifier;
import uk.contactpoint.linkage.LinkageRecord;
import uk.contactpoint.linkage.Sex;

/**
 * One valid row of a feed, trimmed, with its values read into types. Empty fields are null. The parts that
 * only one source supplies ({@link #school}, {@link #gp}, {@link #involvement}, {@link #birth}, {@link
 * #claimant}) are null for the other sources. {@link #toString()} prints no personal data.
 *
 * @param source         the feed it came from
 * @param row            the 1-based data row (the header is row 0), as the supplier counts it
 * @param name           the child's names
 * @param dateOfBirth    the child's date of birth (always present: a row without one is rejected)
 * @param sex            as the source recorded it; {@link Sex#UNKNOWN} for U or blank
 * @param address        the child's address (for births, the mother's at registration); null when the row has none
 * @param nhsNumber      the NHS number (nhs-demographics only)
 * @param upn            the Unique Pupil Number (school-census only)
 * @param sourceRecordId the supplier's own record id: registration_id, claim_id or record_id
 * @param dateOfDeath    the date of death (nhs-demographics only)
 */
public record FeedRecord(FeedSource source, long row, ChildName name, LocalDate dateOfBirth, Sex sex,
        FeedAddress address, NhsNumber nhsNumber, Upn upn, String sourceRecordId, LocalDate dateOfDeath,
        SchoolPlacement school, GpRegistration gp, InvolvementDetails involvement, BirthRegistration birth,
        Claimant claimant) implements FeedRow {

    /** The child's names; forename may be null (a data gap, not an error). */
    public record ChildName(String forename, String middleNames, String surname, String preferredForename,
            String formerSurname) {
        @Override
        public String toString() {
            return "ChildName[forename=" + (forename != null) + ", surname=" + (surname != null) + "]";
        }
    }

    /**
     * An address as supplied. The postcode is normalised when it is a UK postcode; otherwise it is kept as the
     * supplier wrote it and {@code postcodeIsUk} is false, so it is still compared as a string in matching.
     */
    public record FeedAddress(String line1, String line2, String town, String postcode, boolean postcodeIsUk) {
        @Override
        public String toString() {
            return "FeedAddress[postcode=" + (postcode != null) + ", uk=" + postcodeIsUk + "]";
        }
    }

    /** school-census: the school by its URN, and when the pupil joined it. */
    public record SchoolPlacement(String urn, LocalDate entryDate) {
    }

    /** nhs-demographics: the GP practice by its ODS code, and when the child registered there. */
    public record GpRegistration(String practiceCode, LocalDate registrationDate) {
    }

    /** la-services: one practitioner's or team's involvement with the child. */
    public record InvolvementDetails(ServiceType serviceType, String organisationCode, String organisationName,
            String practitionerName, String teamName, String role, String phone, String email, LocalDate startDate,
            LocalDate endDate, boolean leadProfessional, boolean cafHolder, boolean sensitive, Consent consent) {
        @Override
        public String toString() {
            return "InvolvementDetails[serviceType=" + serviceType + ", organisation=" + organisationCode + "]";
        }
    }

    /** On what ground a sensitive service is recorded (DOMAIN.md section 4). */
    public enum Consent { CHILD, PARENT, SIGNIFICANT_HARM }

    /** births: the registration's own details. */
    public record BirthRegistration(String placeOfBirth, String motherForename, String motherSurname,
            String fatherForename, String fatherSurname, LocalDate registrationDate) {
        @Override
        public String toString() {
            return "BirthRegistration[father=" + (fatherSurname != null) + "]";
        }
    }

    /**
     * child-benefit: the claimant. The National Insurance number is a parent's identifier that the directory
     * may not hold (DOMAIN.md section 2): it is here only so that matching can use it in transit, must never be
     * persisted, and never appears in {@link #toString()}.
     */
    public record Claimant(String forename, String surname, String nationalInsuranceNumber) {
        @Override
        public String toString() {
            return "Claimant[forename=" + (forename != null) + ", surname=" + (surname != null)
                    + ", nino=(used in transit only, never stored)]";
        }
    }

    /**
     * The record as linkage reads it: the id is {@code source:row}, the given name the forename as supplied,
     * the address the two lines joined. Identifiers: the NHS number, the UPN, and the supplier's record id under
     * a kind named after the source, so that it only ever compares with the same source's ids. The claimant's NI
     * number is deliberately not included: it identifies a parent, not the child.
     */
    public LinkageRecord toLinkageRecord() {
        List<Identifier> identifiers = new ArrayList<>(2);
        if (nhsNumber != null) {
            identifiers.add(new Identifier("nhs_number", nhsNumber.value()));
        }
        if (upn != null) {
            identifiers.add(new Identifier("upn", upn.value()));
        }
        if (sourceRecordId != null) {
            identifiers.add(new Identifier(source.cliName() + "_" + source.identifierColumn(), sourceRecordId));
        }
        String postcode = address == null ? null : address.postcode();
        String lines = address == null ? null : join(address.line1(), address.line2());
        String town = address == null ? null : address.town();
        return new LinkageRecord(source.cliName() + ":" + row, name.forename(), name.surname(), dateOfBirth, sex,
                postcode, lines, town, identifiers);
    }

    private static String join(String a, String b) {
        if (a == null) {
            return b;
        }
        return b == null ? a : a + " " + b;
    }

    /** Never prints personal data: which source and row, and which parts are present. */
    @Override
    public String toString() {
        return "FeedRecord[source=" + source.cliName() + ", row=" + row + ", " + name + ", address="
                + (address != null) + ", nhsNumber=" + (nhsNumber != null) + ", upn=" + (upn != null) + "]";
    }
}
