package uk.contactpoint.directory;

import java.time.Instant;

/**
 * One value of a child's record changed by hand: the field (a column of the child: given_name, family_name,
 * date_of_birth, gender, whereabouts, address_line1, ...), the value before and after, the source of the new
 * value, who changed it, when and why. The old value is kept only here.
 */
public record Amendment(String field, String oldValue, String newValue, String source, String amendedBy,
                        Instant amendedAt, String reason) {

    @Override
    public String toString() {
        return "Amendment[field=" + field + ", source=" + source + "]";
    }
}
