package uk.contactpoint.search;

import java.time.LocalDate;

import uk.contactpoint.directory.Gender;

/**
 * What a new record says about a child, as the duplicate check compares it with the directory: names, date of
 * birth, sex, address and identifiers (NHS number and UPN as their value objects normalise them). Any field
 * but the family name and date of birth may be null. {@link #toString()} prints no personal data.
 */
public record ChildParticulars(String givenName, String familyName, LocalDate dateOfBirth, Gender gender,
                               String postcode, String addressLine1, String town, String nhsNumber, String upn) {

    @Override
    public String toString() {
        return "ChildParticulars[postcode=" + (postcode != null) + ", nhs=" + (nhsNumber != null) + ", upn="
                + (upn != null) + "]";
    }
}
