package uk.contactpoint.directory;

import java.time.LocalDate;
import java.util.List;

/**
 * The identifying fields of a child that matching and search compare, without carers, settings or
 * involvements: cheap to load for many candidates. Like a {@link ChildRecord}, never shown to anyone
 * without the disclosure policy. A shielded child's address is held only in {@code sealedAddress} (ADR 26): the
 * fields are null, so search keys and scores never use it; ingest opens it through the safeguards module.
 */
public record ChildForMatching(long id, ContactPointId contactPointId, String givenName, String middleNames,
                               String familyName, List<String> otherFamilyNames, LocalDate dateOfBirth, Gender gender,
                               String postcode, String addressLine1, String town, String responsibleLa,
                               boolean shielded, RecordStatus status, List<SourceIdentifier> identifiers,
                               String sealedAddress) {

    public ChildForMatching {
        otherFamilyNames = List.copyOf(otherFamilyNames);
        identifiers = List.copyOf(identifiers);
    }

    /** A child whose address is held in the clear (or not at all). */
    public ChildForMatching(long id, ContactPointId contactPointId, String givenName, String middleNames,
                            String familyName, List<String> otherFamilyNames, LocalDate dateOfBirth, Gender gender,
                            String postcode, String addressLine1, String town, String responsibleLa,
                            boolean shielded, RecordStatus status, List<SourceIdentifier> identifiers) {
        this(id, contactPointId, givenName, middleNames, familyName, otherFamilyNames, dateOfBirth, gender, postcode,
                addressLine1, town, responsibleLa, shielded, status, identifiers, null);
    }

    /** This child with its address opened, for matching only. */
    public ChildForMatching withAddress(String openedPostcode, String openedLine1, String openedTown) {
        return new ChildForMatching(id, contactPointId, givenName, middleNames, familyName, otherFamilyNames, dateOfBirth,
                gender, openedPostcode, openedLine1, openedTown, responsibleLa, shielded, status, identifiers, null);
    }

    @Override
    public String toString() {
        return "ChildForMatching[id=" + id + "]";
    }
}
