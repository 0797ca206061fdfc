package uk.contactpoint.audit;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import uk.contactpoint.access.Role;
import uk.contactpoint.access.UserAdministration;
import uk.contactpoint.access.Viewer;
import uk.contactpoint.audit.internal.MisuseMonitor;

/**
 * The LA auditors' queue of misuse alerts: each auditor sees the alerts about users of their own local
 * authority, never those about themselves, and decides each once: dismiss, escalate, or suspend the user
 * (which ends their sessions at once and tells their manager). Looking at the queue and every decision are
 * audited.
 */
@Service
public class MisuseAlerts {

    public enum Decision { DISMISS, ESCALATE, SUSPEND }

    /** An alert as the queue shows it. */
    public record Alert(long id, String rule, String subjectUser, Instant createdAt, Instant windowStart, String summary,
                        List<Long> eventIds, String status, String decidedBy, String note) {
    }

    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final UserAdministration administration;
    private final Clock clock;
    private final MisuseMonitor monitor;

    MisuseAlerts(JdbcClient jdbc, AuditLog audit, UserAdministration administration, Clock clock, MisuseMonitor monitor) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.administration = administration;
        this.clock = clock;
        this.monitor = monitor;
    }

    /**
     * Runs every misuse rule as the monitor would at that moment, over the windows that end by then (the
     * monitor looks back at most two hours, and over the day so far and the day before); returns new alerts.
     * For the usage simulator, which writes days of backdated events and then has them monitored.
     */
    public int scanAsAt(Instant at) {
        return monitor.scan(at);
    }

    /** Every alert about these users, whatever its status, oldest first: for the usage simulator's report. */
    @Transactional(readOnly = true)
    public List<Alert> about(java.util.Collection<String> subjectUsers) {
        List<String> all = List.copyOf(subjectUsers);
        List<Alert> out = new java.util.ArrayList<>();
        for (int from = 0; from < all.size(); from += 500) {
            out.addAll(jdbc.sql("SELECT * FROM misuse_alert WHERE subject_user IN (:users) ORDER BY id")
                    .param("users", all.subList(from, Math.min(from + 500, all.size())))
                    .query((rs, n) -> alert(rs)).list());
        }
        return out;
    }

    public static boolean reviews(Viewer viewer) {
        return viewer.has(Role.LA_AUDITOR) && viewer.localAuthority() != null;
    }

    /** The alerts this auditor may decide, open ones first (never alerts about the auditor). */
    @Transactional
    public List<Alert> queue(Viewer auditor) {
        require(auditor);
        List<Alert> alerts = jdbc.sql("""
                        SELECT * FROM misuse_alert WHERE subject_la = :la AND subject_user <> :me
                        ORDER BY CASE WHEN status = 'OPEN' THEN 0 ELSE 1 END, created_at DESC, id DESC FETCH FIRST 500 ROWS ONLY""")
                .param("la", auditor.localAuthority()).param("me", auditor.username())
                .query((rs, n) -> alert(rs)).list();
        audit.record(auditor, AuditAction.OVERSIGHT, List.of(), null, AuditOutcome.SUCCESS, "misuse queue: " + alerts.size() + " alerts");
        return alerts;
    }

    private static Alert alert(java.sql.ResultSet rs) throws java.sql.SQLException {
        String ids = rs.getString("event_ids");
        OffsetDateTime decided = rs.getObject("decided_at", OffsetDateTime.class);
        return new Alert(rs.getLong("id"), rs.getString("rule"), rs.getString("subject_user"),
                rs.getObject("created_at", OffsetDateTime.class).toInstant(), rs.getObject("window_start", OffsetDateTime.class).toInstant(),
                rs.getString("summary"), ids.isBlank() ? List.of() : java.util.Arrays.stream(ids.split(",")).map(Long::valueOf).toList(),
                rs.getString("status"), rs.getString("decided_by"), rs.getString("note"));
    }

    /**
     * Raises an alert at once, for an act that is always worth a look (break-glass), rather than from the
     * periodic scan of the audit log. {@code subjectLa} is the LA whose auditors see it: for break-glass the
     * record's LA, which may not be the user's own. Joins the caller's transaction, so the alert exists if and
     * only if the act it is about was committed.
     */
    @Transactional(propagation = org.springframework.transaction.annotation.Propagation.MANDATORY)
    public void raiseNow(String rule, String subjectUser, String subjectLa, String summary) {
        Instant now = clock.instant();
        jdbc.sql("""
                        INSERT INTO misuse_alert (rule, subject_user, subject_la, created_at, window_start, summary, event_ids, status)
                        VALUES (:rule, :user, :la, :now, :now, :summary, '', 'OPEN')""")
                .param("rule", rule).param("user", subjectUser).param("la", subjectLa).param("now", Timestamp.from(now))
                .param("summary", summary.length() > 500 ? summary.substring(0, 500) : summary).update();
    }

    /**
     * Decides an open alert.
     *
     * @throws UserAdministration.AccessDenied when the alert is not this auditor's to decide (another LA's, or about themselves)
     * @throws IllegalArgumentException when the alert was decided already, or the note is too long
     */
    @Transactional
    public void decide(Viewer auditor, long alertId, Decision decision, String note) {
        require(auditor);
        if (note != null && note.length() > 500) {
            throw new IllegalArgumentException("Note: up to 500 characters");
        }
        Alert alert = jdbc.sql("SELECT * FROM misuse_alert WHERE id = :id").param("id", alertId).query((rs, n) -> alert(rs))
                .optional().orElseThrow(() -> new UserAdministration.AccessDenied("No such alert"));
        String la = jdbc.sql("SELECT subject_la FROM misuse_alert WHERE id = :id").param("id", alertId).query(String.class).single();
        if (alert.subjectUser().equals(auditor.username())) {
            throw new UserAdministration.AccessDenied("Nobody decides an alert about themselves: another auditor will");
        }
        if (!auditor.localAuthority().equals(la)) {
            throw new UserAdministration.AccessDenied("This alert is about a user of another local authority");
        }
        int updated = jdbc.sql("""
                        UPDATE misuse_alert SET status = :status, decided_by = :me, decided_at = :now, note = :note
                        WHERE id = :id AND status = 'OPEN'""")
                .param("status", switch (decision) {
                    case DISMISS -> "DISMISSED";
                    case ESCALATE -> "ESCALATED";
                    case SUSPEND -> "SUSPENDED";
                })
                .param("me", auditor.username()).param("now", Timestamp.from(clock.instant()))
                .param("note", note == null || note.isBlank() ? null : note.trim()).param("id", alertId).update();
        if (updated != 1) {
            throw new IllegalArgumentException("This alert has been decided already");
        }
        if (decision == Decision.SUSPEND) {
            administration.suspendForMisuse(auditor, alert.subjectUser(), note);
        }
        audit.record(auditor, AuditAction.OVERSIGHT, List.of(), note, AuditOutcome.SUCCESS,
                "alert " + alertId + " " + alert.rule() + " about " + alert.subjectUser() + ": " + decision);
    }

    private static void require(Viewer viewer) {
        if (!reviews(viewer)) {
            throw new UserAdministration.AccessDenied("Only LA auditors review misuse alerts");
        }
    }
}
