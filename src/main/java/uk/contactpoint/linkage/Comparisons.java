package uk.contactpoint.linkage;

/**
 * The comparison levels of each field, best first; a pair's levels are packed 4 bits per field into one long
 * (the pattern). {@link #NULL} (a field missing on either side) carries weight 0.
 */
final class Comparisons {

    static final int GIVEN = 0;
    static final int FAMILY = 1;
    static final int DOB = 2;
    static final int SEX = 3;
    static final int POSTCODE = 4;
    static final int ADDRESS = 5;
    static final int LOCALITY = 6;
    static final int IDENTIFIER = 7;
    static final int COLUMNS = 8;

    static final int NULL = 15;

    static final String[] COLUMN_NAMES = {"given_name", "family_name", "date_of_birth", "sex", "postcode",
        "address", "locality", "identifier"};

    static final String[][] LEVELS = {
        {"exact", "jaro_winkler_0.95", "jaro_winkler_0.88", "variant_or_nickname", "forename_is_middle_name",
            "phonetic", "initial", "swapped_with_family_name", "else"},
        {"exact", "jaro_winkler_0.95", "shared_token", "jaro_winkler_0.88", "variant", "phonetic", "else"},
        {"exact", "day_month_swapped", "one_edit", "within_a_month", "within_a_year", "else"},
        {"equal", "else"},
        {"exact", "sector", "district", "one_edit", "else"},
        {"exact", "jaro_winkler_0.92", "jaro_winkler_0.80", "else"},
        {"exact", "jaro_winkler_0.90", "else"},
        {"equal", "one_edit", "different"}};

    static final int GIVEN_EXACT = 0;
    static final int GIVEN_PHONETIC = 5;
    static final int GIVEN_SWAPPED = 7;
    static final int GIVEN_ELSE = 8;
    static final int FAMILY_PHONETIC = 5;
    static final int DOB_SWAPPED = 1;
    static final int FAMILY_EXACT = 0;
    static final int DOB_ELSE = 5;
    static final int SEX_ELSE = 1;
    static final int POSTCODE_EXACT = 0;
    static final int POSTCODE_ELSE = 4;
    static final int ADDRESS_ELSE = 3;
    static final int LOCALITY_ELSE = 2;
    static final int GIVEN_MIDDLE = 4;
    static final int LOCALITY_EXACT = 0;
    static final int IDENTIFIER_EQUAL = 0;
    static final int IDENTIFIER_TYPO = 1;

    private static final NameVariants VARIANTS = NameVariants.get();

    private Comparisons() {
    }

    static int level(long pattern, int column) {
        return (int) (pattern >>> (4 * column)) & 0xF;
    }

    static long pattern(Standardised a, Standardised b) {
        int given = given(a, b);
        int family = given == GIVEN_SWAPPED ? NULL : family(a, b);
        int postcode = postcode(a, b);
        int address = address(a, b);
        int locality = locality(a, b);
        // Where someone lives is one fact seen three times. After a move postcode, address and town all differ:
        // counting the three disagreements as independent evidence would outvote name and date of birth. So a
        // postcode that differs speaks for the address and town when they differ too, and a postcode that
        // agrees makes the town redundant.
        if (postcode == POSTCODE_ELSE) {
            address = address == ADDRESS_ELSE ? NULL : address;
            locality = locality == LOCALITY_ELSE ? NULL : locality;
        } else if (postcode == POSTCODE_EXACT) {
            locality = NULL;
        }
        return given
                | (long) family << 4
                | (long) dob(a, b) << 8
                | (long) sex(a, b) << 12
                | (long) postcode << 16
                | (long) address << 20
                | (long) locality << 24
                | (long) identifier(a, b) << 28;
    }

    static int given(Standardised a, Standardised b) {
        String fa = a.forename;
        String fb = b.forename;
        if (fa == null || fb == null) {
            return NULL;
        }
        if (fa.equals(fb)) {
            return 0;
        }
        double jw = Text.jaroWinkler(a.forenameChars, b.forenameChars);
        if (jw >= 0.95) {
            return 1;
        }
        if (jw >= 0.88) {
            return 2;
        }
        if (VARIANTS.forenameVariants(a.forenameVariant, b.forenameVariant)) {
            return 3;
        }
        // its own level: siblings often carry each other's names as middle names, so EM weighs it apart
        if (usesMiddleName(a, b) || usesMiddleName(b, a)) {
            return 4;
        }
        if (a.forenameCode.equals(b.forenameCode)) {
            return 5;
        }
        if ((fa.length() == 1 || fb.length() == 1) && fa.charAt(0) == fb.charAt(0)) {
            return 6;
        }
        // first letters must agree before the costlier similarity: swapped names are rarely also mistyped there
        if (a.family != null && b.family != null && fa.charAt(0) == b.family.charAt(0)
                && fb.charAt(0) == a.family.charAt(0) && close(a.forenameChars, b.familyChars)
                && close(b.forenameChars, a.familyChars)) {
            return GIVEN_SWAPPED;
        }
        return GIVEN_ELSE;
    }

    // Known by a middle name: one record's forename is among the other's later given names.
    private static boolean usesMiddleName(Standardised a, Standardised b) {
        for (int i = 1; i < b.givenTokens.length; i++) {
            if (a.forename.equals(b.givenTokens[i])) {
                return true;
            }
        }
        return false;
    }

    private static boolean close(char[] a, char[] b) {
        return Text.jaroWinkler(a, b) >= 0.92;
    }

    static int family(Standardised a, Standardised b) {
        String fa = a.family;
        String fb = b.family;
        if (fa == null || fb == null) {
            return NULL;
        }
        if (fa.equals(fb)) {
            return 0;
        }
        double jw = Text.jaroWinkler(a.familyChars, b.familyChars);
        if (jw >= 0.95) {
            return 1;
        }
        if ((a.familyTokens.length > 1 || b.familyTokens.length > 1) && sharesToken(a.familyTokens, b.familyTokens)) {
            return 2;
        }
        if (jw >= 0.88) {
            return 3;
        }
        for (int i = 0; i < a.familyTokenVariants.length; i++) {
            for (int j = 0; j < b.familyTokenVariants.length; j++) {
                if (VARIANTS.surnameVariants(a.familyTokenVariants[i], b.familyTokenVariants[j])) {
                    return 4;
                }
            }
        }
        if (a.familyCode.equals(b.familyCode)) {
            return 5;
        }
        for (String ca : a.familyTokenCodes) {
            for (String cb : b.familyTokenCodes) {
                if (ca.equals(cb)) {
                    return 5;
                }
            }
        }
        return 6;
    }

    private static boolean sharesToken(String[] a, String[] b) {
        for (String x : a) {
            if (x.length() < 2) {
                continue;
            }
            for (String y : b) {
                if (x.equals(y)) {
                    return true;
                }
            }
        }
        return false;
    }

    static int dob(Standardised a, Standardised b) {
        if (!a.hasDob() || !b.hasDob()) {
            return NULL;
        }
        if (a.dob == b.dob) {
            return 0;
        }
        if (a.year == b.year && a.month == b.day && a.day == b.month) {
            return 1;
        }
        if (Text.oneEdit(a.dobDigits, b.dobDigits)) {
            return 2;
        }
        int apart = Math.abs(a.dob - b.dob);
        if (apart <= 31) {
            return 3;
        }
        if (apart <= 366) {
            return 4;
        }
        return DOB_ELSE;
    }

    static int sex(Standardised a, Standardised b) {
        if (a.sex == 0 || b.sex == 0) {
            return NULL;
        }
        return a.sex == b.sex ? 0 : SEX_ELSE;
    }

    static int postcode(Standardised a, Standardised b) {
        String pa = a.postcode;
        String pb = b.postcode;
        if (pa == null || pb == null) {
            return NULL;
        }
        if (pa.equals(pb)) {
            return 0;
        }
        if (a.ukPostcode && b.ukPostcode) {
            if (a.sector.equals(b.sector)) {
                return 1;
            }
            if (a.outward.equals(b.outward)) {
                return 2;
            }
        }
        return Text.oneEdit(pa, pb) ? 3 : 4;
    }

    static int address(Standardised a, Standardised b) {
        if (a.address == null || b.address == null) {
            return NULL;
        }
        if (a.address.equals(b.address)) {
            return 0;
        }
        double jw = Text.jaroWinkler(a.addressChars, b.addressChars);
        return jw >= 0.92 ? 1 : jw >= 0.80 ? 2 : 3;
    }

    static int locality(Standardised a, Standardised b) {
        if (a.locality == null || b.locality == null) {
            return NULL;
        }
        if (a.locality.equals(b.locality)) {
            return 0;
        }
        return Text.jaroWinkler(a.localityChars, b.localityChars) >= 0.90 ? 1 : 2;
    }

    /** Best level over the kinds both records hold: equal, else one edit, else different; NULL if no kind shared. */
    static int identifier(Standardised a, Standardised b) {
        int best = NULL;
        for (int i = 0; i < a.idKinds.length; i++) {
            for (int j = 0; j < b.idKinds.length; j++) {
                if (a.idKinds[i] != b.idKinds[j]) {
                    continue;
                }
                if (a.idValues[i].equals(b.idValues[j])) {
                    return 0;
                }
                best = Math.min(best, typo(a.idValues[i], b.idValues[j]) ? 1 : 2);
            }
        }
        return best;
    }

    /**
     * One edit apart, but not numbers a few apart: a supplier that numbers records in sequence gives twins
     * registered together ids one step apart, which must not read as a typo of one id.
     */
    static boolean typo(String a, String b) {
        if (!Text.oneEdit(a, b)) {
            return false;
        }
        if (a.length() == b.length() && a.length() <= 18 && isDigits(a) && isDigits(b)) {
            return Math.abs(Long.parseLong(a) - Long.parseLong(b)) >= 10;
        }
        return true;
    }

    private static boolean isDigits(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    static Conflict conflict(Standardised a, Standardised b, long pattern) {
        int id = level(pattern, IDENTIFIER);
        if (id != IDENTIFIER_EQUAL && verifiedIdentifiersDiffer(a, b)) {
            return Conflict.IDENTIFIER;
        }
        if (level(pattern, SEX) == SEX_ELSE) {
            return Conflict.SEX;
        }
        if (level(pattern, DOB) == DOB_ELSE && !((id == IDENTIFIER_EQUAL || id == IDENTIFIER_TYPO)
                && level(pattern, GIVEN) != GIVEN_ELSE)) {
            // A shared identifier with agreeing given names explains a mistyped date; siblings, even with a
            // family-level reference in common, differ in given names.
            return Conflict.DATE_OF_BIRTH;
        }
        int given = level(pattern, GIVEN);
        if ((given == GIVEN_ELSE || given == GIVEN_MIDDLE) && id != IDENTIFIER_EQUAL && id != IDENTIFIER_TYPO) {
            // a forename that is the other's middle name: siblings are often named after each other
            return Conflict.GIVEN_NAME;
        }
        return Conflict.NONE;
    }

    private static boolean verifiedIdentifiersDiffer(Standardised a, Standardised b) {
        for (int i = 0; i < a.idKinds.length; i++) {
            if (!a.idVerified[i]) {
                continue;
            }
            for (int j = 0; j < b.idKinds.length; j++) {
                if (b.idVerified[j] && a.idKinds[i] == b.idKinds[j] && !a.idValues[i].equals(b.idValues[j])) {
                    return true;
                }
            }
        }
        return false;
    }
}
