package uk.contactpoint.directory;

import java.util.Objects;
import java.util.random.RandomGenerator;
import java.util.regex.Pattern;

/**
 * The directory's own number for a child: 12 digits, the first 1-9 and the last a Damm check digit over the
 * first 11. These numbers are read out over the phone and retyped, so Damm was chosen over Luhn (which misses
 * the 09/90 transposition) and modulus 11 (which leaves some bodies with no valid check digit): it catches
 * every single-digit substitution and every adjacent transposition.
 *
 * @param value the 12 plain digits
 */
public record ContactPointId(String value) {

    private static final String FIELD = "ContactPoint ID";
    // String.strip() and isBlank() miss the non-breaking spaces that come with text pasted from documents.
    private static final Pattern SURROUNDING_SPACE = Pattern.compile("^[\\s\\h]+|[\\s\\h]+$");
    private static final int LENGTH = 12;
    private static final long MIN_BODY = 10_000_000_000L;
    private static final long MAX_BODY = 99_999_999_999L;

    // Horizontal whitespace (not just ' ') because numbers pasted from documents often carry non-breaking spaces.
    private static final Pattern DIGITS_WITH_SEPARATORS = Pattern.compile("[0-9]+(?:[\\h-]+[0-9]+)*");
    private static final Pattern SEPARATORS = Pattern.compile("[\\h-]+");

    // The published order-10 weakly totally anti-symmetric quasigroup (Damm, 2004); any other table
    // would quietly lose the transposition guarantee.
    private static final int[][] DAMM = {
            {0, 3, 1, 7, 5, 9, 8, 6, 4, 2},
            {7, 0, 9, 2, 1, 5, 4, 8, 6, 3},
            {4, 2, 0, 6, 8, 7, 1, 3, 5, 9},
            {1, 7, 5, 0, 9, 8, 3, 4, 2, 6},
            {6, 1, 2, 3, 0, 4, 5, 9, 7, 8},
            {3, 6, 7, 4, 2, 0, 9, 5, 8, 1},
            {5, 8, 6, 9, 7, 2, 0, 1, 3, 4},
            {8, 9, 4, 5, 3, 6, 2, 0, 1, 7},
            {9, 4, 3, 8, 6, 1, 7, 2, 0, 5},
            {2, 5, 8, 1, 4, 3, 6, 7, 9, 0},
    };

    public ContactPointId {
        String trimmed = value == null ? "" : SURROUNDING_SPACE.matcher(value).replaceAll("");
        if (trimmed.isEmpty()) {
            throw new InvalidValueException(FIELD, "is required; enter the child's 12-digit ContactPoint ID");
        }
        if (!DIGITS_WITH_SEPARATORS.matcher(trimmed).matches()) {
            throw new InvalidValueException(FIELD,
                    "must contain only digits, optionally grouped with spaces or hyphens");
        }
        String digits = SEPARATORS.matcher(trimmed).replaceAll("");
        if (digits.length() != LENGTH) {
            throw new InvalidValueException(FIELD, "must be 12 digits long");
        }
        if (digits.charAt(0) == '0') {
            throw new InvalidValueException(FIELD, "cannot start with 0; check the first digit");
        }
        if (dammInterim(digits) != 0) {
            throw new InvalidValueException(FIELD,
                    "the check digit does not match; check each digit was typed correctly");
        }
        value = digits;
    }

    /** A random valid id; uniqueness is the caller's concern (11 random digits give 9 x 10^10 possibilities). */
    public static ContactPointId generate(RandomGenerator random) {
        Objects.requireNonNull(random, "random");
        return withCheckDigit(random.nextLong(MIN_BODY, MAX_BODY + 1));
    }

    /**
     * A deterministic id for the {@code n}th record, for seeded fixtures and migrations that must produce
     * the same ids on every run.
     *
     * @param n from 0 to 89,999,999,999
     */
    public static ContactPointId fromSequence(long n) {
        if (n < 0 || n > MAX_BODY - MIN_BODY) {
            throw new InvalidValueException(FIELD, "sequence number must be between 0 and " + (MAX_BODY - MIN_BODY));
        }
        return withCheckDigit(MIN_BODY + n);
    }

    /** Grouped in fours, as printed on letters and read out on the phone: "1234 5678 9012". */
    public String formatted() {
        return value.substring(0, 4) + " " + value.substring(4, 8) + " " + value.substring(8);
    }

    @Override
    public String toString() {
        return value;
    }

    private static ContactPointId withCheckDigit(long body) {
        String digits = Long.toString(body);
        return new ContactPointId(digits + dammInterim(digits));
    }

    private static int dammInterim(String digits) {
        int interim = 0;
        for (int i = 0; i < digits.length(); i++) {
            interim = DAMM[interim][digits.charAt(i) - '0'];
        }
        return interim;
    }
}
