package uk.contactpoint.safeguards;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import uk.contactpoint.access.Role;
import uk.contactpoint.access.Viewer;
import uk.contactpoint.audit.AuditAction;
import uk.contactpoint.audit.AuditLog;
import uk.contactpoint.audit.AuditOutcome;
import uk.contactpoint.directory.ChildRecord;
import uk.contactpoint.directory.ContactPointId;
import uk.contactpoint.directory.Directory;

/**
 * Shielding by an LA's shielding officers (DOMAIN.md section 4): one officer shields a record at once, with a
 * reason category, who asked and a review date; unshielding is proposed by one officer and takes effect only
 * when a different officer of the same LA approves it. Every decision is recorded and audited. The search
 * index follows the shield in the same transaction (a shielded child is found only by name, date of birth
 * and sex).
 */
@Service
public class Shielding {

    public enum ReasonCategory { DOMESTIC_VIOLENCE_OR_REFUGE, ADOPTION, WITNESS_OR_POLICE_PROTECTION, ADOPTION_LINK, SERIOUS_CRIME, OTHER }

    /** A proposal to unshield, waiting for a second officer. */
    public record PendingUnshield(long id, ContactPointId contactPointId, String childName, String proposedBy,
                                  Instant proposedAt, String why) {
    }

    /** Refused: not this officer's to decide (another LA, not a shielding officer, or their own proposal). */
    public static final class NotAllowed extends RuntimeException {
        NotAllowed(String message) {
            super(message);
        }
    }

    private final Directory directory;
    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final Clock clock;
    private final ProtectedFields fields;
    private final org.springframework.context.ApplicationEventPublisher events;

    Shielding(Directory directory, JdbcClient jdbc, AuditLog audit, Clock clock, ProtectedFields fields,
              org.springframework.context.ApplicationEventPublisher events) {
        this.fields = fields;
        this.events = events;
        this.directory = directory;
        this.jdbc = jdbc;
        this.audit = audit;
        this.clock = clock;
    }

    public static boolean shields(Viewer viewer) {
        return viewer.has(Role.LA_SHIELDING_OFFICER) && viewer.localAuthority() != null;
    }

    private ChildRecord childOf(Viewer officer, ContactPointId id) {
        if (!shields(officer)) {
            throw new NotAllowed("Only an LA's shielding officers shield and unshield records");
        }
        return directory.find(id).filter(c -> c.responsibleLa() != null
                        && c.responsibleLa().code().value().equals(officer.localAuthority()))
                .orElseThrow(() -> new IllegalArgumentException("No child your local authority is responsible for has that ContactPoint ID"));
    }

    /**
     * Shields a record now.
     *
     * @throws IllegalArgumentException when the record is not the officer's LA's, is shielded already, or a field is missing
     */
    @Transactional
    public void shield(Viewer officer, ContactPointId id, ReasonCategory reason, String requestedBy, LocalDate reviewDate) {
        ChildRecord child = childOf(officer, id);
        if (child.shielded()) {
            throw new IllegalArgumentException("This record is shielded already");
        }
        String problem = problem(reason, requestedBy, reviewDate);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        apply(officer, child, reason, requestedBy, reviewDate);
    }

    /** What is wrong with a shield's reason, requester or review date, or null; shared with the bulk import. */
    String problem(ReasonCategory reason, String requestedBy, LocalDate reviewDate) {
        if (reason == null) {
            return "Choose why the record is shielded";
        }
        if (requestedBy == null || requestedBy.isBlank() || requestedBy.length() > 200) {
            return "Say who asked for the shield (for example, the child's mother through the LA)";
        }
        LocalDate today = LocalDate.now(clock);
        if (reviewDate == null || !reviewDate.isAfter(today) || reviewDate.isAfter(today.plusYears(5))) {
            return "Set a review date after today and within 5 years";
        }
        return null;
    }

    /** Shields a checked record of the officer's LA: the flag, the decision and one audit event. */
    void apply(Viewer officer, ChildRecord child, ReasonCategory reason, String requestedBy, LocalDate reviewDate) {
        directory.setShielded(child.id(), true);
        jdbc.sql("""
                        INSERT INTO shield_decision (child_id, action, reason_category, requested_by, review_date, local_authority,
                            proposed_by, proposed_at, decided_by, decided_at, status)
                        VALUES (:child, 'SHIELD', :reason, :asked, :review, :la, :me, :now, :me, :now, 'DONE')""")
                .param("child", child.id()).param("reason", reason.name()).param("asked", requestedBy.trim())
                .param("review", reviewDate).param("la", officer.localAuthority()).param("me", officer.username())
                .param("now", Timestamp.from(clock.instant())).update();
        audit.record(officer, AuditAction.RECORD_CHANGE, List.of(child.id()), reason.name(), AuditOutcome.SUCCESS, "shielded");
        events.publishEvent(new RecordShielded(child.id(), officer.userId()));
    }

    /** Proposes unshielding; a second officer must approve. */
    @Transactional
    public long proposeUnshield(Viewer officer, ContactPointId id, String why) {
        ChildRecord child = childOf(officer, id);
        if (!child.shielded()) {
            throw new IllegalArgumentException("This record is not shielded");
        }
        if (why == null || why.isBlank() || why.length() > 200) {
            throw new IllegalArgumentException("Say why the shield is no longer needed, and who asked");
        }
        jdbc.sql("""
                        INSERT INTO shield_decision (child_id, action, requested_by, local_authority, proposed_by, proposed_at, status)
                        VALUES (:child, 'UNSHIELD', :why, :la, :me, :now, 'PENDING')""")
                .param("child", child.id()).param("why", why.trim()).param("la", officer.localAuthority())
                .param("me", officer.username()).param("now", Timestamp.from(clock.instant())).update();
        audit.record(officer, AuditAction.RECORD_CHANGE, List.of(child.id()), why.trim(), AuditOutcome.SUCCESS, "unshield proposed");
        return jdbc.sql("SELECT MAX(id) FROM shield_decision WHERE child_id = :c AND status = 'PENDING'").param("c", child.id())
                .query(Long.class).single();
    }

    /** Approves another officer's proposal: the record is unshielded. */
    @Transactional
    public void approveUnshield(Viewer officer, long proposalId) {
        if (!shields(officer)) {
            throw new NotAllowed("Only an LA's shielding officers unshield records");
        }
        var proposal = jdbc.sql("SELECT child_id, proposed_by, local_authority FROM shield_decision WHERE id = :id AND action = 'UNSHIELD' AND status = 'PENDING'")
                .param("id", proposalId)
                .query((rs, n) -> new Object[] {rs.getLong(1), rs.getString(2), rs.getString(3)}).optional()
                .orElseThrow(() -> new IllegalArgumentException("There is no such proposal waiting"));
        if (!officer.localAuthority().equals(proposal[2])) {
            throw new NotAllowed("This proposal is another local authority's");
        }
        if (officer.username().equals(proposal[1])) {
            throw new NotAllowed("A second member of the team must approve unshielding: you proposed it");
        }
        long childId = (Long) proposal[0];
        jdbc.sql("UPDATE shield_decision SET status = 'DONE', decided_by = :me, decided_at = :now WHERE id = :id AND status = 'PENDING'")
                .param("me", officer.username()).param("now", Timestamp.from(clock.instant())).param("id", proposalId).update();
        // the address and carers' details go back in the clear (opened, and that audited, by ProtectedFields)
        fields.unshield(officer, childId);
        audit.record(officer, AuditAction.RECORD_CHANGE, List.of(childId), null, AuditOutcome.SUCCESS, "unshielded (approved proposal " + proposalId + ")");
    }

    /** What is wrong with a re-confirmed shield's reason, requester or review date, or null (nothing checked else). */
    public String reconfirmationProblem(ReasonCategory reason, String requestedBy, LocalDate reviewDate) {
        return problem(reason, requestedBy, reviewDate);
    }

    /**
     * Re-confirms the shield of a record whose responsibility the officer's LA has just accepted from another LA
     * (ADR 42): the receiving LA decides for itself that the shield still stands, with its own reason, requester and
     * review date. Proposals to unshield the sending LA left waiting are withdrawn: only the responsible LA unshields.
     *
     * @throws IllegalArgumentException when the record is not a shielded one of the officer's LA, or a field is wrong
     */
    @Transactional
    public void reconfirmAfterTransfer(Viewer officer, long childId, ReasonCategory reason, String requestedBy,
                                       LocalDate reviewDate) {
        ChildRecord child = transferred(officer, childId);
        String problem = problem(reason, requestedBy, reviewDate);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        jdbc.sql("""
                        INSERT INTO shield_decision (child_id, action, reason_category, requested_by, review_date, local_authority,
                            proposed_by, proposed_at, decided_by, decided_at, status)
                        VALUES (:child, 'RECONFIRM', :reason, :asked, :review, :la, :me, :now, :me, :now, 'DONE')""")
                .param("child", child.id()).param("reason", reason.name()).param("asked", requestedBy.trim())
                .param("review", reviewDate).param("la", officer.localAuthority()).param("me", officer.username())
                .param("now", Timestamp.from(clock.instant())).update();
        audit.record(officer, AuditAction.RECORD_CHANGE, List.of(child.id()), reason.name(), AuditOutcome.SUCCESS,
                "shield re-confirmed after transfer");
    }

    /**
     * Proposes lifting the shield of a record whose responsibility the officer's LA has just accepted (ADR 42): the
     * record stays shielded until a second officer of the LA approves, as any unshielding. Proposals of the sending LA
     * left waiting are withdrawn. Returns the proposal's id.
     */
    @Transactional
    public long proposeUnshieldAfterTransfer(Viewer officer, long childId, String why) {
        ChildRecord child = transferred(officer, childId);
        return proposeUnshield(officer, child.contactPointId(), why);
    }

    private ChildRecord transferred(Viewer officer, long childId) {
        if (!shields(officer)) {
            throw new NotAllowed("Only an LA's shielding officers re-confirm or lift a shield");
        }
        ChildRecord child = directory.find(childId).filter(c -> c.responsibleLa() != null
                        && c.responsibleLa().code().value().equals(officer.localAuthority()) && c.shielded())
                .orElseThrow(() -> new IllegalArgumentException("No shielded child your local authority is responsible for has that id"));
        jdbc.sql("""
                        UPDATE shield_decision SET status = 'WITHDRAWN', decided_by = :me, decided_at = :now
                        WHERE child_id = :c AND status = 'PENDING' AND local_authority <> :la""")
                .param("me", officer.username()).param("now", Timestamp.from(clock.instant())).param("c", childId)
                .param("la", officer.localAuthority()).update();
        return child;
    }

    /** Proposals to unshield waiting in this officer's LA (their own included, marked as theirs by proposedBy). */
    @Transactional
    public List<PendingUnshield> pending(Viewer officer) {
        if (!shields(officer)) {
            throw new NotAllowed("Only an LA's shielding officers see shielding decisions");
        }
        List<PendingUnshield> pending = jdbc.sql("""
                        SELECT d.id, c.contactpoint_id, c.given_name, c.family_name, d.proposed_by, d.proposed_at, d.requested_by
                        FROM shield_decision d JOIN child c ON c.id = d.child_id
                        WHERE d.local_authority = :la AND d.status = 'PENDING' ORDER BY d.proposed_at""")
                .param("la", officer.localAuthority())
                .query((rs, n) -> new PendingUnshield(rs.getLong(1), new ContactPointId(rs.getString(2)),
                        rs.getString(3) + " " + rs.getString(4), rs.getString(5),
                        rs.getObject(6, OffsetDateTime.class).toInstant(), rs.getString(7)))
                .list();
        if (!pending.isEmpty()) {
            audit.record(officer, AuditAction.OVERSIGHT, List.of(), null, AuditOutcome.SUCCESS,
                    "unshield proposals listed: " + pending.size());
        }
        return pending;
    }
}
