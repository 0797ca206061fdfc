package uk.contactpoint.directory;

import java.util.Locale;
import java.util.Objects;
import java.util.random.RandomGenerator;
import java.util.regex.Pattern;

/**
 * An NHS number: 10 digits, the last a modulus 11 check digit over the first nine.
 *
 * @param value the 10 plain digits
 */
public record NhsNumber(String value) {

    private static final String FIELD = "NHS number";
    // String.strip() and isBlank() miss the non-breaking spaces that come with text pasted from documents.
    private static final Pattern SURROUNDING_SPACE = Pattern.compile("^[\\s\\h]+|[\\s\\h]+$");
    private static final int LENGTH = 10;

    // NHS numbers are usually written 3-3-4 and pasted from letters, so separators and non-breaking spaces
    // between digits are tolerated.
    private static final Pattern DIGITS_WITH_SEPARATORS = Pattern.compile("[0-9]+(?:[\\h-]+[0-9]+)*");
    private static final Pattern SEPARATORS = Pattern.compile("[\\h-]+");

    // The NHS reserves 999 xxx xxxx for test data: such numbers pass validation but are never issued, which
    // makes them safe for fixtures that might leak into logs or screenshots.
    private static final String SYNTHETIC_PREFIX = "999";
    private static final int NO_VALID_CHECK_DIGIT = 10;

    public NhsNumber {
        String trimmed = value == null ? "" : SURROUNDING_SPACE.matcher(value).replaceAll("");
        if (trimmed.isEmpty()) {
            throw new InvalidValueException(FIELD, "is required; enter the child's 10-digit NHS number");
        }
        if (!DIGITS_WITH_SEPARATORS.matcher(trimmed).matches()) {
            throw new InvalidValueException(FIELD,
                    "must contain only digits, optionally grouped with spaces or hyphens");
        }
        String digits = SEPARATORS.matcher(trimmed).replaceAll("");
        if (digits.length() != LENGTH) {
            throw new InvalidValueException(FIELD, "must be 10 digits long");
        }
        int expected = checkDigit(digits);
        if (expected == NO_VALID_CHECK_DIGIT) {
            throw new InvalidValueException(FIELD,
                    "is not a number the NHS issues (no check digit can make it valid); "
                            + "check each digit was typed correctly");
        }
        if (expected != digits.charAt(LENGTH - 1) - '0') {
            throw new InvalidValueException(FIELD,
                    "the check digit does not match; check each digit was typed correctly");
        }
        value = digits;
    }

    /** A random valid number in the never-issued 999 range, for test and demonstration data. */
    public static NhsNumber synthetic(RandomGenerator random) {
        Objects.requireNonNull(random, "random");
        while (true) {
            String body = SYNTHETIC_PREFIX + String.format(Locale.ROOT, "%06d", random.nextInt(1_000_000));
            int check = checkDigit(body);
            // About one body in eleven has no valid check digit; draw again rather than bias the digits.
            if (check != NO_VALID_CHECK_DIGIT) {
                return new NhsNumber(body + check);
            }
        }
    }

    /** True for numbers in the 999 range, which are valid but never issued to a real person. */
    public boolean isSynthetic() {
        return value.startsWith(SYNTHETIC_PREFIX);
    }

    /** The 3-3-4 grouping used by the NHS: "999 123 4567". */
    public String formatted() {
        return value.substring(0, 3) + " " + value.substring(3, 6) + " " + value.substring(6);
    }

    @Override
    public String toString() {
        return value;
    }

    /** The modulus 11 check digit over the first nine digits; 10 means no valid number has this body. */
    private static int checkDigit(String digits) {
        int sum = 0;
        for (int i = 0; i < 9; i++) {
            sum += (digits.charAt(i) - '0') * (10 - i);
        }
        int check = 11 - (sum % 11);
        return check == 11 ? 0 : check;
    }
}
