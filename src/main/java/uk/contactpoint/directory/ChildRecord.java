package uk.contactpoint.directory;

import java.time.LocalDate;
import java.util.List;

/**
 * Everything the directory holds about one child, as stored. A shielded child's address is held only
 * encrypted ({@code sealedAddress}, with {@code address} null), as are carers' addresses and contacts and the
 * details of sensitive involvements: the safeguards module opens them for those who may see them (ADR 26). Never shown as it is: every output passes
 * through the safeguards module's disclosure policy first. {@link #toString()} carries no personal data.
 */
public record ChildRecord(long id, ContactPointId contactPointId, PersonName name, List<OtherName> otherNames,
                          LocalDate dateOfBirth, Gender gender, Whereabouts whereabouts, Address address,
                          LocalDate dateOfDeath, EducationStatus educationStatus, LocalAuthority responsibleLa,
                          RecordStatus status, boolean shielded, LocalDate archivedOn, List<Carer> carers,
                          List<Setting> settings, List<Involvement> involvements,
                          List<SourceIdentifier> identifiers, List<Provenance> provenance, String sealedAddress) {

    public ChildRecord {
        otherNames = List.copyOf(otherNames);
        carers = List.copyOf(carers);
        settings = List.copyOf(settings);
        involvements = List.copyOf(involvements);
        identifiers = List.copyOf(identifiers);
        provenance = List.copyOf(provenance);
    }

    /** A record whose address is held in the clear (or not at all). */
    public ChildRecord(long id, ContactPointId contactPointId, PersonName name, List<OtherName> otherNames,
                       LocalDate dateOfBirth, Gender gender, Whereabouts whereabouts, Address address,
                       LocalDate dateOfDeath, EducationStatus educationStatus, LocalAuthority responsibleLa,
                       RecordStatus status, boolean shielded, LocalDate archivedOn, List<Carer> carers,
                       List<Setting> settings, List<Involvement> involvements,
                       List<SourceIdentifier> identifiers, List<Provenance> provenance) {
        this(id, contactPointId, name, otherNames, dateOfBirth, gender, whereabouts, address, dateOfDeath, educationStatus,
                responsibleLa, status, shielded, archivedOn, carers, settings, involvements, identifiers, provenance, null);
    }

    /** Whether any value of the record is held only sealed (its address, a carer's, a sensitive involvement's details). */
    public boolean hasSealed() {
        return sealedAddress != null || carers.stream().anyMatch(c -> c.sealed() != null)
                || involvements.stream().anyMatch(i -> i.sealed() != null);
    }

    /** This record with its address, carers and involvements replaced (by their opened forms). */
    public ChildRecord withOpened(Address openedAddress, String stillSealedAddress, List<Carer> openedCarers,
                                  List<Involvement> openedInvolvements) {
        return new ChildRecord(id, contactPointId, name, otherNames, dateOfBirth, gender, whereabouts, openedAddress,
                dateOfDeath, educationStatus, responsibleLa, status, shielded, archivedOn, openedCarers, settings,
                openedInvolvements, identifiers, provenance, stillSealedAddress);
    }

    @Override
    public String toString() {
        return "ChildRecord[id=" + id + ", status=" + status + ", shielded=" + shielded + "]";
    }
}
