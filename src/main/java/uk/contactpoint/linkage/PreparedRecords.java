package uk.contactpoint.linkage;

/** Records standardised for one {@link LinkageModel}, ready to be scored by index. */
public final class PreparedRecords {

    final Standardised[] records;
    // per term-frequency column, per record: the exact-match adjustment in bits
    final float[][] tf;

    PreparedRecords(Standardised[] records, float[][] tf) {
        this.records = records;
        this.tf = tf;
    }

    public int size() {
        return records.length;
    }
}
