package uk.contactpoint.safeguards;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import uk.contactpoint.access.Reauthentication;
import uk.contactpoint.access.Role;
import uk.contactpoint.access.SecurityKeys;
import uk.contactpoint.access.UserAccounts;
import uk.contactpoint.access.UserAdministration;
import uk.contactpoint.access.UserContact;
import uk.contactpoint.access.Viewer;
import uk.contactpoint.audit.AuditAction;
import uk.contactpoint.audit.AuditLog;
import uk.contactpoint.audit.AuditOutcome;
import uk.contactpoint.audit.MisuseAlerts;
import uk.contactpoint.directory.ChildRecord;
import uk.contactpoint.directory.ContactPointId;
import uk.contactpoint.directory.Directory;
import uk.contactpoint.notify.Notification;

/**
 * Break-glass (DOMAIN.md section 5, ADR 23): a practitioner with the child-protection flag overrides the shield
 * of a record, giving a reason and re-entering PIN and token code. The record is disclosed past the shield for
 * that one response (nothing is kept that would show it again), sensitive services stay masked, and in the
 * same transaction as the audit event the record's LA is alerted (a misuse alert and a notification to its
 * shielding officers and auditors) and a review task is opened, due in 3 English working days.
 */
@Service
public class BreakGlass {

    public static final int MAX_REASON = 200;
    public static final int MAX_NOTE = 500;
    public static final int REVIEW_WORKING_DAYS = 3;
    /** The rule name of the misuse alert every override raises. */
    public static final String ALERT_RULE = "BREAK_GLASS";

    /** Why an override was not granted. */
    public enum Refusal {
        /** No record the viewer may see has that ContactPoint ID. */
        NO_RECORD,
        /** The record is not restricted for this viewer: open it the ordinary way. */
        NOT_RESTRICTED,
        /** The PIN or the code was wrong, or the code was used before. */
        WRONG_FACTOR,
        /** Too many wrong second factors: the account is locked. */
        LOCKED
    }

    /** The result of an override: the record seen past the shield, or why not. */
    public record Outcome(DisclosedChild child, Refusal refusal) {
        public boolean granted() {
            return child != null;
        }
    }

    /** How the LA closes a review. */
    public enum ReviewOutcome {
        JUSTIFIED("Justified"), NOT_JUSTIFIED("Not justified");

        private final String label;

        ReviewOutcome(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /** A review task as the LA's page shows it. */
    public record Review(long id, long childId, String contactPointId, String username, String organisationName,
                         Instant overriddenAt, String reason, LocalDate dueOn, boolean overdue, String closedBy,
                         Instant closedAt, String outcome, String note) {
        public boolean open() {
            return closedAt == null;
        }
    }

    private final Directory directory;
    private final DisclosurePolicy policy;
    private final AuditLog audit;
    private final Reauthentication reauthentication;
    private final MisuseAlerts alerts;
    private final UserAccounts accounts;
    private final ApplicationEventPublisher events;
    private final JdbcClient jdbc;
    private final Clock clock;

    BreakGlass(Directory directory, DisclosurePolicy policy, AuditLog audit, Reauthentication reauthentication,
               MisuseAlerts alerts, UserAccounts accounts, ApplicationEventPublisher events, JdbcClient jdbc, Clock clock) {
        this.directory = directory;
        this.policy = policy;
        this.audit = audit;
        this.reauthentication = reauthentication;
        this.alerts = alerts;
        this.accounts = accounts;
        this.events = events;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Whether this viewer may override a shield at all (the child-protection flag, as a practitioner, not on a call). */
    public static boolean permitted(Viewer viewer) {
        return DisclosurePolicy.mayBreakGlass(viewer);
    }

    /**
     * Overrides the shield of one record for one response. A refused second factor is audited (without the
     * PIN or code) and counts towards the lockout; nothing of the record is returned.
     *
     * @throws UserAdministration.AccessDenied when the viewer may not override shields
     * @throws IllegalArgumentException when there is no reason, or it is too long
     * @throws uk.contactpoint.audit.AuditUnavailableException when the override cannot be audited (nothing is shown)
     */
    @Transactional
    public Outcome override(Viewer viewer, ContactPointId id, String reason, String pin, String code) {
        return override(viewer, id, reason, () -> reauthentication.confirm(viewer, pin, code), "");
    }

    /**
     * As {@link #override(Viewer, ContactPointId, String, String, String)}, with the viewer's security key in
     * place of PIN and code: its signed assertion over the challenge the viewer was given for this override.
     */
    @Transactional
    public Outcome overrideWithKey(Viewer viewer, ContactPointId id, String reason, String assertionJson,
                                   SecurityKeys.RelyingParty rp, String challenge) {
        return override(viewer, id, reason, () -> reauthentication.confirmKey(viewer, assertionJson, rp, challenge),
                ";by security key");
    }

    private Outcome override(Viewer viewer, ContactPointId id, String reason, Supplier<Reauthentication.Result> secondFactor,
                             String how) {
        if (!permitted(viewer)) {
            throw new UserAdministration.AccessDenied("Only practitioners with the child-protection flag may override a shield");
        }
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("Reason: say why you must see past the shield");
        }
        String why = reason.strip();
        if (why.length() > MAX_REASON) {
            throw new IllegalArgumentException("Reason must be " + MAX_REASON + " characters or fewer");
        }
        Optional<ChildRecord> record = directory.find(id);
        Optional<DisclosedChild> ordinary = record.flatMap(r -> policy.apply(r, viewer));
        if (ordinary.isEmpty()) {
            audit.record(viewer, AuditAction.BREAK_GLASS, record.map(r -> List.of(r.id())).orElse(List.of()), why,
                    AuditOutcome.NOTHING_DISCLOSED, "break-glass;no record");
            return new Outcome(null, Refusal.NO_RECORD);
        }
        ChildRecord child = record.get();
        if (!ordinary.get().restricted()) {
            return new Outcome(null, Refusal.NOT_RESTRICTED);
        }
        Reauthentication.Result factor = secondFactor.get();
        if (factor != Reauthentication.Result.ACCEPTED) {
            audit.record(viewer, AuditAction.BREAK_GLASS, List.of(child.id()), why, AuditOutcome.REFUSED,
                    "break-glass;second factor " + (factor == Reauthentication.Result.LOCKED ? "refused, account locked" : "refused") + how);
            return new Outcome(null, factor == Reauthentication.Result.LOCKED ? Refusal.LOCKED : Refusal.WRONG_FACTOR);
        }
        DisclosedChild disclosed = policy.applyBreakGlass(child, viewer).orElseThrow();
        String la = child.responsibleLa().code().value();
        Instant now = clock.instant();
        LocalDate due = WorkingDays.plus(LocalDate.now(clock), REVIEW_WORKING_DAYS);
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("""
                        INSERT INTO break_glass_review (child_id, local_authority, user_id, username, organisation_name,
                            overridden_at, reason, due_on)
                        VALUES (:child, :la, :user, :username, :organisation, :now, :reason, :due)""")
                .param("child", child.id()).param("la", la).param("user", viewer.userId()).param("username", viewer.username())
                .param("organisation", viewer.organisationName()).param("now", Timestamp.from(now)).param("reason", why)
                .param("due", due).update(key, "id");
        long reviewId = key.getKeyAs(Number.class).longValue();
        audit.record(viewer, AuditAction.BREAK_GLASS, List.of(child.id()), why, AuditOutcome.DISCLOSED,
                "break-glass;review=" + reviewId + how + ";" + ChildRecords.detail(child, viewer, false));
        alerts.raiseNow(ALERT_RULE, viewer.username(), la, "overrode the shield on a record of this local authority"
                + " (break-glass review " + reviewId + ", due " + due + ")");
        tellTheTeam(viewer, la, now, due);
        return new Outcome(disclosed, null);
    }

    /** The LA's shielding officers and auditors, at once (after commit), without naming the child. */
    private void tellTheTeam(Viewer viewer, String la, Instant now, LocalDate due) {
        Map<Long, UserContact> team = new LinkedHashMap<>();
        for (Role role : List.of(Role.LA_SHIELDING_OFFICER, Role.LA_AUDITOR)) {
            accounts.managementTeam(la, role).forEach(c -> team.putIfAbsent(c.userId(), c));
        }
        team.remove(viewer.userId());
        String when = ZonedDateTime.ofInstant(now, clock.getZone()).format(DateTimeFormatter.ofPattern("H:mm 'on' d MMMM yyyy", Locale.UK));
        String body = viewer.username() + " (" + viewer.organisationName() + ") overrode the shield on a record of your local"
                + " authority at " + when + ", giving a reason and their second factor. Review it by "
                + due.format(DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.UK)) + " under Break-glass reviews.";
        team.values().forEach(c -> events.publishEvent(new Notification(c.userId(), c.email(),
                "A shielded record was opened by break-glass", body)));
    }

    /** Whether this viewer reviews their LA's overrides: a shielding officer or auditor of an LA. */
    public static boolean reviews(Viewer viewer) {
        return viewer.localAuthority() != null && viewer.mediation() == null
                && (viewer.has(Role.LA_SHIELDING_OFFICER) || viewer.has(Role.LA_AUDITOR));
    }

    /** The reviews of the viewer's LA: open ones first (oldest due first), then the last closed ones. Audited. */
    @Transactional
    public List<Review> reviewsFor(Viewer team) {
        require(team);
        LocalDate today = LocalDate.now(clock);
        List<Review> list = jdbc.sql("""
                        SELECT r.*, c.contactpoint_id FROM break_glass_review r JOIN child c ON c.id = r.child_id
                        WHERE r.local_authority = :la
                        ORDER BY CASE WHEN r.closed_at IS NULL THEN 0 ELSE 1 END, r.due_on, r.id FETCH FIRST 300 ROWS ONLY""")
                .param("la", team.localAuthority())
                .query((rs, n) -> {
                    OffsetDateTime closed = rs.getObject("closed_at", OffsetDateTime.class);
                    LocalDate due = rs.getObject("due_on", LocalDate.class);
                    return new Review(rs.getLong("id"), rs.getLong("child_id"), rs.getString("contactpoint_id"),
                            rs.getString("username"), rs.getString("organisation_name"),
                            rs.getObject("overridden_at", OffsetDateTime.class).toInstant(), rs.getString("reason"), due,
                            closed == null && today.isAfter(due), rs.getString("closed_by"),
                            closed == null ? null : closed.toInstant(), rs.getString("outcome"), rs.getString("note"));
                }).list();
        audit.record(team, AuditAction.OVERSIGHT, list.stream().map(Review::childId).distinct().toList(), null,
                AuditOutcome.DISCLOSED, "break-glass reviews: " + list.stream().filter(Review::open).count() + " open");
        return list;
    }

    /**
     * Closes an open review of the viewer's LA with an outcome and a note.
     *
     * @throws UserAdministration.AccessDenied when the review is another LA's, or of the viewer's own override
     * @throws IllegalArgumentException when the note is missing or too long, or the review was closed already
     */
    @Transactional
    public void close(Viewer team, long reviewId, ReviewOutcome outcome, String note) {
        require(team);
        if (note == null || note.isBlank()) {
            throw new IllegalArgumentException("Note: say what you checked and what follows");
        }
        if (note.strip().length() > MAX_NOTE) {
            throw new IllegalArgumentException("Note must be " + MAX_NOTE + " characters or fewer");
        }
        Map.Entry<String, String> owner = jdbc.sql("SELECT local_authority, username FROM break_glass_review WHERE id = :id")
                .param("id", reviewId).query((rs, n) -> Map.entry(rs.getString(1), rs.getString(2))).optional()
                .orElseThrow(() -> new UserAdministration.AccessDenied("No such review"));
        if (!owner.getKey().equals(team.localAuthority())) {
            throw new UserAdministration.AccessDenied("This review belongs to another local authority");
        }
        if (owner.getValue().equals(team.username())) {
            throw new UserAdministration.AccessDenied("Nobody reviews their own override: a colleague will");
        }
        int updated = jdbc.sql("""
                        UPDATE break_glass_review SET closed_by = :me, closed_at = :now, outcome = :outcome, note = :note
                        WHERE id = :id AND closed_at IS NULL""")
                .param("me", team.username()).param("now", Timestamp.from(clock.instant())).param("outcome", outcome.name())
                .param("note", note.strip()).param("id", reviewId).update();
        if (updated != 1) {
            throw new IllegalArgumentException("This review has been closed already");
        }
        long child = jdbc.sql("SELECT child_id FROM break_glass_review WHERE id = :id").param("id", reviewId).query(Long.class).single();
        audit.record(team, AuditAction.OVERSIGHT, List.of(child), note.strip(), AuditOutcome.SUCCESS,
                "break-glass review " + reviewId + " of " + owner.getValue() + " closed: " + outcome.name());
    }

    private static void require(Viewer viewer) {
        if (!reviews(viewer)) {
            throw new UserAdministration.AccessDenied("Only the LA's shielding officers and auditors review break-glass");
        }
    }
}
