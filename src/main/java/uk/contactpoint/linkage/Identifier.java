package uk.contactpoint.linkage;

import java.util.Locale;
import java.util.Objects;

/**
 * An identifier from a source system: a kind (such as {@code nhs_number}, a pupil number or a supplier's
 * record id) and its value. Kinds are compared only with the same kind. The value is normalised: upper case,
 * without spaces, hyphens or other separators.
 */
public record Identifier(String kind, String value) {

    /** How far a value can be trusted as evidence. */
    public enum Validity {
        /** Passes a check digit (an NHS number): a different verified value of the same kind is a different person. */
        VERIFIED,
        /** Well formed, but the kind has no check digit: a typo yields another well-formed value. */
        PLAUSIBLE,
        /** Fails its check or is a placeholder (all one character); ignored in matching. */
        INVALID
    }

    public Identifier {
        Objects.requireNonNull(kind, "kind");
        kind = kind.trim().toLowerCase(Locale.ROOT);
        value = value == null ? "" : normalise(value);
    }

    public Validity validity() {
        if (value.isEmpty() || allOneCharacter(value)) {
            return Validity.INVALID;
        }
        if (isNhsKind(kind)) {
            return isValidNhsNumber(value) ? Validity.VERIFIED : Validity.INVALID;
        }
        return Validity.PLAUSIBLE;
    }

    /** Never prints the value: identifiers are personal data and must not reach a log line. */
    @Override
    public String toString() {
        return "Identifier[kind=" + kind + ", value=(" + value.length() + " characters)]";
    }

    static boolean isNhsKind(String kind) {
        return kind.contains("nhs");
    }

    /** DOMAIN.md: 10 digits, weights 10..2 on the first nine, check = 11 - (sum mod 11), 11 -> 0, 10 invalid. */
    static boolean isValidNhsNumber(String digits) {
        if (digits.length() != 10) {
            return false;
        }
        int sum = 0;
        for (int i = 0; i < 10; i++) {
            char c = digits.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
            if (i < 9) {
                sum += (c - '0') * (10 - i);
            }
        }
        int check = 11 - sum % 11;
        if (check == 11) {
            check = 0;
        }
        return check != 10 && check == digits.charAt(9) - '0';
    }

    private static String normalise(String value) {
        StringBuilder out = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isLetterOrDigit(c)) {
                out.append(Character.toUpperCase(c));
            } else if (c == '@' || c == '.' || c == '_') {
                // e-mail addresses and dotted ids keep their structure
                out.append(c);
            }
        }
        return out.toString();
    }

    private static boolean allOneCharacter(String value) {
        for (int i = 1; i < value.length(); i++) {
            if (value.charAt(i) != value.charAt(0)) {
                return false;
            }
        }
        return value.length() > 1;
    }
}
