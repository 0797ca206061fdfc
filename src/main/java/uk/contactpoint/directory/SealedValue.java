package uk.contactpoint.directory;

/**
 * One sealed value as stored (ADR 26): its table (child, carer, involvement, child_amendment, ingest_review,
 * ingest_quarantine), row and ciphertext.
 */
public record SealedValue(String table, long id, String ciphertext) {

    /** Quarantined feed rows: the whole payload is sealed, bound to the table only (it is sealed before the row has an id). */
    public static final String QUARANTINE = "ingest_quarantine";
    /** Feed rows in the review queue: the payload of one whose child is shielded is sealed whole, bound to its row. */
    public static final String REVIEW = "ingest_review";

    /** The tables that hold sealed values. */
    public static final java.util.List<String> TABLES = java.util.List.of("child", "carer", "involvement", "child_amendment",
            REVIEW, QUARANTINE);
    /** Whether a feed row's payload is sealed: every plaintext payload holds a ';', no ciphertext does. */
    public static boolean sealedPayload(String payload) {
        return payload != null && payload.indexOf(';') < 0;
    }

    /** What the ciphertext is bound to. */
    public String context() {
        return QUARANTINE.equals(table) ? QUARANTINE : SealedValues.context(table, id);
    }

    @Override
    public String toString() {
        return "SealedValue[" + table + ":" + id + "]";
    }
}
