package uk.contactpoint.safeguards;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import uk.contactpoint.access.Role;
import uk.contactpoint.access.UserAccounts;
import uk.contactpoint.access.UserContact;
import uk.contactpoint.access.Viewer;
import uk.contactpoint.audit.AuditAction;
import uk.contactpoint.audit.AuditLog;
import uk.contactpoint.audit.AuditOutcome;
import uk.contactpoint.directory.ChildRecord;
import uk.contactpoint.directory.ContactPointId;
import uk.contactpoint.directory.Directory;
import uk.contactpoint.notify.Notification;

/**
 * Proportionate access (DOMAIN.md section 9, ADR 25): each day a practitioner may open the records of at most
 * their authority's cap (default 20) of children they have no recorded involvement with; opening the same
 * child again that day is free. Beyond the cap they ask their manager, who approves one child for that day.
 * LA management teams (for their own authority's children) and national administrators are not capped. Days
 * are in Europe/London.
 */
@Service
public class ViewCap {

    static final ZoneId LONDON = ZoneId.of("Europe/London");

    /** The cap is reached: nothing was shown. */
    public static final class Reached extends RuntimeException {
        private final int cap;

        public Reached(int cap) {
            super("You have opened the records of " + cap + " children today that you are not recorded as working with. "
                    + "Ask your manager to approve opening this one.");
            this.cap = cap;
        }

        public int cap() {
            return cap;
        }
    }

    /** A request waiting for a manager: who asks, why, and for which child (shown by ContactPoint ID only). */
    public record Request(long id, String requester, ContactPointId contactPointId, String reason, LocalDate onDay) {
    }

    private final JdbcClient jdbc;
    private final Directory directory;
    private final UserAccounts users;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    ViewCap(JdbcClient jdbc, Directory directory, UserAccounts users, AuditLog audit, ApplicationEventPublisher events,
            Clock clock) {
        this.jdbc = jdbc;
        this.directory = directory;
        this.users = users;
        this.audit = audit;
        this.events = events;
        this.clock = clock;
    }

    private LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), LONDON);
    }

    /** Whether the cap applies to this viewer opening this record (no involvement, not the LA team, not national). */
    static boolean applies(Viewer viewer, ChildRecord record, boolean involved) {
        return !involved && viewer.has(Role.PRACTITIONER) && !viewer.has(Role.NATIONAL_ADMIN)
                && !viewer.onManagementTeamOf(record.responsibleLa().code().value());
    }

    /**
     * Counts this view against the viewer's cap, or throws {@link Reached} when it is full (the caller audits the
     * refusal). Joins the caller's transaction.
     */
    void take(Viewer viewer, ChildRecord record) {
        LocalDate day = today();
        boolean seen = jdbc.sql("SELECT COUNT(*) FROM uninvolved_view WHERE user_id = :u AND on_day = :d AND child_id = :c")
                .param("u", viewer.userId()).param("d", day).param("c", record.id()).query(Long.class).single() > 0;
        if (seen) {
            return;
        }
        int cap = capOf(viewer.localAuthority());
        long used = jdbc.sql("SELECT COUNT(*) FROM uninvolved_view WHERE user_id = :u AND on_day = :d")
                .param("u", viewer.userId()).param("d", day).query(Long.class).single();
        boolean approved = jdbc.sql("""
                        SELECT COUNT(*) FROM view_approval
                        WHERE user_id = :u AND on_day = :d AND child_id = :c AND status = 'APPROVED'""")
                .param("u", viewer.userId()).param("d", day).param("c", record.id()).query(Long.class).single() > 0;
        if (used >= cap && !approved) {
            throw new Reached(cap);
        }
        jdbc.sql("INSERT INTO uninvolved_view (user_id, on_day, child_id) VALUES (:u, :d, :c)")
                .param("u", viewer.userId()).param("d", day).param("c", record.id()).update();
    }

    private int capOf(String localAuthority) {
        if (localAuthority == null) {
            return 20;
        }
        return jdbc.sql("SELECT daily_view_cap FROM local_authority WHERE gss_code = :la").param("la", localAuthority)
                .query(Integer.class).optional().orElse(20);
    }

    /** Asks the viewer's manager to approve opening one more record today. */
    @Transactional
    public void ask(Viewer viewer, ContactPointId id, String reason) {
        if (reason == null || reason.isBlank() || reason.strip().length() > 200) {
            throw new IllegalArgumentException("Say why you need to open this record (up to 200 characters)");
        }
        ChildRecord child = directory.find(id).orElseThrow(() -> new IllegalArgumentException("No record has that ContactPoint ID"));
        UserContact manager = users.managerOf(viewer.userId())
                .orElseThrow(() -> new IllegalArgumentException("No manager is recorded for you: ask your local authority ContactPoint team"));
        jdbc.sql("""
                        INSERT INTO view_approval (user_id, manager_id, child_id, on_day, reason, status, requested_at)
                        VALUES (:u, :m, :c, :d, :r, 'PENDING', :now)""")
                .param("u", viewer.userId()).param("m", manager.userId()).param("c", child.id()).param("d", today())
                .param("r", reason.strip()).param("now", Timestamp.from(clock.instant())).update();
        audit.record(viewer, AuditAction.RECORD_VIEW, List.of(child.id()), reason.strip(), AuditOutcome.REFUSED,
                "daily cap: approval requested");
        events.publishEvent(new Notification(manager.userId(), manager.email(), "A practitioner you manage asks to open a record",
                "Someone you manage has reached the daily limit of records of children they are not working with. "
                        + "Open Approvals to decide."));
    }

    /** The requests waiting for this manager, for today. */
    @Transactional(readOnly = true)
    public List<Request> waitingFor(Viewer manager) {
        return jdbc.sql("""
                        SELECT a.id, u.display_name, c.contactpoint_id, a.reason, a.on_day
                        FROM view_approval a JOIN app_user u ON u.id = a.user_id JOIN child c ON c.id = a.child_id
                        WHERE a.manager_id = :m AND a.status = 'PENDING' AND a.on_day = :d ORDER BY a.requested_at""")
                .param("m", manager.userId()).param("d", today())
                .query((rs, n) -> new Request(rs.getLong(1), rs.getString(2), new ContactPointId(rs.getString(3)),
                        rs.getString(4), rs.getObject(5, LocalDate.class))).list();
    }

    /** The manager approves or declines; the practitioner is told. */
    @Transactional
    public void decide(Viewer manager, long requestId, boolean approve) {
        Optional<Long[]> request = jdbc.sql("SELECT user_id, child_id FROM view_approval WHERE id = :id AND manager_id = :m AND status = 'PENDING'")
                .param("id", requestId).param("m", manager.userId())
                .query((rs, n) -> new Long[] {rs.getLong(1), rs.getLong(2)}).optional();
        Long[] r = request.orElseThrow(() -> new IllegalArgumentException("That request has already been decided, or is not yours to decide"));
        jdbc.sql("UPDATE view_approval SET status = :s, decided_at = :now WHERE id = :id")
                .param("s", approve ? "APPROVED" : "DECLINED").param("now", Timestamp.from(clock.instant())).param("id", requestId).update();
        audit.record(manager, AuditAction.ADMIN, List.of(r[1]), null, AuditOutcome.SUCCESS,
                "daily cap approval " + (approve ? "approved" : "declined") + " request=" + requestId);
        users.contact(r[0]).ifPresent(u -> events.publishEvent(new Notification(u.userId(), u.email(),
                approve ? "Your manager approved opening a record" : "Your manager declined opening a record",
                approve ? "You can open the record you asked about today." : "Your request to open a record was declined.")));
    }
}
