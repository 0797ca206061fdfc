package uk.contactpoint.directory;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A DfE Unique Pupil Number: a check letter, then a 3-digit local authority number, a 4-digit establishment
 * number, the 2-digit year of issue and a 3-character serial. A permanent UPN ends in a digit; a temporary
 * one, issued while a school waits for the pupil's permanent UPN, ends in a letter.
 *
 * @param value the 13 characters, upper case
 */
public record Upn(String value) {

    private static final String FIELD = "UPN";
    private static final int LENGTH = 13;

    // No I, O or S: they are too easily misread as 1, 0 and 5 on handwritten forms.
    private static final String CHECK_LETTERS = "ABCDEFGHJKLMNPQRTUVWXYZ";

    private static final Pattern WHITESPACE = Pattern.compile("[\\s\\h]+");
    // Restricted to ASCII before upper-casing, because Unicode case mapping turns some non-Latin letters
    // (dotless i, long s) into A-Z and would let lookalike input through.
    private static final Pattern ASCII_ALPHANUMERIC = Pattern.compile("[A-Za-z0-9]+");
    private static final Pattern SHAPE = Pattern.compile("[A-Z][0-9]{11}[0-9A-Z]");

    public Upn {
        String compact = value == null ? "" : WHITESPACE.matcher(value).replaceAll("");
        if (compact.isEmpty()) {
            throw new InvalidValueException(FIELD, "is required; enter the pupil's 13-character UPN");
        }
        if (!ASCII_ALPHANUMERIC.matcher(compact).matches()) {
            throw new InvalidValueException(FIELD, "must contain only letters and digits");
        }
        compact = compact.toUpperCase(Locale.ROOT);
        if (compact.length() != LENGTH) {
            throw new InvalidValueException(FIELD, "must be 13 characters long");
        }
        if (!SHAPE.matcher(compact).matches()) {
            throw new InvalidValueException(FIELD,
                    "must be a check letter followed by 11 digits and a final digit or letter");
        }
        char last = compact.charAt(LENGTH - 1);
        if (Character.isLetter(last) && CHECK_LETTERS.indexOf(last) < 0) {
            throw new InvalidValueException(FIELD,
                    "a temporary UPN cannot end in I, O or S; check whether it is the digit 1, 0 or 5");
        }
        if (compact.charAt(0) != checkLetter(compact.substring(1))) {
            throw new InvalidValueException(FIELD,
                    "the check letter does not match; check each character was typed correctly");
        }
        value = compact;
    }

    /**
     * A permanent UPN from its parts, each zero-padded to its width.
     *
     * @param laNumber      the DfE local authority number, 0-999
     * @param establishment the DfE establishment number, 0-9999
     * @param year2         the last two digits of the year of issue, 0-99
     * @param serial        the serial number within the school and year, 0-999
     */
    public static Upn of(int laNumber, int establishment, int year2, int serial) {
        requireRange(laNumber, 999, "local authority number");
        requireRange(establishment, 9999, "establishment number");
        requireRange(year2, 99, "year");
        requireRange(serial, 999, "serial number");
        String body = String.format(Locale.ROOT, "%03d%04d%02d%03d", laNumber, establishment, year2, serial);
        return new Upn(checkLetter(body) + body);
    }

    @Override
    public String toString() {
        return value;
    }

    private static void requireRange(int part, int max, String name) {
        if (part < 0 || part > max) {
            throw new InvalidValueException(FIELD, "the " + name + " must be between 0 and " + max);
        }
    }

    /** The check letter for the 12 characters after it; they sit at positions 2 to 13 and take those weights. */
    private static char checkLetter(String body) {
        int sum = 0;
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            int characterValue = Character.isDigit(c) ? c - '0' : CHECK_LETTERS.indexOf(c);
            sum += characterValue * (i + 2);
        }
        return CHECK_LETTERS.charAt(sum % CHECK_LETTERS.length());
    }
}
