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
        Map<Long, Object[]> rows = new LinkedHashMap<>();
        named.query("""
                        SELECT id, contactpoint_id, given_name, middle_names, family_name, date_of_birth, gender, postcode,
                               address_line1, town, responsible_la, shielded, status
                        FROM child WHERE id IN (:ids) ORDER BY id""", new MapSqlParameterSource("ids", ids),
                rs -> {
                    rows.put(rs.getLong(1), new Object[] {rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                            rs.getObject(6, LocalDate.class), rs.getString(7), rs.getString(8), rs.getString(9),
                            rs.getString(10), rs.getString(11), rs.getBoolean(12), rs.getString(13)});
                });
        Map<Long, List<String>> otherNames = new HashMap<>();
        named.query("SELECT child_id, family_name FROM child_name WHERE child_id IN (:ids)", new MapSqlParameterSource("ids", ids),
                rs -> {
                    otherNames.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(rs.getString(2));
                });
        Map<Long, List<SourceIdentifier>> identifiers = new HashMap<>();
        named.query("""
                        SELECT child_id, scheme, allocating_body, identifier, source, as_of FROM source_identifier
                        WHERE child_id IN (:ids)""", new MapSqlParameterSource("ids", ids),
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
        named.update("DELETE FROM child_blocking_key WHERE child_id IN (:ids)", new MapSqlParameterSource("ids", keysByChild.keySet()));
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

    public long keyCount() {
        Long n = template.queryForObject("SELECT COUNT(*) FROM child_blocking_key", Long.class);
        return n == null ? 0 : n;
    }
}
