package uk.contactpoint.directory;

/**
 * Where a record is in its life. SUPPRESSED is the old identity of a child given a new one (adoption):
 * it is never shown, searched or suggested as a match.
 */
public enum RecordStatus {
    LIVE, ARCHIVED, SUPPRESSED
}
