package uk.contactpoint.directory.internal;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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

    MatchingRepository(JdbcTemplate template) {
        this.template = template;
        this.named = new NamedParameterJdbcTemplate(template);
    }

    public List<ChildForMatching> find(Collection<Long> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        List<Long> all = ids.stream().sorted().distinct().toList();
        Map<Long, Object[]> rows = new java.util.TreeMap<>();
        forValues("""
                        SELECT id, contactpoint_id, given_name, middle_names, family_name, date_of_birth, gender, postcode,
                               address_line1, town, responsible_la, shielded, status
                        FROM child WHERE id ANY_OF""", "bigint", all, new MapSqlParameterSource(),
                rs -> {
                    rows.put(rs.getLong(1), new Object[] {rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                            rs.getObject(6, LocalDate.class), rs.getString(7), rs.getString(8), rs.getString(9),
                            rs.getString(10), rs.getString(11), rs.getBoolean(12), rs.getString(13)});
                });
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
        List<ChildForMatching> out = new ArrayList<>(rows.size());
        rows.forEach((id, r) -> out.add(new ChildForMatching(id, new ContactPointId((String) r[0]), (String) r[1], (String) r[2],
                (String) r[3], otherNames.getOrDefault(id, List.of()), (LocalDate) r[4], Gender.valueOf((String) r[5]),
                (String) r[6], (String) r[7], (String) r[8], (String) r[9], (Boolean) r[10], RecordStatus.valueOf((String) r[11]),
                identifiers.getOrDefault(id, List.of()))));
        return out;
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

    public void setShielded(long childId, boolean shielded) {
        template.update("UPDATE child SET shielded = ?, updated_at = CURRENT_TIMESTAMP, version = version + 1 WHERE id = ?", shielded, childId);
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
        for (String table : List.of("child", "child_blocking_key", "source_identifier", "child_setting")) {
            template.execute(analyze + table);
        }
    }

    public long keyCount() {
        Long n = template.queryForObject("SELECT COUNT(*) FROM child_blocking_key", Long.class);
        return n == null ? 0 : n;
    }
}
