package uk.contactpoint.linkage;

/**
 * Why a pair may not be linked automatically, whatever its weight. Fellegi-Sunter assumes fields are
 * independent; people in one family are not (siblings share surname, address and parents), so these
 * rules stop agreement on shared fields from outvoting evidence that the people differ.
 */
public enum Conflict {
    NONE,
    /** Two verified identifiers of the same kind (check digit passed) that differ. */
    IDENTIFIER,
    /** One record male, the other female. */
    SEX,
    /** Dates of birth more than a year apart, not explained by a typo (one edit) or a day/month swap. */
    DATE_OF_BIRTH,
    /**
     * Given names clearly different (no variant, initial, phonetic or swap), or one record's forename is the
     * other's middle name, and no identifier equal or a typo apart: twins and siblings share everything else.
     */
    GIVEN_NAME
}
