package uk.contactpoint.directory;

import java.time.LocalDate;

/**
 * A service or practitioner working with a child, with the lead professional and CAF holder flags.
 * Never the reason for the involvement.
 */
public record Involvement(long id, ServiceType serviceType, Organisation organisation, String practitionerName,
                          String teamName, String role, String phone, String email, LocalDate startDate,
                          LocalDate endDate, boolean leadProfessional, boolean cafHolder, boolean sensitive,
                          String source, LocalDate asOf) {

    public boolean current(LocalDate today) {
        return endDate == null || endDate.isAfter(today);
    }
}
