package uk.contactpoint.directory;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A UK postcode in its canonical form: upper case, with one space before the three-character inward code.
 *
 * <p>The pattern is deliberately permissive (any outward code of the general shape) rather than a list of
 * real districts: a stricter check would need updating whenever Royal Mail adds a district, and easily misses
 * irregular ones such as N1P or W1A, refusing real addresses.
 *
 * @param value the normalised postcode, for example "SW1A 1AA"
 */
public record Postcode(String value) {

    private static final String FIELD = "Postcode";
    private static final int INWARD_LENGTH = 3;

    private static final Pattern WHITESPACE = Pattern.compile("[\\s\\h]+");
    // Restricted to ASCII before upper-casing, because Unicode case mapping turns some non-Latin letters
    // (dotless i, long s) into A-Z and would let lookalike input through.
    private static final Pattern ASCII_ALPHANUMERIC = Pattern.compile("[A-Za-z0-9]+");
    private static final Pattern COMPACT_POSTCODE = Pattern.compile("[A-Z]{1,2}[0-9][A-Z0-9]?[0-9][A-Z]{2}");
    private static final Pattern LEADING_LETTERS = Pattern.compile("^[A-Z]+");

    public Postcode {
        String compact = value == null ? "" : WHITESPACE.matcher(value).replaceAll("");
        if (compact.isEmpty()) {
            throw new InvalidValueException(FIELD, "is required; enter a UK postcode such as SW1A 1AA");
        }
        if (!ASCII_ALPHANUMERIC.matcher(compact).matches()) {
            throw new InvalidValueException(FIELD, "must contain only letters, digits and spaces");
        }
        compact = compact.toUpperCase(Locale.ROOT);
        if (!COMPACT_POSTCODE.matcher(compact).matches()) {
            throw new InvalidValueException(FIELD, "must be a full UK postcode such as SW1A 1AA");
        }
        int split = compact.length() - INWARD_LENGTH;
        value = compact.substring(0, split) + " " + compact.substring(split);
    }

    /** The outward code, before the space: "SW1A". */
    public String outward() {
        return value.substring(0, value.indexOf(' '));
    }

    /** The postcode district, which is the outward code: "SW1A". */
    public String district() {
        return outward();
    }

    /** The postcode sector, the outward code and the first inward digit: "SW1A 1". */
    public String sector() {
        return value.substring(0, value.indexOf(' ') + 2);
    }

    /** The postcode area, the leading letters: "SW". */
    public String area() {
        var matcher = LEADING_LETTERS.matcher(value);
        if (!matcher.find()) {
            throw new IllegalStateException("a validated postcode always starts with a letter");
        }
        return matcher.group();
    }

    @Override
    public String toString() {
        return value;
    }
}
