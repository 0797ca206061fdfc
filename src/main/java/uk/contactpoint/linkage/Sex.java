package uk.contactpoint.linkage;

import java.util.Locale;

/** Sex as recorded by a source; {@link #UNKNOWN} when blank, not specified or unreadable. */
public enum Sex {
    MALE, FEMALE, UNKNOWN;

    /** Reads M, F, male, female in any case (surrounding space ignored); anything else is {@link #UNKNOWN}. */
    public static Sex parse(String text) {
        if (text == null) {
            return UNKNOWN;
        }
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "m", "male" -> MALE;
            case "f", "female" -> FEMALE;
            default -> UNKNOWN;
        };
    }
}
