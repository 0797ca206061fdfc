package uk.contactpoint.directory.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import uk.contactpoint.directory.Address;
import uk.contactpoint.directory.Amendment;
import uk.contactpoint.directory.ChildCorrection;
import uk.contactpoint.directory.RecordChangedException;

/**
 * Corrections of a child's identifying values by hand: the child row updated, each changed column kept in
 * {@code child_amendment} with its old value, and the source and date of the new value in
 * {@code value_provenance} (at its granularity: name, date_of_birth, gender, address).
 */
@Repository
public class AmendmentRepository {

    /** Which value_provenance field each column of the child row belongs to. */
    private static final Map<String, String> PROVENANCE_FIELD = Map.of(
            "given_name", "name", "middle_names", "name", "family_name", "name",
            "date_of_birth", "date_of_birth", "gender", "gender",
            "whereabouts", "address", "address_line1", "address", "address_line2", "address", "town", "address",
            "postcode", "address");

    private final JdbcClient jdbc;

    AmendmentRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<Integer> version(long childId) {
        return jdbc.sql("SELECT version FROM child WHERE id = :id").param("id", childId).query(Integer.class).optional();
    }

    /**
     * Applies a correction; returns the columns that changed (empty, and nothing written, when none did).
     *
     * @throws RecordChangedException when the record's version is no longer the one the correction is based on
     */
    public List<String> correct(long childId, ChildCorrection c, Address sealedAddressOpened, String source, LocalDate asOf,
                                String by, String reason, Instant now) {
        Map<String, String> stored = jdbc.sql("""
                        SELECT given_name, middle_names, family_name, date_of_birth, gender, whereabouts, address_line1,
                               address_line2, town, postcode, version, sealed
                        FROM child WHERE id = :id FOR UPDATE""").param("id", childId)
                .query((rs, n) -> {
                    Map<String, String> row = new LinkedHashMap<>();
                    for (String column : List.of("given_name", "middle_names", "family_name", "date_of_birth", "gender",
                            "whereabouts", "address_line1", "address_line2", "town", "postcode", "version", "sealed")) {
                        row.put(column, column.equals("date_of_birth")
                                ? rs.getObject(column, LocalDate.class).toString() : rs.getString(column));
                    }
                    return row;
                }).optional().orElseThrow(RecordChangedException::new);
        if (stored.remove("sealed") != null) {
            // a shielded child's address is sealed: compared with what the safeguards module opened, never with NULL
            if (sealedAddressOpened == null) {
                throw new IllegalStateException("The address of this record is sealed: correct it with the address opened");
            }
            stored.put("address_line1", blankToNull(sealedAddressOpened.line1()));
            stored.put("address_line2", blankToNull(sealedAddressOpened.line2()));
            stored.put("town", blankToNull(sealedAddressOpened.town()));
            stored.put("postcode", sealedAddressOpened.postcode() == null ? null : sealedAddressOpened.postcode().value());
        }
        if (Integer.parseInt(stored.get("version")) != c.basedOnVersion()) {
            throw new RecordChangedException();
        }
        Address a = c.address();
        Map<String, String> wanted = new LinkedHashMap<>();
        wanted.put("given_name", blankToNull(c.name().given()));
        wanted.put("middle_names", blankToNull(c.name().middle()));
        wanted.put("family_name", c.name().family());
        wanted.put("date_of_birth", c.dateOfBirth().toString());
        wanted.put("gender", c.gender().name());
        wanted.put("whereabouts", c.whereabouts().name());
        wanted.put("address_line1", a == null ? null : blankToNull(a.line1()));
        wanted.put("address_line2", a == null ? null : blankToNull(a.line2()));
        wanted.put("town", a == null ? null : blankToNull(a.town()));
        wanted.put("postcode", a == null || a.postcode() == null ? null : a.postcode().value());

        List<String> changed = new ArrayList<>();
        wanted.forEach((column, value) -> {
            if (!Objects.equals(stored.get(column), value)) {
                changed.add(column);
            }
        });
        if (changed.isEmpty()) {
            return changed;
        }
        Timestamp at = Timestamp.from(now);
        // The row first: if its version moved (it cannot while the row is locked, but a database without
        // FOR UPDATE would let it), nothing at all has been written when the exception leaves.
        int updated = jdbc.sql("""
                        UPDATE child SET given_name = :given, middle_names = :middle, family_name = :family,
                            date_of_birth = :dob, gender = :gender, whereabouts = :whereabouts, address_line1 = :line1,
                            address_line2 = :line2, town = :town, postcode = :postcode, updated_at = :at,
                            version = version + 1
                        WHERE id = :id AND version = :version""")
                .param("given", wanted.get("given_name")).param("middle", wanted.get("middle_names"))
                .param("family", wanted.get("family_name")).param("dob", c.dateOfBirth())
                .param("gender", wanted.get("gender")).param("whereabouts", wanted.get("whereabouts"))
                .param("line1", wanted.get("address_line1")).param("line2", wanted.get("address_line2"))
                .param("town", wanted.get("town")).param("postcode", wanted.get("postcode")).param("at", at)
                .param("id", childId).param("version", c.basedOnVersion()).update();
        if (updated != 1) {
            throw new RecordChangedException();
        }
        for (String column : changed) {
            jdbc.sql("""
                            INSERT INTO child_amendment (child_id, field, old_value, new_value, source, amended_by, amended_at, reason)
                            VALUES (:child, :field, :old, :new, :source, :by, :at, :reason)""")
                    .param("child", childId).param("field", column).param("old", stored.get(column))
                    .param("new", wanted.get(column)).param("source", source).param("by", by).param("at", at)
                    .param("reason", reason).update();
        }
        Set<String> provenance = new LinkedHashSet<>();
        changed.forEach(column -> provenance.add(PROVENANCE_FIELD.get(column)));
        for (String field : provenance) {
            // Update, else insert: portable between H2 and PostgreSQL, and the row is locked by the update above.
            int rows = jdbc.sql("UPDATE value_provenance SET source = :source, as_of = :asOf WHERE child_id = :child AND field = :field")
                    .param("source", source).param("asOf", asOf).param("child", childId).param("field", field).update();
            if (rows == 0) {
                jdbc.sql("INSERT INTO value_provenance (child_id, field, source, as_of) VALUES (:child, :field, :source, :asOf)")
                        .param("child", childId).param("field", field).param("source", source).param("asOf", asOf).update();
            }
        }
        return changed;
    }

    public List<Amendment> amendments(long childId) {
        return jdbc.sql("""
                        SELECT field, old_value, new_value, source, amended_by, amended_at, reason, id, sealed
                        FROM child_amendment WHERE child_id = :child ORDER BY amended_at DESC, id DESC""")
                .param("child", childId)
                .query((rs, n) -> new Amendment(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getObject(6, OffsetDateTime.class).toInstant(), rs.getString(7),
                        rs.getLong(8), rs.getString(9)))
                .list();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
