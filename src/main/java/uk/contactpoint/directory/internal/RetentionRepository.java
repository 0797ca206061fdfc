package uk.contactpoint.directory.internal;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The directory's side of retention: which live records are due for the archive on a day, archiving
 * them, which archived ones are due for purging, and purging them with everything attached.
 */
@Repository
public class RetentionRepository {

    private final JdbcClient jdbc;

    RetentionRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Live records, and suppressed old identities (ADR 28: they age as the child does), due for the archive on
     * {@code today}, by responsible LA: past the 18th birthday without an
     * extension, past an extension's end, or dead for a year. Dates of birth on 29 February reach 18 on
     * 1 March (an 18th birthday never falls in a leap year), because {@code today.minusYears(18)} of 28
     * February is the 28th.
     */
    public List<Map.Entry<Long, String>> dueForArchive(LocalDate today, int limit) {
        return jdbc.sql("""
                        SELECT id, responsible_la FROM child
                        WHERE status IN ('LIVE', 'SUPPRESSED') AND (
                              (date_of_death IS NULL AND retain_until IS NULL AND date_of_birth <= :adult)
                           OR (date_of_death IS NULL AND retain_until IS NOT NULL AND retain_until <= :today)
                           OR (date_of_death IS NOT NULL AND date_of_death <= :yearAgo))
                        ORDER BY id LIMIT :limit""")
                .param("adult", today.minusYears(18)).param("today", today).param("yearAgo", today.minusYears(1))
                .param("limit", limit)
                .query((rs, n) -> Map.entry(rs.getLong(1), rs.getString(2))).list();
    }

    public int archive(Collection<Long> ids, LocalDate today) {
        if (ids.isEmpty()) {
            return 0;
        }
        return jdbc.sql("UPDATE child SET status = 'ARCHIVED', archived_on = :today WHERE id IN (:ids) AND status IN ('LIVE', 'SUPPRESSED')")
                .param("today", today).param("ids", ids).update();
    }

    /** Archived records whose six years are up, by responsible LA, with the merged records folded into them. */
    public List<Map.Entry<Long, String>> dueForPurge(LocalDate today, int limit) {
        return jdbc.sql("""
                        SELECT id, responsible_la FROM child WHERE status = 'ARCHIVED' AND archived_on <= :cutoff
                        ORDER BY id LIMIT :limit""")
                .param("cutoff", today.minusYears(6)).param("limit", limit)
                .query((rs, n) -> Map.entry(rs.getLong(1), rs.getString(2))).list();
    }

    /**
     * Deletes these records for good, with every row attached to them (names, carers, settings, involvements,
     * identifiers, keys, history of merges) and the records merged into them; returns how many rows of
     * {@code child} went.
     */
    public int purge(Collection<Long> ids) {
        if (ids.isEmpty()) {
            return 0;
        }
        LinkedHashSet<Long> all = new LinkedHashSet<>(ids);
        List<Long> frontier = new ArrayList<>(ids);
        while (!frontier.isEmpty()) {
            List<Long> merged = jdbc.sql("SELECT id FROM child WHERE merged_into IN (:ids)").param("ids", frontier)
                    .query(Long.class).list();
            frontier = merged.stream().filter(all::add).toList();
        }
        jdbc.sql("""
                        DELETE FROM child_merge_row WHERE merge_id IN
                            (SELECT id FROM child_merge WHERE survivor_id IN (:ids) OR merged_id IN (:ids))""")
                .param("ids", all).update();
        jdbc.sql("DELETE FROM child_merge WHERE survivor_id IN (:ids) OR merged_id IN (:ids)").param("ids", all).update();
        jdbc.sql("UPDATE child SET merged_into = NULL WHERE id IN (:ids)").param("ids", all).update();
        return jdbc.sql("DELETE FROM child WHERE id IN (:ids)").param("ids", all).update();
    }

    public void count(String localAuthority, String action, LocalDate day, int children) {
        jdbc.sql("INSERT INTO retention_count (local_authority, action, on_day, children) VALUES (:la, :action, :day, :n)")
                .param("la", localAuthority).param("action", action).param("day", day).param("n", children).update();
    }

    public void recordDeath(long childId, LocalDate dateOfDeath) {
        jdbc.sql("UPDATE child SET date_of_death = :d WHERE id = :id").param("d", dateOfDeath).param("id", childId).update();
    }

    public void extend(long childId, LocalDate retainUntil, String reason, LocalDate reviewOn) {
        jdbc.sql("UPDATE child SET retain_until = :until, extension_reason = :reason, extension_review_on = :review WHERE id = :id")
                .param("until", retainUntil).param("reason", reason).param("review", reviewOn).param("id", childId).update();
    }

    public java.util.Optional<uk.contactpoint.directory.Participation> participation(long childId) {
        return jdbc.sql("SELECT retain_until, extension_reason, extension_review_on FROM child WHERE id = :id AND retain_until IS NOT NULL")
                .param("id", childId)
                .query((rs, n) -> new uk.contactpoint.directory.Participation(rs.getObject(1, LocalDate.class), rs.getString(2),
                        rs.getObject(3, LocalDate.class))).optional();
    }

    /** Takes a lease on a named job until a moment; false when another node holds it. Run in its own transaction. */
    public boolean lease(String job, java.time.Instant now, java.time.Instant until, String holder) {
        try {
            jdbc.sql("""
                            INSERT INTO job_lease (name, locked_until, holder)
                            SELECT :name, :past, NULL WHERE NOT EXISTS (SELECT 1 FROM job_lease WHERE name = :name)""")
                    .param("name", job).param("past", java.sql.Timestamp.from(java.time.Instant.EPOCH)).update();
        } catch (org.springframework.dao.DuplicateKeyException e) {
            // Another node made the job's row at the same moment: it is taking the lease, so this node does not.
            return false;
        }
        return jdbc.sql("UPDATE job_lease SET locked_until = :until, holder = :holder WHERE name = :name AND locked_until < :now")
                .param("until", java.sql.Timestamp.from(until)).param("holder", holder).param("name", job)
                .param("now", java.sql.Timestamp.from(now)).update() == 1;
    }
}
