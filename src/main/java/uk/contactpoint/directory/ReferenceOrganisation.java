package uk.contactpoint.directory;

import java.time.LocalDate;

/**
 * An organisation as a published reference file describes it: a school from DfE's Get Information about Schools
 * (code: URN) or a GP practice from the NHS Organisation Data Service (code: ODS code). Not personal data.
 *
 * @param settingType    what kind of setting, in the publisher's words (an establishment type and phase)
 * @param localAuthority the authority it serves, when the file says or its postcode tells; null when unknown
 * @param closed         closed by the publisher (it stays in the directory: children's past settings point at it)
 */
public record ReferenceOrganisation(OrganisationKind kind, String code, String name, String settingType,
                                    Address address, String phone, LocalAuthorityCode localAuthority,
                                    LocalDate openedOn, boolean closed, LocalDate closedOn) {

    /** The sector staff of this kind of organisation work in. */
    public Sector sector() {
        return switch (kind) {
            case EDUCATION_SETTING -> Sector.EDUCATION;
            case GP_PRACTICE -> Sector.HEALTH;
            default -> throw new IllegalStateException("no reference file publishes organisations of kind " + kind);
        };
    }

    /** What a reference load did to the directory's organisation. */
    public enum Change { ADDED, UPDATED, UNCHANGED }
}
