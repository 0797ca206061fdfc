package uk.contactpoint.ingest;

/**
 * What applying one feed file did, in counts only (no personal data).
 *
 * @param batchId        the {@code ingest_batch} row
 * @param alreadyApplied the same file (by SHA-256) had been applied completely before: nothing was done
 * @param resumedAfterRow the last row an interrupted earlier run had committed (0 for a fresh run)
 * @param rowsRead       data rows read, over the whole batch (resumed runs included)
 * @param good           rows that passed validation
 * @param rejected       rows rejected (see the reject report)
 * @param linked         good rows linked to an existing child
 * @param created        good rows that became a new child
 * @param review         good rows put in the review queue (possible matches, or not enough to create a child)
 * @param quarantined    good rows held because they might describe a shielded child
 * @param millis         time this run took
 * @param rowsThisRun    rows this run processed (for the rate)
 */
public record IngestSummary(long batchId, boolean alreadyApplied, long resumedAfterRow, long rowsRead, long good,
        long rejected, long linked, long created, long review, long quarantined, long millis, long rowsThisRun) {

    /** Rows per second of this run. */
    public long rowsPerSecond() {
        return millis <= 0 ? rowsThisRun * 1000 : rowsThisRun * 1000 / millis;
    }
}
