package uk.contactpoint.safeguards;

import uk.contactpoint.directory.Address;
import uk.contactpoint.directory.PersonName;
import uk.contactpoint.directory.Relationship;

/** A parent or carer as a viewer may see them: on a restricted record, the name alone. */
public record DisclosedCarer(PersonName name, Relationship relationship, Boolean parentalResponsibility,
                             Address address, String phone, String email) {

    @Override
    public String toString() {
        return "DisclosedCarer";
    }
}
