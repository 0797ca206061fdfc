package uk.contactpoint.practice;

import java.time.LocalDate;

import uk.contactpoint.directory.ServiceType;

/**
 * An involvement a practitioner records for themselves, or for their team ({@code teamName} set, with the
 * team's duty number as its phone). {@code ground} is required for a sensitive service and ignored for
 * others.
 */
public record NewEntry(LocalDate startDate, ServiceType serviceType, String role, String teamName, String phone,
                       String email, boolean cafHolder, EntryGround ground) {

    public boolean forTeam() {
        return teamName != null && !teamName.isBlank();
    }

    @Override
    public String toString() {
        return "NewEntry[" + serviceType + ", team=" + forTeam() + "]";
    }
}
