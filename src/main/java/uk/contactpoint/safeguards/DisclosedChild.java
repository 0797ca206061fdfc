package uk.contactpoint.safeguards;

import java.time.LocalDate;
import java.util.List;

import uk.contactpoint.directory.Address;
import uk.contactpoint.directory.ContactPointId;
import uk.contactpoint.directory.EducationStatus;
import uk.contactpoint.directory.Gender;
import uk.contactpoint.directory.OtherName;
import uk.contactpoint.directory.PersonName;
import uk.contactpoint.directory.RecordStatus;
import uk.contactpoint.directory.Setting;
import uk.contactpoint.directory.SourceIdentifier;
import uk.contactpoint.directory.Whereabouts;

/**
 * A child record as one viewer may see it: the only shape in which child data leaves the service.
 * When {@code restricted} (a shielded record and a viewer without the right to see past the shield), only
 * the identity fields and the carers' names are filled, with the viewer's own entries (they know of them);
 * everything else is null or empty. Ended involvements are listed apart; sensitive ended ones only for
 * those who may see them. {@code status} is LIVE, except for the management team of the responsible LA
 * looking at a suppressed old identity, and for the archive views ({@link DisclosurePolicy#applyArchived}).
 */
public record DisclosedChild(long id, ContactPointId contactPointId, PersonName name, List<OtherName> otherNames,
                             LocalDate dateOfBirth, Gender gender, boolean restricted, Whereabouts whereabouts,
                             Address address, LocalDate dateOfDeath, EducationStatus educationStatus,
                             String localAuthorityName, String emergencyDutyPhone, List<DisclosedCarer> carers,
                             List<Setting> settings, List<DisclosedInvolvement> involvements,
                             List<SourceIdentifier> identifiers, String contactPointTeamPhone,
                             List<DisclosedInvolvement> endedInvolvements, RecordStatus status) {

    public DisclosedChild {
        java.util.Objects.requireNonNull(status);
        otherNames = List.copyOf(otherNames);
        carers = List.copyOf(carers);
        settings = List.copyOf(settings);
        involvements = List.copyOf(involvements);
        identifiers = List.copyOf(identifiers);
        endedInvolvements = List.copyOf(endedInvolvements);
    }

    /** A live record as the viewer may see it. */
    public DisclosedChild(long id, ContactPointId contactPointId, PersonName name, List<OtherName> otherNames,
                          LocalDate dateOfBirth, Gender gender, boolean restricted, Whereabouts whereabouts,
                          Address address, LocalDate dateOfDeath, EducationStatus educationStatus,
                          String localAuthorityName, String emergencyDutyPhone, List<DisclosedCarer> carers,
                          List<Setting> settings, List<DisclosedInvolvement> involvements,
                          List<SourceIdentifier> identifiers, String contactPointTeamPhone,
                          List<DisclosedInvolvement> endedInvolvements) {
        this(id, contactPointId, name, otherNames, dateOfBirth, gender, restricted, whereabouts, address, dateOfDeath,
                educationStatus, localAuthorityName, emergencyDutyPhone, carers, settings, involvements, identifiers,
                contactPointTeamPhone, endedInvolvements, RecordStatus.LIVE);
    }

    /** The old identity of a child given a new one: shown only to its LA's management team. */
    public boolean suppressed() {
        return status == RecordStatus.SUPPRESSED;
    }

    public boolean archived() {
        return status == RecordStatus.ARCHIVED;
    }

    /** The viewer's own current entries (recorded by them, or a team entry of their organisation). */
    public List<DisclosedInvolvement> myInvolvements() {
        return involvements.stream().filter(DisclosedInvolvement::mine).toList();
    }

    /** Whether any involvement is shown only as "a sensitive service is involved". */
    public boolean sensitiveServiceInvolved() {
        return involvements.stream().anyMatch(DisclosedInvolvement::masked);
    }

    @Override
    public String toString() {
        return "DisclosedChild[id=" + id + ", restricted=" + restricted + ", status=" + status + "]";
    }
}
