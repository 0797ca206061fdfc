package uk.contactpoint.directory.internal;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

import uk.contactpoint.directory.ChildForMatching;
import uk.contactpoint.directory.ContactPointId;
import uk.contactpoint.directory.Gender;
import uk.contactpoint.directory.RecordStatus;
import uk.contactpoint.directory.SourceIdentifier;

/** Matching projections of children and their blocking keys, in plain SQL, in batches. */
@Repository
public class MatchingRepository {

    private final JdbcTemplate template;
    private final NamedParameterJdbcTemplate named;
    private final AddressExclusionRepository exclusions;

    MatchingRepository(JdbcTemplate template, AddressExclusionRepository exclusions) {
        this.template = template;
        this.named = new NamedParameterJdbcTemplate(template);
        this.exclusions = exclusions;
    }

    public List<ChildForMatching> find(Collection<Long> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        List<Long> all = ids.stream().sorted().distinct().toList();
        Map<Long, Object[]> rows = new java.util.TreeMap<>();
        forValues("""
                        SELECT id, contactpoint_id, given_name, middle_names, family_name, date_of_birth, gender, postcode,
                               address_line1, town, responsible_la, shielded, status, sealed
                        FROM child WHERE id ANY_OF""", "bigint", all, new MapSqlParameterSource(),
                rs -> {
                    rows.put(rs.getLong(1), new Object[] {rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                            rs.getObject(6, LocalDate.class), rs.getString(7), rs.getString(8), rs.getString(9),
                            rs.getString(10), rs.getString(11), rs.getBoolean(12), rs.getString(13), rs.getString(14)});
                });
        withoutExcludedAddresses(rows.values());
        Map<Long, List<String>> otherNames = new HashMap<>();
        forValues("SELECT child_id, family_name FROM child_name WHERE child_id ANY_OF", "bigint", all,
                new MapSqlParameterSource(), rs -> {
                    otherNames.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(rs.getString(2));
                });
        Map<Long, List<SourceIdentifier>> identifiers = new HashMap<>();
        forValues("""
                        SELECT child_id, scheme, allocating_body, identifier, source, as_of FROM source_identifier
                        WHERE child_id ANY_OF""", "bigint", all, new MapSqlParameterSource(),
                rs -> {
                    identifiers.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(new SourceIdentifier(
                            SourceIdentifier.Scheme.valueOf(rs.getString(2)), rs.getString(3), rs.getString(4), rs.getString(5),
                            rs.getObject(6, LocalDate.class)));
                });
        return children(rows, otherNames, identifiers);
    }

    /**
     * Blanks the postcode, first line and town of children living at an address on the exclusion register
     * (ADR 22): matching, blocking keys and search never use a refuge's address, so children are neither
     * linked nor grouped through it.
     */
    private void withoutExcludedAddresses(Collection<Object[]> rows) {
        Set<uk.contactpoint.directory.AddressKey> excluded = exclusions.among(rows.stream().map(r -> (String) r[6]).toList());
        if (excluded.isEmpty()) {
            return;
        }
        for (Object[] r : rows) {
            uk.contactpoint.directory.AddressKey.of((String) r[7], (String) r[6])
                    .filter(k -> excluded.stream().anyMatch(e -> e.covers(k)))
                    .ifPresent(k -> {
                        r[6] = null;
                        r[7] = null;
                        r[8] = null;
                    });
        }
    }

    /** Every child, in id order, in batches (keyset pagination: constant cost per batch at any size). */
    public void forEach(int batchSize, Consumer<List<ChildForMatching>> batch) {
        long after = 0;
        while (true) {
            List<Long> ids = template.queryForList("SELECT id FROM child WHERE id > ? ORDER BY id FETCH FIRST " + batchSize + " ROWS ONLY",
                    Long.class, after);
            if (ids.isEmpty()) {
                return;
            }
            batch.accept(find(ids));
            after = ids.get(ids.size() - 1);
        }
    }

    public void replaceKeys(Map<Long, long[]> keysByChild) {
        if (keysByChild.isEmpty()) {
            return;
        }
        List<Long> children = List.copyOf(keysByChild.keySet());
        for (int from = 0; from < children.size(); from += IN_LIST) {
            named.update("DELETE FROM child_blocking_key WHERE child_id IN (:ids)",
                    new MapSqlParameterSource("ids", children.subList(from, Math.min(children.size(), from + IN_LIST))));
        }
        List<Object[]> rows = new ArrayList<>();
        keysByChild.forEach((child, keys) -> {
            for (long key : keys) {
                rows.add(new Object[] {key, child});
            }
        });
        template.batchUpdate("INSERT INTO child_blocking_key (blocking_key, child_id) VALUES (?, ?)", rows);
    }

    /**
     * The children sharing the most keys with these, best first. A key shared by more than {@code perKeyCap}
     * children (a very common name on a common date) is too weak to use on its own and is skipped.
     */
    public List<Long> candidates(long[] keys, int perKeyCap, int limit) {
        if (keys.length == 0) {
            return List.of();
        }
        List<Long> keyList = new ArrayList<>(keys.length);
        for (long k : keys) {
            keyList.add(k);
        }
        return named.queryForList("""
                        SELECT b.child_id FROM child_blocking_key b
                        WHERE b.blocking_key IN (:keys) AND b.blocking_key IN (
                            SELECT blocking_key FROM child_blocking_key WHERE blocking_key IN (:keys)
                            GROUP BY blocking_key HAVING COUNT(*) <= :cap)
                        GROUP BY b.child_id ORDER BY COUNT(*) DESC, b.child_id FETCH FIRST """ + " " + limit + " ROWS ONLY",
                new MapSqlParameterSource("keys", keyList).addValue("cap", perKeyCap), Long.class);
    }

    /**
     * {@link #candidates} and {@link #find} in one statement, one database round trip: the candidates' child rows,
     * their other family names and their identifiers come back as rows of three kinds (C, N, I) of one result.
     * Children in id order, as {@link #find} gives them.
     */
    public List<ChildForMatching> candidatesForMatching(long[] keys, int perKeyCap, int limit) {
        if (keys.length == 0) {
            return List.of();
        }
        List<Long> keyList = new ArrayList<>(keys.length);
        for (long k : keys) {
            keyList.add(k);
        }
        Map<Long, Object[]> rows = new java.util.TreeMap<>();
        Map<Long, List<String>> otherNames = new HashMap<>();
        Map<Long, List<SourceIdentifier>> identifiers = new HashMap<>();
        // The candidate set is small (at most limit children): every join below is an index lookup per candidate.
        named.query("""
                        WITH strong AS (
                            SELECT blocking_key FROM child_blocking_key WHERE blocking_key IN (:keys)
                            GROUP BY blocking_key HAVING COUNT(*) <= :cap),
                        cand AS (
                            SELECT b.child_id FROM child_blocking_key b WHERE b.blocking_key IN (SELECT blocking_key FROM strong)
                            GROUP BY b.child_id ORDER BY COUNT(*) DESC, b.child_id FETCH FIRST""" + " " + Math.max(1, limit) + " ROWS ONLY)\n" + """
                        SELECT 'C' AS kind, c.id AS child_id, c.contactpoint_id AS a, c.given_name AS b, c.middle_names AS d,
                               c.family_name AS e, c.date_of_birth AS f, c.gender AS g, c.postcode AS h, c.address_line1 AS i,
                               c.town AS j, c.responsible_la AS k, c.shielded AS l, c.status AS m
                        FROM cand JOIN child c ON c.id = cand.child_id
                        UNION ALL
                        SELECT 'N', n.child_id, NULL, NULL, NULL, n.family_name, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL
                        FROM cand JOIN child_name n ON n.child_id = cand.child_id
                        UNION ALL
                        SELECT 'I', s.child_id, s.scheme, s.allocating_body, s.identifier, s.source, s.as_of, NULL, NULL, NULL,
                               NULL, NULL, NULL, NULL
                        FROM cand JOIN source_identifier s ON s.child_id = cand.child_id""",
                new MapSqlParameterSource("keys", keyList).addValue("cap", perKeyCap), rs -> {
                    long id = rs.getLong(2);
                    switch (rs.getString(1)) {
                        case "C" -> rows.put(id, new Object[] {rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6),
                                rs.getObject(7, LocalDate.class), rs.getString(8), rs.getString(9), rs.getString(10),
                                rs.getString(11), rs.getString(12), rs.getBoolean(13), rs.getString(14)});
                        case "N" -> otherNames.computeIfAbsent(id, k -> new ArrayList<>()).add(rs.getString(6));
                        default -> identifiers.computeIfAbsent(id, k -> new ArrayList<>()).add(new SourceIdentifier(
                                SourceIdentifier.Scheme.valueOf(rs.getString(3)), rs.getString(4), rs.getString(5), rs.getString(6),
                                rs.getObject(7, LocalDate.class)));
                    }
                });
        return children(rows, otherNames, identifiers);
    }

    private static List<ChildForMatching> children(Map<Long, Object[]> rows, Map<Long, List<String>> otherNames,
            Map<Long, List<SourceIdentifier>> identifiers) {
        List<ChildForMatching> out = new ArrayList<>(rows.size());
        rows.forEach((id, r) -> out.add(new ChildForMatching(id, new ContactPointId((String) r[0]), (String) r[1], (String) r[2],
                (String) r[3], otherNames.getOrDefault(id, List.of()), (LocalDate) r[4], Gender.valueOf((String) r[5]),
                (String) r[6], (String) r[7], (String) r[8], (String) r[9], (Boolean) r[10], RecordStatus.valueOf((String) r[11]),
                identifiers.getOrDefault(id, List.of()), r.length > 12 ? (String) r[12] : null)));
        return out;
    }

    private static final List<String> STATISTICS_TABLES = List.of("child", "child_blocking_key", "source_identifier",
            "child_setting", "child_name", "carer", "involvement", "value_provenance");

    /** Values per IN list: a bound every database accepts, and small enough for one index range scan each. */
    private static final int IN_LIST = 1_000;
    private volatile Boolean postgres;

    private boolean postgres() {
        if (postgres == null) {
            postgres = "PostgreSQL".equals(template.execute((org.springframework.jdbc.core.ConnectionCallback<String>)
                    connection -> connection.getMetaData().getDatabaseProductName()));
        }
        return postgres;
    }

    /**
     * Runs a query whose {@code ANY_OF} stands for "is one of {@code values}": on PostgreSQL one array parameter, unnested into a semi-join (a large array compared row by row would be quadratic)
     * (one statement however many values, each an index lookup), elsewhere IN lists of a thousand.
     */
    private void forValues(String sql, String arrayType, List<?> values, MapSqlParameterSource params,
            org.springframework.jdbc.core.RowCallbackHandler rows) {
        if (values.isEmpty()) {
            return;
        }
        if (postgres()) {
            StringBuilder array = new StringBuilder(values.size() * 12).append('{');
            for (int i = 0; i < values.size(); i++) {
                Object v = values.get(i);
                array.append(i == 0 ? "" : ",");
                if (v instanceof Number) {
                    array.append(v);
                } else {
                    array.append('"').append(v.toString().replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
                }
            }
            named.query(sql.replace("ANY_OF", "IN (SELECT unnest(CAST(:values AS " + arrayType + "[])))"),
                    new MapSqlParameterSource(params.getValues()).addValue("values", array.append('}').toString()), rows);
            return;
        }
        for (int from = 0; from < values.size(); from += IN_LIST) {
            named.query(sql.replace("ANY_OF", "IN (:values)"), new MapSqlParameterSource(params.getValues())
                    .addValue("values", values.subList(from, Math.min(values.size(), from + IN_LIST))), rows);
        }
    }

    /**
     * The children holding each of these keys, for keys held by at most {@code perKeyCap} children (a key shared
     * by more is too weak to use on its own). One query per thousand keys.
     */
    public Map<Long, long[]> childrenByKeys(long[] keys, int perKeyCap) {
        Map<Long, List<Long>> found = new HashMap<>();
        List<Long> all = new ArrayList<>(keys.length);
        for (long k : keys) {
            all.add(k);
        }
        forValues("SELECT blocking_key, child_id FROM child_blocking_key WHERE blocking_key ANY_OF", "bigint", all,
                new MapSqlParameterSource(), rs -> {
                    found.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(rs.getLong(2));
                });
        Map<Long, long[]> out = new HashMap<>(found.size() * 2);
        found.forEach((key, children) -> {
            if (children.size() <= perKeyCap) {
                out.put(key, children.stream().mapToLong(Long::longValue).toArray());
            }
        });
        return out;
    }

    /** The key by which {@link #childrenWithIdentifiers} answers: scheme, allocating body and value. */
    public static String identifierKey(SourceIdentifier.Scheme scheme, String allocatingBody, String value) {
        return scheme.name() + '|' + allocatingBody + '|' + value;
    }

    /** The child holding each of these identifiers, by {@link #identifierKey}; identifiers nobody holds are absent. */
    public Map<String, Long> childrenWithIdentifiers(Collection<SourceIdentifier> identifiers) {
        Map<String, Long> out = new HashMap<>();
        // by scheme and allocating body, so that each lookup is a range of the unique index on all three
        Map<String, List<String>> values = new LinkedHashMap<>();
        for (SourceIdentifier id : identifiers) {
            values.computeIfAbsent(id.scheme().name() + '|' + id.allocatingBody(), k -> new ArrayList<>()).add(id.value());
        }
        values.forEach((schemeAndBody, all) -> {
            String[] parts = schemeAndBody.split("\\|", 2);
            forValues("""
                            SELECT identifier, child_id FROM source_identifier
                            WHERE scheme = :scheme AND allocating_body = :body AND identifier ANY_OF""", "varchar",
                    all.stream().distinct().toList(),
                    new MapSqlParameterSource("scheme", parts[0]).addValue("body", parts[1]),
                    rs -> {
                        out.put(schemeAndBody + '|' + rs.getString(1), rs.getLong(2));
                    });
        });
        return out;
    }

    /** Which of these ContactPoint IDs are already allocated. */
    public java.util.Set<String> existingContactPointIds(Collection<String> ids) {
        java.util.Set<String> out = new java.util.HashSet<>();
        forValues("SELECT contactpoint_id FROM child WHERE contactpoint_id ANY_OF", "varchar", List.copyOf(ids),
                new MapSqlParameterSource(), rs -> {
                    out.add(rs.getString(1));
                });
        return out;
    }

    /**
     * Records identifiers on existing children in one batch. The caller has checked that nobody holds them; the
     * unique constraint on (scheme, allocating body, identifier) makes a mistake fail the whole transaction.
     */
    public void addIdentifiers(List<Map.Entry<Long, SourceIdentifier>> identifiers) {
        if (identifiers.isEmpty()) {
            return;
        }
        List<Object[]> rows = new ArrayList<>(identifiers.size());
        for (Map.Entry<Long, SourceIdentifier> e : identifiers) {
            SourceIdentifier id = e.getValue();
            rows.add(new Object[] {e.getKey(), id.scheme().name(), id.allocatingBody(), id.value(), id.source(), id.asOf()});
        }
        template.batchUpdate("""
                INSERT INTO source_identifier (child_id, scheme, allocating_body, identifier, source, as_of)
                VALUES (?, ?, ?, ?, ?, ?)""", rows);
    }

    /** Sets the flag only: sealing and opening the fields it protects is {@link FieldSealing}'s. */
    public void setShielded(long childId, boolean shielded) {
        template.update("UPDATE child SET shielded = ?, updated_at = CURRENT_TIMESTAMP, version = version + 1 WHERE id = ?", shielded, childId);
    }

    /** Marks a live record as the suppressed old identity of a child; false when it was not live. */
    public boolean suppress(long childId) {
        return template.update("UPDATE child SET status = 'SUPPRESSED', updated_at = CURRENT_TIMESTAMP, version = version + 1 "
                + "WHERE id = ? AND status = 'LIVE'", childId) == 1;
    }

    public Optional<Long> childWithIdentifier(SourceIdentifier.Scheme scheme, String allocatingBody, String value) {
        return named.queryForList("""
                        SELECT child_id FROM source_identifier
                        WHERE scheme = :scheme AND allocating_body = :body AND identifier = :value""",
                new MapSqlParameterSource("scheme", scheme.name()).addValue("body", allocatingBody).addValue("value", value),
                Long.class).stream().findFirst();
    }

    public boolean addIdentifier(long childId, SourceIdentifier identifier) {
        if (childWithIdentifier(identifier.scheme(), identifier.allocatingBody(), identifier.value()).isPresent()) {
            return false;
        }
        named.update("""
                        INSERT INTO source_identifier (child_id, scheme, allocating_body, identifier, source, as_of)
                        VALUES (:child, :scheme, :body, :value, :source, :asOf)""",
                new MapSqlParameterSource("child", childId).addValue("scheme", identifier.scheme().name())
                        .addValue("body", identifier.allocatingBody()).addValue("value", identifier.value())
                        .addValue("source", identifier.source()).addValue("asOf", identifier.asOf()));
        return true;
    }

    public List<ChildForMatching> first(int limit) {
        return find(template.queryForList("SELECT id FROM child ORDER BY id FETCH FIRST " + Math.max(1, limit) + " ROWS ONLY",
                Long.class));
    }

    public List<Long> withoutKeys(long after, int limit) {
        return named.queryForList("""
                        SELECT c.id FROM child c WHERE c.id > :after AND c.status <> 'MERGED'
                            AND NOT EXISTS (SELECT 1 FROM child_blocking_key b WHERE b.child_id = c.id)
                        ORDER BY c.id FETCH FIRST """ + " " + Math.max(1, limit) + " ROWS ONLY",
                new MapSqlParameterSource("after", after), Long.class);
    }

    /**
     * Brings the query planner's statistics of the matching tables up to date. A bulk run that grows them from
     * nothing would otherwise be planned as if they were still empty (PostgreSQL then filters a whole index range
     * instead of seeking). Cheap: ANALYZE reads a sample.
     */
    public void refreshStatistics() {
        String product = template.execute((org.springframework.jdbc.core.ConnectionCallback<String>)
                connection -> connection.getMetaData().getDatabaseProductName());
        // PostgreSQL says ANALYZE t, H2 ANALYZE TABLE t
        String analyze = "PostgreSQL".equals(product) ? "ANALYZE " : "ANALYZE TABLE ";
        for (String table : STATISTICS_TABLES) {
            template.execute(analyze + table);
        }
    }

    /**
     * After a bulk load, outside any transaction: on PostgreSQL VACUUM ANALYZE the child tables, which also marks
     * their pages all-visible, so that index-only scans of the blocking keys stop visiting the table for every
     * entry (autovacuum would in time, but may be slow or off); elsewhere the statistics only.
     */
    public void tidyAfterBulkLoad() {
        if (!postgres()) {
            refreshStatistics();
            return;
        }
        for (String table : STATISTICS_TABLES) {
            template.execute("VACUUM (ANALYZE) " + table);
        }
    }

    public long keyCount() {
        Long n = template.queryForObject("SELECT COUNT(*) FROM child_blocking_key", Long.class);
        return n == null ? 0 : n;
    }
}
