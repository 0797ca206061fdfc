package uk.contactpoint.ingest;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The matching decisions people made on review rows (table {@code linkage_decision}), for automatic runs to
 * respect: a row a person linked to a child is that child's, a row a person kept apart from a child is never
 * linked to it again. Rows are known by their key, {@code "<data_source code>:<the feed's identifier of the
 * record>"} (e.g. {@code NHS_PDS:9992718285}).
 *
 * <p>Each lookup is one query for the whole collection (ingestion asks once per chunk of rows); collections of
 * over {@value #KEYS_PER_QUERY} keys are asked in slices of that size. When a decided child has since been
 * merged into another record, the answer names the record that survived (up to two merges deep).
 */
@Service
public class ReviewDecisions {

    /** Keys per statement: far below the bind-parameter limit of PostgreSQL's driver (32,767). */
    static final int KEYS_PER_QUERY = 30_000;

    public enum Kind { LINK, KEEP_APART }

    private final JdbcClient jdbc;

    ReviewDecisions(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** For each row key with decisions, the children a person said the row is not (and their survivors). */
    @Transactional(readOnly = true)
    public Map<String, Set<Long>> keptApart(Collection<String> rowKeys) {
        Map<String, Set<Long>> out = new HashMap<>();
        for (Decision d : decisions(rowKeys)) {
            if (d.kind == Kind.KEEP_APART) {
                Set<Long> children = out.computeIfAbsent(d.rowKey, k -> new LinkedHashSet<>());
                children.add(d.childId);
                if (d.current != null) {
                    children.add(d.current);
                }
            } else {
                // a later link to the same child overrides an earlier "keep apart"
                Set<Long> children = out.get(d.rowKey);
                if (children != null) {
                    children.remove(d.childId);
                    if (d.current != null) {
                        children.remove(d.current);
                    }
                    if (children.isEmpty()) {
                        out.remove(d.rowKey);
                    }
                }
            }
        }
        return out;
    }

    /**
     * For each row key a person linked, the live child it belongs to (the latest decision wins; a link whose
     * child was later kept apart from the row, or is no longer live, is not answered).
     */
    @Transactional(readOnly = true)
    public Map<String, Long> linked(Collection<String> rowKeys) {
        Map<String, Long> out = new HashMap<>();
        for (Decision d : decisions(rowKeys)) {
            if (d.kind == Kind.LINK) {
                if (d.current != null) {
                    out.put(d.rowKey, d.current);
                } else {
                    out.remove(d.rowKey);
                }
            } else {
                Long now = out.get(d.rowKey);
                if (now != null && (now == d.childId || now.equals(d.current))) {
                    out.remove(d.rowKey);
                }
            }
        }
        return out;
    }

    /** Records a decision; joins the caller's transaction. */
    void record(String rowKey, long childId, Kind kind, String by, Instant at, String note, Long reviewId) {
        jdbc.sql("""
                        INSERT INTO linkage_decision (row_key, child_id, decision, decided_by, decided_at, note, review_id)
                        VALUES (:key, :child, :kind, :by, :at, :note, :review)""")
                .param("key", rowKey).param("child", childId).param("kind", kind.name()).param("by", by)
                .param("at", Timestamp.from(at)).param("note", note).param("review", reviewId, java.sql.Types.BIGINT)
                .update();
    }

    /**
     * A decision in the order made. {@code current} is the live record the child is now: itself, the record it
     * was merged into, or null when neither is live.
     */
    private record Decision(String rowKey, long childId, Kind kind, Long current) {
    }

    private List<Decision> decisions(Collection<String> rowKeys) {
        List<String> keys = rowKeys.stream().filter(k -> k != null && !k.isBlank()).distinct().toList();
        List<Decision> out = new ArrayList<>();
        for (int from = 0; from < keys.size(); from += KEYS_PER_QUERY) {
            out.addAll(jdbc.sql("""
                            SELECT d.row_key, d.child_id, d.decision,
                                   CASE WHEN c.status = 'LIVE' THEN c.id
                                        WHEN c.status = 'MERGED' AND s.status = 'LIVE' THEN s.id
                                        WHEN c.status = 'MERGED' AND s.status = 'MERGED' AND t.status = 'LIVE' THEN t.id
                                   END AS current_id
                            FROM linkage_decision d
                                JOIN child c ON c.id = d.child_id
                                LEFT JOIN child s ON s.id = c.merged_into
                                LEFT JOIN child t ON t.id = s.merged_into
                            WHERE d.row_key IN (:keys)
                            ORDER BY d.decided_at, d.id""")
                    .param("keys", keys.subList(from, Math.min(keys.size(), from + KEYS_PER_QUERY)))
                    .query((rs, n) -> new Decision(rs.getString(1), rs.getLong(2), Kind.valueOf(rs.getString(3)),
                            rs.getObject(4) == null ? null : rs.getLong(4)))
                    .list());
        }
        return out;
    }
}
