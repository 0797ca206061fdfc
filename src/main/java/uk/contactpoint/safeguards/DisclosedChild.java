package uk.contactpoint.safeguards;

import java.time.LocalDate;
import java.util.List;

import uk.contactpoint.directory.Address;
import uk.contactpoint.directory.ContactPointId;
import uk.contactpoint.directory.EducationStatus;
import uk.contactpoint.directory.Gender;
import uk.contactpoint.directory.OtherName;
import uk.contactpoint.directory.PersonName;
import uk.contactpoint.directory.Setting;
import uk.contactpoint.directory.SourceIdentifier;
import uk.contactpoint.directory.Whereabouts;

/**
 * A child record as one viewer may see it: the only shape in which child data leaves the service.
 * When {@code restricted} (a shielded record and a viewer without the right to see past the shield), only
 * the identity fields and the carers' names are filled; everything else is null or empty.
 */
public record DisclosedChild(long id, ContactPointId contactPointId, PersonName name, List<OtherName> otherNames,
                             LocalDate dateOfBirth, Gender gender, boolean restricted, Whereabouts whereabouts,
                             Address address, LocalDate dateOfDeath, EducationStatus educationStatus,
                             String localAuthorityName, String emergencyDutyPhone, List<DisclosedCarer> carers,
                             List<Setting> settings, List<DisclosedInvolvement> involvements,
                             List<SourceIdentifier> identifiers) {

    public DisclosedChild {
        otherNames = List.copyOf(otherNames);
        carers = List.copyOf(carers);
        settings = List.copyOf(settings);
        involvements = List.copyOf(involvements);
        identifiers = List.copyOf(identifiers);
    }

    /** Whether any involvement is shown only as "a sensitive service is involved". */
    public boolean sensitiveServiceInvolved() {
        return involvements.stream().anyMatch(DisclosedInvolvement::masked);
    }

    @Override
    public String toString() {
        return "DisclosedChild[id=" + id + ", restricted=" + restricted + "]";
    }
}
