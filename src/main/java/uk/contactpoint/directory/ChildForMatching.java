package uk.contactpoint.directory;

import java.time.LocalDate;
import java.util.List;

/**
 * The identifying fields of a child that matching and search compare, without carers, settings or
 * involvements: cheap to load for many candidates. Like a {@link ChildRecord}, never shown to anyone
 * without the disclosure policy.
 */
public record ChildForMatching(long id, ContactPointId contactPointId, String givenName, String middleNames,
                               String familyName, List<String> otherFamilyNames, LocalDate dateOfBirth, Gender gender,
                               String postcode, String addressLine1, String town, String responsibleLa,
                               boolean shielded, RecordStatus status, List<SourceIdentifier> identifiers) {

    public ChildForMatching {
        otherFamilyNames = List.copyOf(otherFamilyNames);
        identifiers = List.copyOf(identifiers);
    }

    @Override
    public String toString() {
        return "ChildForMatching[id=" + id + "]";
    }
}
