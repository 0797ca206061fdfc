package uk.contactpoint.directory.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import uk.contactpoint.directory.FieldProtection;
import uk.contactpoint.directory.SealedValue;
import uk.contactpoint.directory.SealedValues;

/**
 * Keeps protected fields sealed at rest (ADR 26): after any write that may have put a shielded child's address,
 * a carer's address or contacts, or a sensitive involvement's details into the clear, {@link #seal} encrypts
 * them through {@link FieldProtection} (the safeguards module's keys) and blanks the plaintext columns, in the
 * writer's transaction. This class can seal but not open: opening is the safeguards module's.
 */
@Repository
public class FieldSealing {

    private static final int IN_LIST = 1_000;
    private static final String CHILD_PLAIN = "(address_line1 IS NOT NULL OR address_line2 IS NOT NULL OR town IS NOT NULL"
            + " OR postcode IS NOT NULL)";
    private static final String CARER_PLAIN = "(c.address_line1 IS NOT NULL OR c.address_line2 IS NOT NULL OR c.town IS NOT NULL"
            + " OR c.postcode IS NOT NULL OR c.phone IS NOT NULL OR c.email IS NOT NULL)";
    private static final String INVOLVEMENT_PLAIN = "(practitioner_name IS NOT NULL OR team_name IS NOT NULL OR role IS NOT NULL"
            + " OR phone IS NOT NULL OR email IS NOT NULL)";

    private final JdbcClient jdbc;
    private final ObjectProvider<FieldProtection> protection;

    FieldSealing(JdbcClient jdbc, ObjectProvider<FieldProtection> protection) {
        this.jdbc = jdbc;
        this.protection = protection;
    }

    private FieldProtection protection() {
        FieldProtection p = protection.getIfAvailable();
        if (p == null) {
            throw new IllegalStateException("No field protection configured: shielded fields cannot be stored");
        }
        return p;
    }

    /** Seals what is still in the clear and must not be, on these children; returns how many rows were sealed. */
    public int seal(Collection<Long> childIds) {
        List<Long> all = List.copyOf(new java.util.LinkedHashSet<>(childIds));
        int sealed = 0;
        for (int from = 0; from < all.size(); from += IN_LIST) {
            List<Long> slice = all.subList(from, Math.min(all.size(), from + IN_LIST));
            sealed += sealChildren(slice) + sealCarers(slice) + sealInvolvements(slice) + sealAmendments(slice)
                    + sealReviews(slice);
        }
        return sealed;
    }

    /**
     * Children with values in the clear that must be sealed (shielded before field encryption, or written by a path
     * that did not seal), at most {@code limit}, after id {@code after}.
     */
    public List<Long> unsealed(long after, int limit) {
        // three index-led parts (child_shielded, involvement_sensitive) rather than one scan of every child
        return jdbc.sql("SELECT id FROM (SELECT id FROM child WHERE shielded = TRUE AND " + CHILD_PLAIN
                        + " UNION SELECT c.child_id FROM carer c JOIN child ch ON ch.id = c.child_id WHERE ch.shielded = TRUE AND "
                        + CARER_PLAIN
                        + " UNION SELECT child_id FROM involvement WHERE sensitive = TRUE AND sealed IS NULL AND " + INVOLVEMENT_PLAIN
                        + " UNION SELECT a.child_id FROM child_amendment a JOIN child ch ON ch.id = a.child_id WHERE ch.shielded = TRUE"
                        + " AND a.sealed IS NULL AND a.field IN ('address_line1', 'address_line2', 'town', 'postcode')"
                        + " AND (a.old_value IS NOT NULL OR a.new_value IS NOT NULL)"
                        + " UNION SELECT ch.id FROM ingest_review r JOIN child ch ON ch.id = r.candidate_child_id"
                        + " OR ch.id = r.decided_child_id WHERE ch.shielded = TRUE AND r.payload LIKE '%;%'"
                        + ") u WHERE id > :after ORDER BY id FETCH FIRST " + Math.max(1, limit) + " ROWS ONLY")
                .param("after", after).query(Long.class).list();
    }

    private int sealChildren(List<Long> ids) {
        List<Object[]> rows = jdbc.sql("SELECT id, address_line1, address_line2, town, postcode FROM child"
                        + " WHERE id IN (:ids) AND shielded = TRUE AND " + CHILD_PLAIN)
                .param("ids", ids)
                .query((rs, n) -> new Object[] {rs.getLong(1), SealedValues.encode(rs.getString(2), rs.getString(3),
                        rs.getString(4), rs.getString(5))}).list();
        for (Object[] r : rows) {
            long id = (Long) r[0];
            jdbc.sql("""
                            UPDATE child SET sealed = :sealed, address_line1 = NULL, address_line2 = NULL, town = NULL,
                                postcode = NULL WHERE id = :id""")
                    .param("sealed", protection().seal(SealedValues.context("child", id), (String) r[1]))
                    .param("id", id).update();
        }
        return rows.size();
    }

    private int sealCarers(List<Long> ids) {
        List<Object[]> rows = jdbc.sql("SELECT c.id, c.address_line1, c.address_line2, c.town, c.postcode, c.phone, c.email"
                        + " FROM carer c JOIN child ch ON ch.id = c.child_id"
                        + " WHERE c.child_id IN (:ids) AND ch.shielded = TRUE AND " + CARER_PLAIN)
                .param("ids", ids)
                .query((rs, n) -> new Object[] {rs.getLong(1), SealedValues.encode(rs.getString(2), rs.getString(3),
                        rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7))}).list();
        for (Object[] r : rows) {
            long id = (Long) r[0];
            jdbc.sql("""
                            UPDATE carer SET sealed = :sealed, address_line1 = NULL, address_line2 = NULL, town = NULL,
                                postcode = NULL, phone = NULL, email = NULL WHERE id = :id""")
                    .param("sealed", protection().seal(SealedValues.context("carer", id), (String) r[1]))
                    .param("id", id).update();
        }
        return rows.size();
    }

    private int sealAmendments(List<Long> ids) {
        List<Object[]> rows = jdbc.sql("""
                        SELECT a.id, a.old_value, a.new_value FROM child_amendment a JOIN child ch ON ch.id = a.child_id
                        WHERE a.child_id IN (:ids) AND ch.shielded = TRUE AND a.sealed IS NULL AND a.field IN (:fields)
                          AND (a.old_value IS NOT NULL OR a.new_value IS NOT NULL)""")
                .param("ids", ids).param("fields", SealedValues.CHILD)
                .query((rs, n) -> new Object[] {rs.getLong(1), SealedValues.encode(rs.getString(2), rs.getString(3))}).list();
        for (Object[] r : rows) {
            long id = (Long) r[0];
            jdbc.sql("UPDATE child_amendment SET sealed = :sealed, old_value = NULL, new_value = NULL WHERE id = :id")
                    .param("sealed", protection().seal(SealedValues.context("child_amendment", id), (String) r[1]))
                    .param("id", id).update();
        }
        return rows.size();
    }

    private int sealInvolvements(List<Long> ids) {
        List<Object[]> rows = jdbc.sql("SELECT id, practitioner_name, team_name, role, phone, email FROM involvement"
                        + " WHERE child_id IN (:ids) AND sensitive = TRUE AND sealed IS NULL AND " + INVOLVEMENT_PLAIN)
                .param("ids", ids)
                .query((rs, n) -> new Object[] {rs.getLong(1), SealedValues.encode(rs.getString(2), rs.getString(3),
                        rs.getString(4), rs.getString(5), rs.getString(6)), rs.getString(2) != null}).list();
        for (Object[] r : rows) {
            long id = (Long) r[0];
            jdbc.sql("""
                            UPDATE involvement SET sealed = :sealed, practitioner_named = :named, practitioner_name = NULL,
                                team_name = NULL, role = NULL, phone = NULL, email = NULL WHERE id = :id""")
                    .param("sealed", protection().seal(SealedValues.context("involvement", id), (String) r[1]))
                    .param("named", r[2]).param("id", id).update();
        }
        return rows.size();
    }

    /**
     * Puts an unshielded child's address and carers' details back in the clear, as the safeguards module opened
     * them (sensitive involvements stay sealed: they are sealed whether or not the child is shielded).
     *
     * @param address the child's address columns, in {@link SealedValues#CHILD} order, or null when it had none sealed
     * @param carers by carer id, the columns in {@link SealedValues#CARER} order
     */
    public void restore(long childId, String[] address, java.util.Map<Long, String[]> carers) {
        if (address != null) {
            jdbc.sql("""
                            UPDATE child SET sealed = NULL, address_line1 = :l1, address_line2 = :l2, town = :town,
                                postcode = :postcode WHERE id = :id AND sealed IS NOT NULL""")
                    .param("l1", address[0], java.sql.Types.VARCHAR).param("l2", address[1], java.sql.Types.VARCHAR)
                    .param("town", address[2], java.sql.Types.VARCHAR).param("postcode", address[3], java.sql.Types.VARCHAR)
                    .param("id", childId).update();
        }
        carers.forEach((id, v) -> jdbc.sql("""
                        UPDATE carer SET sealed = NULL, address_line1 = :l1, address_line2 = :l2, town = :town,
                            postcode = :postcode, phone = :phone, email = :email
                        WHERE id = :id AND child_id = :child AND sealed IS NOT NULL""")
                .param("l1", v[0], java.sql.Types.VARCHAR).param("l2", v[1], java.sql.Types.VARCHAR)
                .param("town", v[2], java.sql.Types.VARCHAR).param("postcode", v[3], java.sql.Types.VARCHAR)
                .param("phone", v[4], java.sql.Types.VARCHAR).param("email", v[5], java.sql.Types.VARCHAR)
                .param("id", id).param("child", childId).update());
    }

    private static boolean payloadTable(String table) {
        return SealedValue.QUARANTINE.equals(table) || SealedValue.REVIEW.equals(table);
    }

    private int sealReviews(List<Long> ids) {
        List<Object[]> rows = jdbc.sql("""
                        SELECT DISTINCT r.id, r.payload FROM ingest_review r JOIN child ch
                            ON ch.id = r.candidate_child_id OR ch.id = r.decided_child_id
                        WHERE ch.id IN (:ids) AND ch.shielded = TRUE AND r.payload LIKE '%;%'""")
                .param("ids", ids)
                .query((rs, n) -> new Object[] {rs.getLong(1), rs.getString(2)}).list();
        for (Object[] r : rows) {
            long id = (Long) r[0];
            jdbc.sql("UPDATE ingest_review SET payload = :sealed WHERE id = :id")
                    .param("sealed", protection().seal(SealedValues.context(SealedValue.REVIEW, id), (String) r[1]))
                    .param("id", id).update();
        }
        return rows.size();
    }

    /** Up to {@code limit} quarantined feed rows whose payload is still in the clear (quarantined before V25). */
    public List<SealedValue> plainQuarantined(long after, int limit) {
        return jdbc.sql("SELECT id, payload FROM " + SealedValue.QUARANTINE + " WHERE id > :after AND payload LIKE '%;%'"
                        + " ORDER BY id FETCH FIRST " + Math.max(1, limit) + " ROWS ONLY")
                .param("after", after)
                .query((rs, n) -> new SealedValue(SealedValue.QUARANTINE, rs.getLong(1), rs.getString(2))).list();
    }

    /** Up to {@code limit} sealed values of a table after row {@code after}, in id order: what rotation walks. */
    public List<SealedValue> sealedIn(String table, long after, int limit) {
        if (!SealedValue.TABLES.contains(table)) {
            throw new IllegalArgumentException("No sealed values in " + table);
        }
        List<SealedValue> out = new ArrayList<>();
        // a feed row's payload is sealed whole: sealed ones hold no ';', which every plaintext payload does
        String sealed = payloadTable(table) ? "payload AS sealed FROM " + table
                + " WHERE payload NOT LIKE '%;%' AND" : "sealed FROM " + table + " WHERE sealed IS NOT NULL AND";
        jdbc.sql("SELECT id, " + sealed + " id > :after ORDER BY id FETCH FIRST " + Math.max(1, limit) + " ROWS ONLY")
                .param("after", after)
                .query(rs -> {
                    out.add(new SealedValue(table, rs.getLong(1), rs.getString(2)));
                });
        return out;
    }

    /** Replaces a ciphertext by another of the same values (rotation); false when the row changed meanwhile. */
    public boolean replace(SealedValue old, String ciphertext) {
        String column = payloadTable(old.table()) ? "payload" : "sealed";
        return jdbc.sql("UPDATE " + old.table() + " SET " + column + " = :new WHERE id = :id AND " + column + " = :old")
                .param("new", ciphertext).param("id", old.id()).param("old", old.ciphertext()).update() == 1;
    }
}
