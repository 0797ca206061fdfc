package uk.contactpoint.synthetic;

/**
 * The errors the national generator seeds into feed rows, each listed in truth/feed-errors.csv with its
 * row. {@code rate} is the chance per row on which the error can happen (the "eligible" rows: a nickname
 * needs a name that has one, a swapped day and month needs a day of 12 or less that differs from the month);
 * docs/feeds.md lists them. Out-of-date addresses follow from moves, not from a rate.
 */
enum FeedError {
    FORENAME_TYPO(0.015),
    SURNAME_TYPO(0.015),
    /** A nickname or variant from the ONS-derived variant table: "Bill" for "William". */
    NICKNAME(0.03),
    /** A surname variant from the variant table: "Adamson" for "Adams". */
    SURNAME_VARIANT(0.01),
    /** A spelling that sounds the same: "Filips" for "Phillips". */
    PHONETIC_SPELLING(0.01),
    DAY_MONTH_SWAPPED(0.01),
    MISSING_POSTCODE(0.01),
    MISSING_SEX(0.005),
    MISSING_FORENAME(0.002),
    /** The address before a recent move (set by the move, not by a rate). */
    OLD_ADDRESS(0),
    /** Malformed rows, which ingestion must reject: together about 0.3% of rows. */
    BAD_DATE(0.001),
    BAD_NHS_CHECK_DIGIT(0.002),
    WRONG_COLUMN_COUNT(0.001);

    final double rate;

    FeedError(double rate) {
        this.rate = rate;
    }

    boolean malformed() {
        return this == BAD_DATE || this == BAD_NHS_CHECK_DIGIT || this == WRONG_COLUMN_COUNT;
    }
}
