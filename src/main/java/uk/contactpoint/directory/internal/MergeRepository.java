package uk.contactpoint.directory.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

import uk.contactpoint.directory.ContactPointId;
import uk.contactpoint.directory.MergeHistory;

/**
 * The rows of a merge, in plain SQL: locking the two records, moving the merged record's rows to the
 * survivor, the history of what moved, and moving exactly those rows back.
 */
@Repository
public class MergeRepository {

    /** The tables whose rows belong to a child and move with a merge. Constants: never from input. */
    public static final List<String> CHILD_TABLES = List.of("child_name", "carer", "child_setting", "involvement",
            "source_identifier");

    /** What makes two rows of a table the same fact (the survivor's copy is kept, the other stays behind). */
    private static final Map<String, String> SAME_FACT = Map.of(
            "child_name", "kind, given_name, family_name",
            "carer", "relationship, given_name, family_name",
            "child_setting", "kind, organisation_id, start_date",
            "involvement", "service_type, organisation_id, practitioner_name, team_name, start_date",
            "source_identifier", "scheme, allocating_body, identifier");

    private final JdbcClient jdbc;

    MergeRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A child's state as a merge needs it, with its row locked until the transaction ends. */
    public record Locked(long id, ContactPointId contactPointId, String status, boolean shielded, Long mergedInto,
                         String givenName, String familyName) {
    }

    public Map<Long, Locked> lock(Collection<Long> ids) {
        Map<Long, Locked> out = new LinkedHashMap<>();
        jdbc.sql("""
                        SELECT id, contactpoint_id, status, shielded, merged_into, given_name, family_name
                        FROM child WHERE id IN (:ids) ORDER BY id FOR UPDATE""")
                .param("ids", ids)
                .query((rs, n) -> new Locked(rs.getLong(1), new ContactPointId(rs.getString(2)), rs.getString(3),
                        rs.getBoolean(4), rs.getObject(5) == null ? null : rs.getLong(5), rs.getString(6), rs.getString(7)))
                .list().forEach(l -> out.put(l.id(), l));
        return out;
    }

    /** The rows of one table that belong to a child: id and what fact it records (see {@link #SAME_FACT}). */
    public Map<Long, String> rows(String table, long childId) {
        String columns = Objects.requireNonNull(SAME_FACT.get(table), table);
        Map<Long, String> out = new LinkedHashMap<>();
        jdbc.sql("SELECT id, " + columns + " FROM " + table + " WHERE child_id = :child ORDER BY id")
                .param("child", childId)
                .query(rs -> {
                    int n = rs.getMetaData().getColumnCount();
                    StringBuilder fact = new StringBuilder();
                    for (int c = 2; c <= n; c++) {
                        Object v = rs.getObject(c);
                        fact.append(v == null ? "" : v.toString().strip().toLowerCase(Locale.ROOT)).append('|');
                    }
                    out.put(rs.getLong(1), fact.toString());
                });
        return out;
    }

    public void move(String table, Collection<Long> rowIds, long from, long to) {
        if (rowIds.isEmpty()) {
            return;
        }
        requireTable(table);
        jdbc.sql("UPDATE " + table + " SET child_id = :to WHERE child_id = :from AND id IN (:ids)")
                .param("to", to).param("from", from).param("ids", rowIds).update();
    }

    public void delete(String table, long rowId, long childId) {
        requireTable(table);
        jdbc.sql("DELETE FROM " + table + " WHERE id = :id AND child_id = :child").param("id", rowId).param("child", childId)
                .update();
    }

    /** Adds a name to a child as an alias; returns the new row's id. */
    public long addAlias(long childId, String given, String family, String source, LocalDate asOf) {
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("""
                        INSERT INTO child_name (child_id, kind, given_name, family_name, source, as_of)
                        VALUES (:child, 'ALIAS', :given, :family, :source, :asOf)""")
                .param("child", childId).param("given", given).param("family", family).param("source", source)
                .param("asOf", asOf).update(keys, "id");
        return keys.getKeyAs(Number.class).longValue();
    }

    /** The source of a child's name (its provenance), when recorded. */
    public Optional<String> nameSource(long childId) {
        return jdbc.sql("SELECT source FROM value_provenance WHERE child_id = :child AND field = 'name'")
                .param("child", childId).query(String.class).optional();
    }

    public void setShielded(long childId) {
        jdbc.sql("UPDATE child SET shielded = TRUE, updated_at = CURRENT_TIMESTAMP, version = version + 1 WHERE id = :id")
                .param("id", childId).update();
    }

    public void setMerged(long childId, Long into) {
        jdbc.sql("""
                        UPDATE child SET status = :status, merged_into = :into, updated_at = CURRENT_TIMESTAMP,
                            version = version + 1 WHERE id = :id""")
                .param("status", into == null ? "LIVE" : "MERGED").param("into", into, java.sql.Types.BIGINT)
                .param("id", childId).update();
    }

    public long insertMerge(long survivor, long merged, String by, Instant at, String reason, boolean shieldedByMerge) {
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("""
                        INSERT INTO child_merge (survivor_id, merged_id, merged_by, merged_at, reason, survivor_shielded_by_merge)
                        VALUES (:survivor, :merged, :by, :at, :reason, :shielded)""")
                .param("survivor", survivor).param("merged", merged).param("by", by).param("at", Timestamp.from(at))
                .param("reason", reason).param("shielded", shieldedByMerge).update(keys, "id");
        return keys.getKeyAs(Number.class).longValue();
    }

    public void recordRows(long mergeId, String table, Collection<Long> rowIds, String action) {
        for (long row : rowIds) {
            jdbc.sql("INSERT INTO child_merge_row (merge_id, table_name, row_id, action) VALUES (:m, :t, :r, :a)")
                    .param("m", mergeId).param("t", table).param("r", row).param("a", action).update();
        }
    }

    /** A row a merge moved or added: table, row id and MOVED or ADDED. */
    public record MovedRow(String table, long rowId, String action) {
    }

    public List<MovedRow> rowsOf(long mergeId) {
        return jdbc.sql("SELECT table_name, row_id, action FROM child_merge_row WHERE merge_id = :m ORDER BY table_name, row_id")
                .param("m", mergeId)
                .query((rs, n) -> new MovedRow(rs.getString(1), rs.getLong(2), rs.getString(3))).list();
    }

    /** The merge, locked until the transaction ends. */
    public Optional<MergeHistory> lockMerge(long mergeId) {
        if (jdbc.sql("SELECT id FROM child_merge WHERE id = :id FOR UPDATE").param("id", mergeId).query(Long.class).optional().isEmpty()) {
            return Optional.empty();
        }
        return findMerge(mergeId);
    }

    public Optional<MergeHistory> findMerge(long mergeId) {
        return jdbc.sql(HISTORY + " WHERE m.id = :id").param("id", mergeId).query(MergeRepository::history).optional();
    }

    public void markUnmerged(long mergeId, String by, Instant at, String reason) {
        jdbc.sql("UPDATE child_merge SET unmerged_by = :by, unmerged_at = :at, unmerge_reason = :reason WHERE id = :id")
                .param("by", by).param("at", Timestamp.from(at)).param("reason", reason).param("id", mergeId).update();
    }

    /** Merges in which a child survived or was merged, newest first. */
    public List<MergeHistory> history(long childId) {
        return jdbc.sql(HISTORY + " WHERE m.survivor_id = :child OR m.merged_id = :child ORDER BY m.merged_at DESC, m.id DESC")
                .param("child", childId).query(MergeRepository::history).list();
    }

    private static final String HISTORY = """
            SELECT m.id, m.survivor_id, s.contactpoint_id AS survivor_cp, m.merged_id, d.contactpoint_id AS merged_cp,
                   m.merged_by, m.merged_at, m.reason, m.survivor_shielded_by_merge, m.unmerged_by, m.unmerged_at,
                   m.unmerge_reason,
                   (SELECT COUNT(*) FROM child_merge_row r WHERE r.merge_id = m.id AND r.action = 'MOVED') AS moved
            FROM child_merge m JOIN child s ON s.id = m.survivor_id JOIN child d ON d.id = m.merged_id""";

    private static MergeHistory history(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        OffsetDateTime unmergedAt = rs.getObject("unmerged_at", OffsetDateTime.class);
        return new MergeHistory(rs.getLong("id"), rs.getLong("survivor_id"), new ContactPointId(rs.getString("survivor_cp")),
                rs.getLong("merged_id"), new ContactPointId(rs.getString("merged_cp")), rs.getString("merged_by"),
                rs.getObject("merged_at", OffsetDateTime.class).toInstant(), rs.getString("reason"), rs.getInt("moved"),
                rs.getBoolean("survivor_shielded_by_merge"), rs.getString("unmerged_by"),
                unmergedAt == null ? null : unmergedAt.toInstant(), rs.getString("unmerge_reason"));
    }

    private static void requireTable(String table) {
        if (!CHILD_TABLES.contains(table)) {
            throw new IllegalArgumentException("Not a table of child rows: " + table);
        }
    }

    /** For callers that group row ids by table. */
    public static Map<String, List<Long>> byTable(List<MovedRow> rows, String action) {
        Map<String, List<Long>> out = new LinkedHashMap<>();
        for (MovedRow r : rows) {
            if (r.action().equals(action)) {
                out.computeIfAbsent(r.table(), t -> new ArrayList<>()).add(r.rowId());
            }
        }
        return out;
    }
}
