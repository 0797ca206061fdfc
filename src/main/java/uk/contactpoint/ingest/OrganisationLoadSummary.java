package uk.contactpoint.ingest;

/**
 * What loading one organisation reference file did, in counts.
 *
 * @param batchId        the {@code ingest_batch} row of the file
 * @param alreadyApplied the same file (by SHA-256) had been applied before: nothing was done
 * @param rowsRead       data rows read
 * @param good           rows that passed validation
 * @param rejected       rows rejected (see the reject report)
 * @param skipped        valid rows the directory does not hold (ODS prescribing cost centres other than GP practices)
 * @param added          organisations new to the directory
 * @param updated        organisations whose values changed
 * @param unchanged      organisations already exactly as the file says
 * @param millis         time this run took
 */
public record OrganisationLoadSummary(long batchId, boolean alreadyApplied, long rowsRead, long good, long rejected,
        long skipped, long added, long updated, long unchanged, long millis) {

    /** Rows per second of this run. */
    public long rowsPerSecond() {
        return millis <= 0 ? rowsRead * 1000 : rowsRead * 1000 / millis;
    }
}
