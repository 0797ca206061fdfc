package uk.contactpoint.directory;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An address as the exclusion register knows it (ADR 22): the first line, normalised (upper case, letters and
 * digits only, single spaces, common street abbreviations spelt out), and the postcode, normalised. An entry
 * covers an address with the same postcode whose first line is the entry's or ends with it (a flat in an
 * excluded building: an entry for 10 High Street covers Flat 2, 10 High Street).
 */
public record AddressKey(String line1, String postcode) {

    private static final Pattern NOT_ALPHANUMERIC = Pattern.compile("[^A-Z0-9]+");
    private static final Map<String, String> ABBREVIATIONS = Map.ofEntries(Map.entry("RD", "ROAD"),
            Map.entry("AVE", "AVENUE"), Map.entry("AV", "AVENUE"), Map.entry("LN", "LANE"), Map.entry("DR", "DRIVE"),
            Map.entry("CL", "CLOSE"), Map.entry("CRES", "CRESCENT"), Map.entry("GDNS", "GARDENS"),
            Map.entry("PL", "PLACE"), Map.entry("SQ", "SQUARE"), Map.entry("TER", "TERRACE"), Map.entry("TERR", "TERRACE"),
            Map.entry("CT", "COURT"), Map.entry("GRN", "GREEN"), Map.entry("GR", "GROVE"));

    public AddressKey {
        if (line1 == null || line1.isBlank() || postcode == null || postcode.isBlank()) {
            throw new IllegalArgumentException("An excluded address needs its first line and postcode");
        }
    }

    /** The key of an address, or empty when it has no first line or no valid postcode. */
    public static Optional<AddressKey> of(String line1, String postcode) {
        String line = normalise(line1);
        if (line.isEmpty() || postcode == null || postcode.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new AddressKey(line, new Postcode(postcode).value()));
        } catch (InvalidValueException e) {
            return Optional.empty();
        }
    }

    /** The key of a stored address, or empty. */
    public static Optional<AddressKey> of(Address address) {
        return address == null || address.postcode() == null ? Optional.empty()
                : of(address.line1(), address.postcode().value());
    }

    static String normalise(String line1) {
        if (line1 == null) {
            return "";
        }
        String[] words = NOT_ALPHANUMERIC.matcher(line1.toUpperCase(Locale.ROOT)).replaceAll(" ").trim().split(" ");
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < words.length; i++) {
            String w = words[i];
            if (w.isEmpty()) {
                continue;
            }
            // ST is STREET at the end of a line; elsewhere it is usually SAINT (St Mary's Road), left as it is.
            String full = w.equals("ST") && i == words.length - 1 && i > 0 ? "STREET" : ABBREVIATIONS.getOrDefault(w, w);
            out.append(out.isEmpty() ? "" : " ").append(full);
        }
        return out.toString();
    }

    /** Whether this register entry covers that address. */
    public boolean covers(AddressKey address) {
        return postcode.equals(address.postcode())
                && (line1.equals(address.line1()) || address.line1().endsWith(" " + line1));
    }

    /** Carries no personal data (a refuge's address is as sensitive as a child's). */
    @Override
    public String toString() {
        return "AddressKey[...]";
    }
}
