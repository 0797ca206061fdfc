package uk.contactpoint.directory;

import java.time.LocalDate;

/**
 * One entry a practitioner holds on a child (recorded by them, or a team entry of their organisation):
 * what "My children" lists. {@code asOf} is the day it was last confirmed; {@code recordedBy} is null for a feed's entries.
 */
public record HeldInvolvement(long involvementId, long childId, boolean leadProfessional, boolean cafHolder,
                              LocalDate asOf, LocalDate startDate, LocalDate endDate, ServiceType serviceType,
                              String teamName, Long recordedBy) {
}
