package uk.contactpoint.safeguards;

import java.time.LocalDate;

import uk.contactpoint.directory.Organisation;
import uk.contactpoint.directory.ServiceType;

/**
 * An involvement as a viewer may see it. A masked one says only that a sensitive service is involved:
 * not which service, not who; the LA management team brokers contact.
 */
public record DisclosedInvolvement(boolean masked, ServiceType serviceType, Organisation organisation,
                                   String practitionerName, String teamName, String role, String phone, String email,
                                   LocalDate startDate, LocalDate endDate, boolean leadProfessional,
                                   boolean cafHolder) {

    public static final String MASKED_LABEL = "A sensitive service is involved";

    static DisclosedInvolvement maskedEntry() {
        return new DisclosedInvolvement(true, null, null, null, null, null, null, null, null, null, false, false);
    }

    @Override
    public String toString() {
        return "DisclosedInvolvement[masked=" + masked + "]";
    }
}
