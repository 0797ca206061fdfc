package uk.contactpoint.directory;

import java.time.LocalDate;

/**
 * The identifying values of a child as a person corrected them by hand: names, date of birth, gender, and
 * the whereabouts with its address. {@code basedOnVersion} is the version of the record the person saw: a
 * record changed since then is not overwritten. {@link #toString()} prints no personal data.
 */
public record ChildCorrection(PersonName name, LocalDate dateOfBirth, Gender gender, Whereabouts whereabouts,
                              Address address, int basedOnVersion) {

    public ChildCorrection {
        if (whereabouts.hasAddress() && address == null) {
            throw new InvalidValueException("Address", "is required when the whereabouts is " + whereabouts.label().toLowerCase());
        }
        if (!whereabouts.hasAddress() && address != null) {
            throw new InvalidValueException("Address", "must be empty when the whereabouts is " + whereabouts.label().toLowerCase());
        }
    }

    @Override
    public String toString() {
        return "ChildCorrection[version=" + basedOnVersion + "]";
    }
}
