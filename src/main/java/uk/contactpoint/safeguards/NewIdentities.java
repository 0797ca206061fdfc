package uk.contactpoint.safeguards;

import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import uk.contactpoint.access.Role;
import uk.contactpoint.access.UserAccounts;
import uk.contactpoint.access.Viewer;
import uk.contactpoint.audit.AuditAction;
import uk.contactpoint.audit.AuditLog;
import uk.contactpoint.audit.AuditOutcome;
import uk.contactpoint.directory.ChildRecord;
import uk.contactpoint.directory.ContactPointId;
import uk.contactpoint.directory.Directory;
import uk.contactpoint.directory.EducationStatus;
import uk.contactpoint.directory.Gender;
import uk.contactpoint.directory.Involvement;
import uk.contactpoint.directory.NewChild;
import uk.contactpoint.directory.PersonName;
import uk.contactpoint.directory.RecordStatus;
import uk.contactpoint.directory.Whereabouts;
import uk.contactpoint.notify.Notification;

/**
 * New identities (DOMAIN.md section 5, ADR 28): a data manager or shielding officer of the child's responsible
 * LA records that a child has a new identity (adoption, witness or police protection). A new live record is
 * made with a new ContactPoint ID, the new names and nothing else of the old one: no former or other names, no
 * identifiers, no address, school, GP, carers or involvements; it is shielded unless the LA says not. The old
 * record is suppressed: only its LA's team sees it, nobody finds it, and ingest never links a feed row to it or
 * offers it as a match (a row carrying one of its identifiers is quarantined for the LA). The practitioners
 * working with the old record see their involvement end as closed by the LA, without a word of the new one.
 * The link between the two records is kept in {@code identity_change}, which only this class reads, and is
 * never written into one audit event: each record has its own.
 */
@Service
public class NewIdentities {

    /** Why the child has a new identity; the shield of the new record takes the matching category. */
    public enum Reason {
        ADOPTION("Adoption", Shielding.ReasonCategory.ADOPTION),
        WITNESS_OR_POLICE_PROTECTION("Witness or police protection", Shielding.ReasonCategory.WITNESS_OR_POLICE_PROTECTION),
        OTHER("Another reason", Shielding.ReasonCategory.OTHER);

        private final String label;
        private final Shielding.ReasonCategory shieldReason;

        Reason(String label, Shielding.ReasonCategory shieldReason) {
            this.label = label;
            this.shieldReason = shieldReason;
        }

        public String label() {
            return label;
        }
    }

    /** The ended reason of the old record's involvements: the record was closed by the LA. */
    public static final String CLOSED_BY_LA = "RECORD_CLOSED";

    /**
     * The new identity as the LA typed it: blank text is null; a date of birth or sex left out keeps the old
     * record's. {@link #toString()} prints no personal data.
     */
    public record NewIdentity(String givenName, String middleNames, String familyName, LocalDate dateOfBirth,
                              Gender gender, Reason reason, boolean shield) {
        @Override
        public String toString() {
            return "NewIdentity[reason=" + reason + ", shield=" + shield + "]";
        }
    }

    /** A record of the viewer's LA as the new-identity page shows it; {@code link} is set once it is suppressed. */
    public record Subject(DisclosedChild child, Link link) {
    }

    /** Where a suppressed record's child now is: for the LA's team only. */
    public record Link(ContactPointId newIdentity, Instant recordedAt, String recordedBy, Reason reason) {
    }

    public sealed interface Outcome permits Invalid, Recorded {
    }

    /** Nothing changed: field id to what to correct. */
    public record Invalid(Map<String, String> problems) implements Outcome {
    }

    public record Recorded(ContactPointId newIdentity, boolean shielded) implements Outcome {
    }

    /** Refused: not a data manager or shielding officer (a mediated caller never is). */
    public static final class NotAllowed extends RuntimeException {
        NotAllowed() {
            super("Only a data manager or shielding officer of the child's local authority records a new identity", null, false, false);
        }
    }

    static final String VIEW_REASON = "New identity: the LA's record of a child's new identity";

    private final Directory directory;
    private final DisclosurePolicy policy;
    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final UserAccounts users;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    NewIdentities(Directory directory, DisclosurePolicy policy, JdbcClient jdbc, AuditLog audit, UserAccounts users,
                  ApplicationEventPublisher events, Clock clock) {
        this.directory = directory;
        this.policy = policy;
        this.jdbc = jdbc;
        this.audit = audit;
        this.users = users;
        this.events = events;
        this.clock = clock;
    }

    /** Whether this viewer records new identities: an LA data manager or shielding officer, not through a call. */
    public static boolean records(Viewer viewer) {
        return (viewer.has(Role.LA_DATA_MANAGER) || viewer.has(Role.LA_SHIELDING_OFFICER)) && viewer.localAuthority() != null
                && viewer.mediation() == null;
    }

    /** The record, live or suppressed, when it is the viewer's LA's; anything else is as if it did not exist. */
    private Optional<ChildRecord> ownRecord(Viewer viewer, ContactPointId id) {
        if (!records(viewer)) {
            throw new NotAllowed();
        }
        return directory.find(id)
                .filter(r -> r.status() == RecordStatus.LIVE || r.status() == RecordStatus.SUPPRESSED)
                .filter(r -> viewer.onManagementTeamOf(r.responsibleLa().code().value()));
    }

    /**
     * Opens a record of the viewer's LA for the new-identity page (audited as a view): a live one, to record a new
     * identity, or a suppressed one, with the link to the new record.
     */
    @Transactional
    public Optional<Subject> subject(Viewer viewer, ContactPointId id) {
        Optional<ChildRecord> record = ownRecord(viewer, id);
        if (record.isEmpty()) {
            audit.record(viewer, AuditAction.RECORD_VIEW, directory.find(id).map(r -> List.of(r.id())).orElse(List.of()),
                    VIEW_REASON, AuditOutcome.NOTHING_DISCLOSED, "new identity page");
            return Optional.empty();
        }
        ChildRecord r = record.get();
        DisclosedChild seen = policy.apply(r, viewer).orElseThrow();
        Link link = r.status() == RecordStatus.SUPPRESSED ? link(r.id()).orElse(null) : null;
        audit.record(viewer, AuditAction.RECORD_VIEW, List.of(r.id()), VIEW_REASON, AuditOutcome.DISCLOSED,
                "new identity page;status=" + r.status() + (link != null ? ";new identity link shown" : ""));
        return Optional.of(new Subject(seen, link));
    }

    private Optional<Link> link(long oldChild) {
        return jdbc.sql("""
                        SELECT c.contactpoint_id, i.recorded_at, i.recorded_by, i.reason_category
                        FROM identity_change i JOIN child c ON c.id = i.new_child_id WHERE i.old_child_id = :old""")
                .param("old", oldChild)
                .query((rs, n) -> new Link(new ContactPointId(rs.getString(1)), rs.getObject(2, OffsetDateTime.class).toInstant(),
                        rs.getString(3), Reason.valueOf(rs.getString(4))))
                .optional();
    }

    /**
     * Records a new identity for a live record of the viewer's LA: the new record is made (shielded when asked),
     * the old one suppressed, its current involvements ended as closed by the LA and their practitioners told,
     * pending unshield proposals about it withdrawn, and the link stored for the LA.
     *
     * @return the problems (nothing changed), or the new ContactPoint ID; empty when there is no such live
     *     record of the viewer's LA
     */
    @Transactional
    public Optional<Outcome> record(Viewer viewer, ContactPointId id, NewIdentity identity) {
        Optional<ChildRecord> found = ownRecord(viewer, id).filter(r -> r.status() == RecordStatus.LIVE);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        ChildRecord old = found.get();
        LocalDate today = LocalDate.now(clock);
        Instant now = clock.instant();
        LocalDate born = identity.dateOfBirth() != null ? identity.dateOfBirth() : old.dateOfBirth();
        Gender gender = identity.gender() != null ? identity.gender() : old.gender();
        Map<String, String> problems = new LinkedHashMap<>();
        new ManualChild(identity.givenName(), identity.middleNames(), identity.familyName(), born, gender,
                null, null, null, null, null, null, null, null).problems(today, false).forEach(problems::putIfAbsent);
        if (identity.reason() == null) {
            problems.put("reason", "Choose why the child has a new identity");
        }
        if (!problems.isEmpty()) {
            return Optional.of(new Invalid(problems));
        }
        ManualChild typed = new ManualChild(identity.givenName(), identity.middleNames(), identity.familyName(), born, gender,
                null, null, null, null, null, null, null, null);
        ContactPointId newId = newContactPointId();
        // Nothing of the old record comes across but the LA: names, identifiers, address, settings, carers (an
        // adopted child's parents are new) and involvements would each lead back to the old identity.
        NewChild record = new NewChild(newId, new PersonName(typed.givenName(), typed.middleNames(), typed.familyName()),
                List.of(), born, gender, Whereabouts.NO_ADDRESS_KNOWN, null, null, EducationStatus.UNKNOWN,
                old.responsibleLa().code(), identity.shield(), List.of(), List.of(), List.of(), List.of(),
                ManualRecords.SOURCE, today);
        long newChild = directory.add(List.of(record)).get(0);
        if (identity.shield()) {
            jdbc.sql("""
                            INSERT INTO shield_decision (child_id, action, reason_category, requested_by, review_date, local_authority,
                                proposed_by, proposed_at, decided_by, decided_at, status)
                            VALUES (:child, 'SHIELD', :reason, :asked, :review, :la, :me, :now, :me, :now, 'DONE')""")
                    .param("child", newChild).param("reason", identity.reason().shieldReason.name())
                    .param("asked", "The local authority, with the new identity").param("review", today.plusYears(1))
                    .param("la", old.responsibleLa().code().value()).param("me", viewer.username())
                    .param("now", Timestamp.from(now)).update();
        }
        directory.suppress(old.id());
        jdbc.sql("UPDATE shield_decision SET status = 'WITHDRAWN', decided_by = :me, decided_at = :now WHERE child_id = :c AND status = 'PENDING'")
                .param("me", viewer.username()).param("now", Timestamp.from(now)).param("c", old.id()).update();
        List<Involvement> current = old.involvements().stream().filter(i -> i.current(today)).toList();
        for (Involvement i : current) {
            directory.endInvolvement(i.id(), today.isBefore(i.startDate()) ? i.startDate() : today, CLOSED_BY_LA, now);
        }
        jdbc.sql("""
                        INSERT INTO identity_change (old_child_id, new_child_id, local_authority, reason_category, recorded_by, recorded_at)
                        VALUES (:old, :new, :la, :reason, :me, :now)""")
                .param("old", old.id()).param("new", newChild).param("la", old.responsibleLa().code().value())
                .param("reason", identity.reason().name()).param("me", viewer.username()).param("now", Timestamp.from(now)).update();
        // One event per record: an event naming both would link them for anyone who reads either child's history.
        audit.record(viewer, AuditAction.NEW_IDENTITY, List.of(old.id()), identity.reason().name(), AuditOutcome.CHANGED,
                "record suppressed: the child has a new identity; involvements ended=" + current.size());
        audit.record(viewer, AuditAction.RECORD_CHANGE, List.of(newChild), null, AuditOutcome.CHANGED,
                "record created by the LA; source=" + ManualRecords.SOURCE + ";shielded=" + identity.shield());
        current.stream().map(Involvement::recordedBy).filter(u -> u != null).distinct()
                .forEach(u -> users.contact(u).ifPresent(c -> events.publishEvent(new Notification(u, c.email(),
                        "A record on your My children list has been closed",
                        "The local authority has closed the record of a child on your My children list, and your "
                                + "involvement with it has ended. Ask the local authority's ContactPoint team if you "
                                + "have questions."))));
        return Optional.of(new Recorded(newId, identity.shield()));
    }

    private ContactPointId newContactPointId() {
        while (true) {
            ContactPointId id = ContactPointId.generate(random);
            if (directory.find(id).isEmpty()) {
                return id;
            }
        }
    }
}
