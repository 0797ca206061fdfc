package uk.contactpoint.directory;

import java.time.Instant;

/**
 * One value of a child's record changed by hand: the field (a column of the child: given_name, family_name,
 * date_of_birth, gender, whereabouts, address_line1, ...), the value before and after, the source of the new
 * value, who changed it, when and why. The old value is kept only here. For a shielded child the old and new
 * values of an address field are held only in {@code sealed} (ADR 26).
 */
public record Amendment(String field, String oldValue, String newValue, String source, String amendedBy,
                        Instant amendedAt, String reason, long id, String sealed) {

    /** An amendment held in the clear. */
    public Amendment(String field, String oldValue, String newValue, String source, String amendedBy, Instant amendedAt,
                     String reason) {
        this(field, oldValue, newValue, source, amendedBy, amendedAt, reason, 0, null);
    }

    /** The address fields whose old and new values are sealed while the child is shielded (ADR 26). */
    public static final java.util.Set<String> ADDRESS_FIELDS = java.util.Set.copyOf(SealedValues.CHILD);

    /** This amendment with its sealed old and new values opened. */
    public Amendment opened(String openedOld, String openedNew) {
        return new Amendment(field, openedOld, openedNew, source, amendedBy, amendedAt, reason, id, null);
    }

    @Override
    public String toString() {
        return "Amendment[field=" + field + ", source=" + source + "]";
    }
}
