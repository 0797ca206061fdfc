package uk.contactpoint.linkage;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import org.apache.commons.codec.language.DoubleMetaphone;

/** Turns a {@link LinkageRecord} into a {@link Standardised} one. Thread-safe. */
final class Standardiser {

    // Permissive UK pattern (DOMAIN.md): real districts such as N1P must pass.
    private static final Pattern UK_POSTCODE = Pattern.compile("[A-Z]{1,2}[0-9][A-Z0-9]?[0-9][A-Z]{2}");

    /** Dates sources use for "unknown": never evidence that two records agree. */
    static final int[] PLACEHOLDER_DATES = {
        (int) LocalDate.of(1900, 1, 1).toEpochDay(), (int) LocalDate.of(1901, 1, 1).toEpochDay(),
        (int) LocalDate.of(1899, 12, 31).toEpochDay(), (int) LocalDate.of(1800, 1, 1).toEpochDay(),
        (int) LocalDate.of(9999, 12, 31).toEpochDay()};

    static final int ADDRESS_CHARS = 24;

    private final DoubleMetaphone metaphone = new DoubleMetaphone();
    private final Map<String, String> codes = new ConcurrentHashMap<>();
    private final NameVariants variants = NameVariants.get();

    Standardised standardise(LinkageRecord r) {
        Standardised s = new Standardised();
        s.givenTokens = Text.tokens(r.givenName());
        if (s.givenTokens.length > 0) {
            s.forename = s.givenTokens[0];
            s.forenameCode = code(s.forename);
            s.forenameChars = s.forename.toCharArray();
            s.forenameVariant = variants.id(s.forename);
        }
        s.familyTokens = Text.tokens(r.familyName());
        if (s.familyTokens.length > 0) {
            s.family = String.join("", s.familyTokens);
            s.familyCode = code(s.family);
            s.familyChars = s.family.toCharArray();
            s.familyTokenCodes = new String[s.familyTokens.length];
            s.familyTokenVariants = new int[s.familyTokens.length];
            for (int i = 0; i < s.familyTokens.length; i++) {
                s.familyTokenCodes[i] = code(s.familyTokens[i]);
                s.familyTokenVariants[i] = variants.id(s.familyTokens[i]);
            }
        }
        LocalDate dob = r.dateOfBirth();
        if (dob != null) {
            int day = (int) dob.toEpochDay();
            boolean placeholder = false;
            for (int p : PLACEHOLDER_DATES) {
                placeholder |= p == day;
            }
            if (!placeholder) {
                s.dob = day;
                s.year = dob.getYear();
                s.month = dob.getMonthValue();
                s.day = dob.getDayOfMonth();
                s.dobDigits = digits(s.year, s.month, s.day);
            }
        }
        s.sex = switch (r.sex()) {
            case MALE -> 1;
            case FEMALE -> 2;
            default -> 0;
        };
        postcode(s, r.postcode());
        s.address = Text.fold(r.address());
        if (s.address != null) {
            s.addressChars = s.address.substring(0, Math.min(ADDRESS_CHARS, s.address.length())).toCharArray();
        }
        s.locality = Text.fold(r.locality());
        if (s.locality != null) {
            s.localityChars = s.locality.toCharArray();
        }
        identifiers(s, r.identifiers());
        return s;
    }

    /** Double Metaphone primary code, cached: names repeat a great deal. */
    String code(String name) {
        return codes.computeIfAbsent(name, n -> {
            String c = metaphone.doubleMetaphone(n);
            return c == null || c.isEmpty() ? n : c;
        });
    }

    private static void postcode(Standardised s, String raw) {
        if (raw == null) {
            return;
        }
        StringBuilder compact = new StringBuilder(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (Character.isLetterOrDigit(c)) {
                compact.append(Character.toUpperCase(c));
            }
        }
        if (compact.length() == 0) {
            return;
        }
        String pc = compact.toString();
        if (UK_POSTCODE.matcher(pc).matches()) {
            s.ukPostcode = true;
            s.outward = pc.substring(0, pc.length() - 3);
            s.sector = s.outward + pc.charAt(pc.length() - 3);
            s.postcode = s.outward + ' ' + pc.substring(pc.length() - 3);
        } else {
            s.postcode = pc;
        }
    }

    private static void identifiers(Standardised s, List<Identifier> ids) {
        List<Identifier> usable = new ArrayList<>(ids.size());
        for (Identifier id : ids) {
            if (id.validity() != Identifier.Validity.INVALID) {
                usable.add(id);
            }
        }
        s.idKinds = new String[usable.size()];
        s.idValues = new String[usable.size()];
        s.idVerified = new boolean[usable.size()];
        for (int i = 0; i < usable.size(); i++) {
            s.idKinds[i] = usable.get(i).kind().intern();
            s.idValues[i] = usable.get(i).value();
            s.idVerified[i] = usable.get(i).validity() == Identifier.Validity.VERIFIED;
        }
    }

    private static String digits(int y, int m, int d) {
        char[] c = new char[8];
        int v = y;
        for (int i = 3; i >= 0; i--) {
            c[i] = (char) ('0' + Math.floorMod(v, 10));
            v /= 10;
        }
        c[4] = (char) ('0' + m / 10);
        c[5] = (char) ('0' + m % 10);
        c[6] = (char) ('0' + d / 10);
        c[7] = (char) ('0' + d % 10);
        return new String(c);
    }
}
