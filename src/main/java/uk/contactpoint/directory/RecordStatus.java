package uk.contactpoint.directory;

/**
 * Where a record is in its life. SUPPRESSED is the old identity of a child given a new one (adoption):
 * it is never shown, searched or suggested as a match. MERGED is a duplicate of another record that an LA
 * data manager merged into it ({@link Merges}): never shown or found, kept so that the merge can be undone.
 */
public enum RecordStatus {
    LIVE, ARCHIVED, SUPPRESSED, MERGED
}
