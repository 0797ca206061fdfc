package uk.contactpoint.ingest;

/**
 * A row that cannot be used, with what the supplier should fix. The reason names the rule, never the value:
 * the report may be passed around and the value may be personal data.
 *
 * @param row    the 1-based data row (the header is row 0)
 * @param field  the column at fault, or {@code row} when the row as a whole is (wrong number of fields)
 * @param reason what is wrong and what is expected
 */
public record Reject(long row, String field, String reason) implements FeedRow {

    /** The key reports group rejects by: field and reason. */
    public String kind() {
        return field + ": " + reason;
    }
}
