package uk.contactpoint.directory;

import java.time.LocalDate;
import java.util.List;

/**
 * Everything the directory holds about one child, as stored. Never shown as it is: every output passes
 * through the safeguards module's disclosure policy first. {@link #toString()} carries no personal data.
 */
public record ChildRecord(long id, ContactPointId contactPointId, PersonName name, List<OtherName> otherNames,
                          LocalDate dateOfBirth, Gender gender, Whereabouts whereabouts, Address address,
                          LocalDate dateOfDeath, EducationStatus educationStatus, LocalAuthority responsibleLa,
                          RecordStatus status, boolean shielded, LocalDate archivedOn, List<Carer> carers,
                          List<Setting> settings, List<Involvement> involvements,
                          List<SourceIdentifier> identifiers, List<Provenance> provenance) {

    public ChildRecord {
        otherNames = List.copyOf(otherNames);
        carers = List.copyOf(carers);
        settings = List.copyOf(settings);
        involvements = List.copyOf(involvements);
        identifiers = List.copyOf(identifiers);
        provenance = List.copyOf(provenance);
    }

    @Override
    public String toString() {
        return "ChildRecord[id=" + id + ", status=" + status + ", shielded=" + shielded + "]";
    }
}
