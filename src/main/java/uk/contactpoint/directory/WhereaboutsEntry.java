package uk.contactpoint.directory;

import java.time.LocalDate;

/**
 * A child of a list by whereabouts (the children who left England): the record with its identity, whereabouts
 * and education status only, and when and from which source its whereabouts was last recorded. Shown only
 * through the disclosure policy, as every record.
 */
public record WhereaboutsEntry(ChildRecord child, LocalDate since, String source) {

    @Override
    public String toString() {
        return "WhereaboutsEntry[" + child + "]";
    }
}
