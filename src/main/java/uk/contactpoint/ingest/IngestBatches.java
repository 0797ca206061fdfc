package uk.contactpoint.ingest;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The batch, review and quarantine tables of ingestion (V11), in plain SQL. */
@Repository
class IngestBatches {

    static final String IN_PROGRESS = "IN_PROGRESS";
    static final String COMPLETED = "COMPLETED";

    private final JdbcClient jdbc;
    private final org.springframework.jdbc.core.JdbcTemplate template;

    IngestBatches(JdbcClient jdbc, org.springframework.jdbc.core.JdbcTemplate template) {
        this.jdbc = jdbc;
        this.template = template;
    }

    /** Counters of a batch, carried across chunks and across an interrupted run and its re-run. */
    static final class Counts {
        long lastRow;
        long read;
        long good;
        long rejected;
        long linked;
        long created;
        long review;
        long quarantined;

        Counts copy() {
            Counts c = new Counts();
            c.lastRow = lastRow;
            c.read = read;
            c.good = good;
            c.rejected = rejected;
            c.linked = linked;
            c.created = created;
            c.review = review;
            c.quarantined = quarantined;
            return c;
        }
    }

    record Batch(long id, String status, byte[] model, Counts counts) {
        boolean completed() {
            return COMPLETED.equals(status);
        }
    }

    Optional<Batch> find(String source, String sha256) {
        return jdbc.sql("""
                        SELECT id, status, model, last_row, rows_read, rows_good, rows_rejected, rows_linked, rows_new,
                               rows_review, rows_quarantined
                        FROM ingest_batch WHERE source = :source AND sha256 = :sha""")
                .param("source", source).param("sha", sha256)
                .query((rs, n) -> {
                    Counts c = new Counts();
                    c.lastRow = rs.getLong("last_row");
                    c.read = rs.getLong("rows_read");
                    c.good = rs.getLong("rows_good");
                    c.rejected = rs.getLong("rows_rejected");
                    c.linked = rs.getLong("rows_linked");
                    c.created = rs.getLong("rows_new");
                    c.review = rs.getLong("rows_review");
                    c.quarantined = rs.getLong("rows_quarantined");
                    return new Batch(rs.getLong("id"), rs.getString("status"), rs.getBytes("model"), c);
                }).optional();
    }

    long start(String source, String fileName, String sha256, byte[] model) {
        jdbc.sql("""
                        INSERT INTO ingest_batch (source, file_name, sha256, status, started_at, model)
                        VALUES (:source, :file, :sha, :status, :now, :model)""")
                .param("source", source).param("file", fileName).param("sha", sha256).param("status", IN_PROGRESS)
                .param("now", Timestamp.from(Instant.now())).param("model", model)
                .update();
        return jdbc.sql("SELECT id FROM ingest_batch WHERE source = :source AND sha256 = :sha")
                .param("source", source).param("sha", sha256).query(Long.class).single();
    }

    /**
     * Adds a chunk's rejects, counted by field and reason, to the batch's (for the data-quality report): called in the
     * chunk's own transaction, so a resumed batch counts each row once.
     */
    void rejected(long batchId, Map<List<String>, Long> byFieldAndReason) {
        for (Map.Entry<List<String>, Long> e : byFieldAndReason.entrySet()) {
            String field = cut(e.getKey().get(0), 60);
            String reason = cut(e.getKey().get(1), 300);
            int added = jdbc.sql("""
                            UPDATE ingest_reject SET rows_rejected = rows_rejected + :n
                            WHERE batch_id = :id AND field = :field AND reason = :reason""")
                    .param("n", e.getValue()).param("id", batchId).param("field", field).param("reason", reason).update();
            if (added == 0) {
                jdbc.sql("""
                                INSERT INTO ingest_reject (batch_id, field, reason, rows_rejected)
                                VALUES (:id, :field, :reason, :n)""")
                        .param("n", e.getValue()).param("id", batchId).param("field", field).param("reason", reason).update();
            }
        }
    }

    private static String cut(String s, int max) {
        String v = s == null ? "" : s;
        return v.length() <= max ? v : v.substring(0, max);
    }

    /** Records the counters up to the last row of a chunk: called in the chunk's own transaction. */
    void committed(long batchId, Counts c, boolean finished) {
        jdbc.sql("""
                        UPDATE ingest_batch SET last_row = :lastRow, rows_read = :read, rows_good = :good,
                            rows_rejected = :rejected, rows_linked = :linked, rows_new = :created, rows_review = :review,
                            rows_quarantined = :quarantined, status = :status,
                            finished_at = CASE WHEN :finished THEN CURRENT_TIMESTAMP END
                        WHERE id = :id""")
                .param("lastRow", c.lastRow).param("read", c.read).param("good", c.good).param("rejected", c.rejected)
                .param("linked", c.linked).param("created", c.created).param("review", c.review)
                .param("quarantined", c.quarantined).param("status", finished ? COMPLETED : IN_PROGRESS)
                .param("finished", finished)
                .param("id", batchId)
                .update();
    }

    private final java.util.List<Object[]> reviews = new java.util.ArrayList<>();
    private final java.util.List<Object[]> quarantines = new java.util.ArrayList<>();

    /** Queues a row for review; written by {@link #flush()} in the chunk's transaction. */
    void review(long batchId, String source, long row, Long candidate, Double probability, Double weight, String reason,
            String payload, String rowKey) {
        reviews.add(new Object[] {batchId, source, row, candidate, probability, weight, reason, payload, rowKey});
    }

    /** Queues a row for its authority's quarantine; written by {@link #flush()} in the chunk's transaction. */
    void quarantine(long batchId, String source, long row, long child, String localAuthority, double probability,
            String reason, String payload) {
        quarantines.add(new Object[] {batchId, source, row, child, localAuthority, probability, reason, payload});
    }

    private final java.util.List<Object[]> conflicts = new java.util.ArrayList<>();

    /** Queues a value the row's source disagrees on with the linked child; written by {@link #flush()}. */
    void conflict(long batchId, long row, long child, String field, String source, String rowValue) {
        conflicts.add(new Object[] {batchId, row, child, field, source,
                rowValue == null || rowValue.length() <= 200 ? rowValue : rowValue.substring(0, 200)});
    }

    /** Open conflicts between sources, by field: for the data-quality report. */
    java.util.Map<String, Long> openConflicts() {
        java.util.Map<String, Long> out = new java.util.TreeMap<>();
        jdbc.sql("SELECT field, COUNT(*) FROM source_conflict WHERE status = 'OPEN' GROUP BY field")
                .query(rs -> {
                    out.put(rs.getString(1), rs.getLong(2));
                });
        return out;
    }

    /** Writes the queued review, quarantine and conflict rows in batches. */
    void flush() {
        if (!conflicts.isEmpty()) {
            template.batchUpdate("""
                    INSERT INTO source_conflict (batch_id, row_no, child_id, field, source, row_value)
                    VALUES (?, ?, ?, ?, ?, ?)""", conflicts, new int[] {java.sql.Types.BIGINT, java.sql.Types.BIGINT,
                    java.sql.Types.BIGINT, java.sql.Types.VARCHAR, java.sql.Types.VARCHAR, java.sql.Types.VARCHAR});
            conflicts.clear();
        }
        if (!reviews.isEmpty()) {
            template.batchUpdate("""
                    INSERT INTO ingest_review (batch_id, source, row_no, candidate_child_id, probability, weight, reason,
                        payload, row_key, status)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'OPEN')""", reviews, new int[] {java.sql.Types.BIGINT,
                    java.sql.Types.VARCHAR, java.sql.Types.BIGINT, java.sql.Types.BIGINT, java.sql.Types.DOUBLE,
                    java.sql.Types.DOUBLE, java.sql.Types.VARCHAR, java.sql.Types.VARCHAR, java.sql.Types.VARCHAR});
            reviews.clear();
        }
        if (!quarantines.isEmpty()) {
            template.batchUpdate("""
                    INSERT INTO ingest_quarantine (batch_id, source, row_no, child_id, local_authority, probability,
                        reason, payload, status)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'OPEN')""", quarantines, new int[] {java.sql.Types.BIGINT,
                    java.sql.Types.VARCHAR, java.sql.Types.BIGINT, java.sql.Types.BIGINT, java.sql.Types.VARCHAR,
                    java.sql.Types.DOUBLE, java.sql.Types.VARCHAR, java.sql.Types.VARCHAR});
            quarantines.clear();
        }
    }
}
