package uk.contactpoint.linkage;

import java.time.LocalDate;
import java.util.List;

/**
 * One person record as a source gave it, before standardisation. Any field may be null (missing); the id is
 * the caller's and is never interpreted.
 */
public record LinkageRecord(String id, String givenName, String familyName, LocalDate dateOfBirth, Sex sex,
        String postcode, String address, String locality, List<Identifier> identifiers) {

    public LinkageRecord {
        sex = sex == null ? Sex.UNKNOWN : sex;
        identifiers = identifiers == null ? List.of() : List.copyOf(identifiers);
    }

    /** Never prints personal data: only the id and which fields are present. */
    @Override
    public String toString() {
        return "LinkageRecord[id=" + id + ", given=" + (givenName != null) + ", family=" + (familyName != null)
                + ", dob=" + (dateOfBirth != null) + ", postcode=" + (postcode != null) + ", identifiers="
                + identifiers.size() + "]";
    }
}
