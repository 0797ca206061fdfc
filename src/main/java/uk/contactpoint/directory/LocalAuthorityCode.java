package uk.contactpoint.directory;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The ONS GSS code of an English upper-tier local authority, the bodies responsible for children's services:
 * a unitary authority (E06), metropolitan district (E08), London borough (E09) or county council (E10).
 * Lower-tier district councils (E07) are excluded because they have no children's services duty.
 *
 * @param value the 9-character code, upper case, for example "E09000033"
 */
public record LocalAuthorityCode(String value) {

    private static final String FIELD = "Local authority code";
    // String.strip() and isBlank() miss the non-breaking spaces that come with text pasted from documents.
    private static final Pattern SURROUNDING_SPACE = Pattern.compile("^[\\s\\h]+|[\\s\\h]+$");

    // Restricted to ASCII before upper-casing so that Unicode case mapping cannot produce a match.
    private static final Pattern ASCII_ALPHANUMERIC = Pattern.compile("[A-Za-z0-9]+");
    private static final Pattern UPPER_TIER_GSS = Pattern.compile("E(?:06|08|09|10)[0-9]{6}");

    public LocalAuthorityCode {
        String trimmed = value == null ? "" : SURROUNDING_SPACE.matcher(value).replaceAll("");
        if (trimmed.isEmpty()) {
            throw new InvalidValueException(FIELD, "is required; enter a 9-character GSS code such as E09000033");
        }
        if (!ASCII_ALPHANUMERIC.matcher(trimmed).matches()) {
            throw new InvalidValueException(FIELD, "must contain only letters and digits");
        }
        String code = trimmed.toUpperCase(Locale.ROOT);
        if (!UPPER_TIER_GSS.matcher(code).matches()) {
            throw new InvalidValueException(FIELD,
                    "must be the GSS code of an English upper-tier authority: E06, E08, E09 or E10 followed by "
                            + "6 digits, such as E09000033");
        }
        value = code;
    }

    @Override
    public String toString() {
        return value;
    }
}
