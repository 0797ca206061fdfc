package uk.contactpoint.directory;

import java.time.LocalDate;

/** A child's education setting or GP practice, from a start date (and to an end date when left). */
public record Setting(long id, Kind kind, Organisation organisation, LocalDate startDate, LocalDate endDate,
                      String source, LocalDate asOf) {

    public enum Kind { EDUCATION, PRIMARY_CARE }

    public boolean current(LocalDate today) {
        return endDate == null || endDate.isAfter(today);
    }
}
