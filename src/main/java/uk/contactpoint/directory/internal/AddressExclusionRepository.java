package uk.contactpoint.directory.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import uk.contactpoint.directory.AddressKey;
import uk.contactpoint.directory.ExcludedAddress;

/** The address exclusion register's table, and which children live at an excluded address. */
@Repository
public class AddressExclusionRepository {

    private static final int IN_LIST = 1_000;
    private final JdbcClient jdbc;

    AddressExclusionRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The current entries for any of these postcodes (normalised). */
    public Set<AddressKey> among(Collection<String> postcodes) {
        List<String> all = postcodes.stream().filter(p -> p != null && !p.isBlank()).distinct().toList();
        Set<AddressKey> out = new HashSet<>();
        for (int from = 0; from < all.size(); from += IN_LIST) {
            out.addAll(jdbc.sql("SELECT line1_key, postcode FROM address_exclusion WHERE removed_at IS NULL AND postcode IN (:p)")
                    .param("p", all.subList(from, Math.min(all.size(), from + IN_LIST)))
                    .query((rs, n) -> new AddressKey(rs.getString(1), rs.getString(2))).list());
        }
        return out;
    }

    public long add(AddressKey key, String localAuthority, String by, Instant now) {
        jdbc.sql("""
                        INSERT INTO address_exclusion (line1_key, postcode, local_authority, added_by, added_at)
                        VALUES (:line, :pc, :la, :by, :now)""")
                .param("line", key.line1()).param("pc", key.postcode()).param("la", localAuthority).param("by", by)
                .param("now", Timestamp.from(now)).update();
        return jdbc.sql("SELECT MAX(id) FROM address_exclusion WHERE line1_key = :line AND postcode = :pc AND removed_at IS NULL")
                .param("line", key.line1()).param("pc", key.postcode()).query(Long.class).single();
    }

    public Optional<ExcludedAddress> find(long id) {
        return jdbc.sql("SELECT id, line1_key, postcode, local_authority, added_by, added_at FROM address_exclusion WHERE id = :id AND removed_at IS NULL")
                .param("id", id).query((rs, n) -> entry(rs)).optional();
    }

    public boolean remove(long id, String by, Instant now) {
        return jdbc.sql("UPDATE address_exclusion SET removed_by = :by, removed_at = :now WHERE id = :id AND removed_at IS NULL")
                .param("by", by).param("now", Timestamp.from(now)).param("id", id).update() == 1;
    }

    public List<ExcludedAddress> of(String localAuthority) {
        return jdbc.sql("""
                        SELECT id, line1_key, postcode, local_authority, added_by, added_at FROM address_exclusion
                        WHERE local_authority = :la AND removed_at IS NULL ORDER BY postcode, line1_key""")
                .param("la", localAuthority).query((rs, n) -> entry(rs)).list();
    }

    /** The children (any status) whose stored address this entry covers. */
    public List<Long> childrenAt(AddressKey entry) {
        List<Long> out = new ArrayList<>();
        jdbc.sql("SELECT id, address_line1 FROM child WHERE postcode = :pc").param("pc", entry.postcode())
                .query(rs -> {
                    AddressKey.of(rs.getString(2), entry.postcode()).filter(entry::covers).ifPresent(k -> {
                        try {
                            out.add(rs.getLong(1));
                        } catch (java.sql.SQLException e) {
                            throw new IllegalStateException(e);
                        }
                    });
                });
        return out;
    }

    private static ExcludedAddress entry(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new ExcludedAddress(rs.getLong(1), new AddressKey(rs.getString(2), rs.getString(3)), rs.getString(4),
                rs.getString(5), rs.getObject(6, OffsetDateTime.class).toInstant());
    }
}
