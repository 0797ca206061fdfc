package uk.contactpoint.linkage;

/**
 * A record after standardisation, with everything the comparisons need computed once: folded name tokens,
 * phonetic codes, variant ids, the date as a day number and digits, postcode parts, identifiers.
 */
final class Standardised {

    static final int NO_DATE = Integer.MIN_VALUE;

    // forename = first given token; the rest are middle names
    String forename;
    String[] givenTokens = new String[0];
    char[] forenameChars;
    String forenameCode;
    int forenameVariant = NameVariants.NONE;

    // every surname token is kept (double-barrelled and hyphenated names); family = tokens joined without spaces
    String family;
    String[] familyTokens = new String[0];
    char[] familyChars;
    String familyCode;
    String[] familyTokenCodes = new String[0];
    int[] familyTokenVariants = new int[0];

    int dob = NO_DATE;
    int year;
    int month;
    int day;
    String dobDigits;

    int sex;

    String postcode;
    boolean ukPostcode;
    String outward;
    String sector;

    String address;
    // the start of the address line, where number and street are: Jaro-Winkler on whole lines costs more
    // than all other comparisons together and says little more
    char[] addressChars;
    String locality;
    char[] localityChars;

    String[] idKinds = new String[0];
    String[] idValues = new String[0];
    boolean[] idVerified = new boolean[0];

    boolean hasDob() {
        return dob != NO_DATE;
    }
}
