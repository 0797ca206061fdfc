package uk.contactpoint.directory;

import java.time.LocalDate;

/**
 * A service or practitioner working with a child, with the lead professional and CAF holder flags.
 * Never the reason for the involvement. {@code recordedBy} is the user who recorded it by hand (null when a
 * feed supplied it); for such entries {@code asOf} is the day it was last confirmed. {@code endedReason}
 * says why an ended involvement ended (ENDED, LAPSED, CONSENT_WITHDRAWN), null for current ones. A sensitive
 * involvement's details (practitioner, team, role, phone, email) are held only in {@code sealed} (ADR 26);
 * {@code practitionerNamed} says whether it names a practitioner (else it is a team entry) without saying who.
 */
public record Involvement(long id, ServiceType serviceType, Organisation organisation, String practitionerName,
                          String teamName, String role, String phone, String email, LocalDate startDate,
                          LocalDate endDate, boolean leadProfessional, boolean cafHolder, boolean sensitive,
                          String source, LocalDate asOf, Long recordedBy, String endedReason, String sealed,
                          boolean practitionerNamed) {

    /** An involvement whose details are held in the clear. */
    public Involvement(long id, ServiceType serviceType, Organisation organisation, String practitionerName,
                       String teamName, String role, String phone, String email, LocalDate startDate,
                       LocalDate endDate, boolean leadProfessional, boolean cafHolder, boolean sensitive,
                       String source, LocalDate asOf, Long recordedBy, String endedReason) {
        this(id, serviceType, organisation, practitionerName, teamName, role, phone, email, startDate, endDate,
                leadProfessional, cafHolder, sensitive, source, asOf, recordedBy, endedReason, null, practitionerName != null);
    }

    /** This involvement with its details opened. */
    public Involvement opened(String name, String team, String openedRole, String openedPhone, String openedEmail) {
        return new Involvement(id, serviceType, organisation, name, team, openedRole, openedPhone, openedEmail, startDate,
                endDate, leadProfessional, cafHolder, sensitive, source, asOf, recordedBy, endedReason, null, name != null);
    }

    public boolean current(LocalDate today) {
        return endDate == null || endDate.isAfter(today);
    }
}
