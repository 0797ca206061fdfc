package uk.contactpoint.directory;

import java.util.ArrayList;
import java.util.List;

/**
 * The plaintext form of a sealed row's values before encryption: each value length-prefixed ({@code 5:Leeds}),
 * or {@code -} for none, so that any text, separators included, comes back as it went in. Also the row contexts
 * a ciphertext is bound to, and which columns each kind of row seals, in order.
 */
public final class SealedValues {

    /** The child's address columns sealed while the child is shielded. */
    public static final List<String> CHILD = List.of("address_line1", "address_line2", "town", "postcode");
    /** A carer's address and contact columns sealed while the child is shielded. */
    public static final List<String> CARER = List.of("address_line1", "address_line2", "town", "postcode", "phone", "email");
    /** A sensitive involvement's details, sealed always: who, which team, role and how to reach them. */
    public static final List<String> INVOLVEMENT = List.of("practitioner_name", "team_name", "role", "phone", "email");

    private SealedValues() {
    }

    public static String context(String table, long rowId) {
        return table + ":" + rowId;
    }

    public static String encode(String... values) {
        StringBuilder out = new StringBuilder();
        for (String v : values) {
            if (v == null) {
                out.append('-');
            } else {
                out.append(v.length()).append(':').append(v);
            }
        }
        return out.toString();
    }

    /** @throws IllegalArgumentException when the text is not what {@link #encode} makes */
    public static List<String> decode(String encoded) {
        List<String> values = new ArrayList<>();
        int i = 0;
        while (i < encoded.length()) {
            if (encoded.charAt(i) == '-') {
                values.add(null);
                i++;
                continue;
            }
            int colon = encoded.indexOf(':', i);
            if (colon < 0) {
                throw new IllegalArgumentException("Not sealed values");
            }
            int length = Integer.parseInt(encoded.substring(i, colon));
            if (length < 0 || colon + 1 + length > encoded.length()) {
                throw new IllegalArgumentException("Not sealed values");
            }
            values.add(encoded.substring(colon + 1, colon + 1 + length));
            i = colon + 1 + length;
        }
        return values;
    }

    /** Decodes values expecting a given number of them. */
    public static String[] decode(String encoded, int count) {
        List<String> values = decode(encoded);
        if (values.size() != count) {
            throw new IllegalArgumentException("Expected " + count + " sealed values, found " + values.size());
        }
        return values.toArray(new String[0]);
    }
}
