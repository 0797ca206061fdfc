package uk.contactpoint.safeguards;

import java.time.LocalDate;

import uk.contactpoint.directory.Organisation;
import uk.contactpoint.directory.ServiceType;

/**
 * An involvement as a viewer may see it. A masked one says only that a sensitive service is involved:
 * not which service, not who; the LA management team brokers contact. {@code id} identifies the entry for
 * the actions a viewer may take on it (0 when masked); {@code mine} says the viewer may act on it as its
 * practitioner (they recorded it, or it is a team entry of their organisation).
 */
public record DisclosedInvolvement(long id, boolean masked, ServiceType serviceType, Organisation organisation,
                                   String practitionerName, String teamName, String role, String phone, String email,
                                   LocalDate startDate, LocalDate endDate, boolean leadProfessional,
                                   boolean cafHolder, boolean mine, String endedReason) {

    public static final String MASKED_LABEL = "A sensitive service is involved";

    static DisclosedInvolvement maskedEntry() {
        return new DisclosedInvolvement(0, true, null, null, null, null, null, null, null, null, null, false, false, false, null);
    }

    @Override
    public String toString() {
        return "DisclosedInvolvement[masked=" + masked + "]";
    }
}
