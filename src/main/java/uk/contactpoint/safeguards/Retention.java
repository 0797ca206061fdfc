package uk.contactpoint.safeguards;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

import uk.contactpoint.access.Role;
import uk.contactpoint.access.Viewer;
import uk.contactpoint.audit.AuditAction;
import uk.contactpoint.audit.AuditEvent;
import uk.contactpoint.audit.AuditLog;
import uk.contactpoint.audit.AuditOutcome;
import uk.contactpoint.directory.ChildRecord;
import uk.contactpoint.directory.ContactPointId;
import uk.contactpoint.directory.Directory;
import uk.contactpoint.directory.RecordStatus;

/**
 * Retention (DOMAIN.md section 6, ADR 24): records leave the live directory at the 18th birthday (29 February
 * birthdays on 1 March), at the end of a participating young person's extension (at most the 25th birthday),
 * or a year after death; six years after archiving they are purged with everything attached, leaving counts
 * per authority and day. Each record archived or purged is one audit event by the system. The job runs in
 * batches of its own transaction and is idempotent: running it twice on a day, or on two nodes, changes
 * nothing more.
 */
@Service
public class Retention {

    public static final int MAX_EXTENDED_AGE = 25;
    static final int BATCH = 1_000;
    /** Why a young person takes part after 18 (DOMAIN.md section 1). */
    public static final List<String> EXTENSION_REASONS = List.of("AGED_18_OR_19", "CARE_LEAVER", "LEARNING_DIFFICULTY");

    /** What one run did. */
    public record Run(int archived, int purged) {
    }

    private final Directory directory;
    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final DisclosurePolicy policy;

    Retention(Directory directory, JdbcClient jdbc, AuditLog audit, ApplicationEventPublisher events,
              TransactionTemplate tx, Clock clock, DisclosurePolicy policy) {
        this.policy = policy;
        this.directory = directory;
        this.jdbc = jdbc;
        this.audit = audit;
        this.events = events;
        this.tx = tx;
        this.clock = clock;
    }

    /** Archives and purges what is due on this day (Europe/London), batch by batch. */
    public Run run(LocalDate today) {
        int archived = 0;
        int batch;
        do {
            batch = tx.execute(s -> archiveBatch(today));
            archived += batch;
        } while (batch == BATCH);
        int purged = 0;
        do {
            batch = tx.execute(s -> purgeBatch(today));
            purged += batch;
        } while (batch == BATCH);
        return new Run(archived, purged);
    }

    private int archiveBatch(LocalDate today) {
        List<Map.Entry<Long, String>> due = directory.dueForArchive(today, BATCH);
        if (due.isEmpty()) {
            return 0;
        }
        directory.archive(due.stream().map(Map.Entry::getKey).toList(), today);
        record(due, "ARCHIVED", today);
        return due.size();
    }

    private int purgeBatch(LocalDate today) {
        List<Map.Entry<Long, String>> due = directory.dueForPurge(today, BATCH);
        if (due.isEmpty()) {
            return 0;
        }
        List<Long> ids = due.stream().map(Map.Entry::getKey).toList();
        jdbc.sql("DELETE FROM shield_decision WHERE child_id IN (:ids) OR child_id IN (SELECT id FROM child WHERE merged_into IN (:ids))")
                .param("ids", ids).update();
        List<Long> forget = new java.util.ArrayList<>(ids);
        forget.addAll(jdbc.sql("SELECT id FROM child WHERE merged_into IN (:ids)").param("ids", ids).query(Long.class).list());
        directory.purge(ids);
        record(due, "PURGED", today);
        // The personal values of their audit events (what was searched for) become unreadable (ADR 30).
        audit.forgetChildren(forget);
        return due.size();
    }

    private void record(List<Map.Entry<Long, String>> children, String action, LocalDate today) {
        Instant now = clock.instant();
        for (Map.Entry<Long, String> c : children) {
            audit.record(new AuditEvent(now, "system", null, null, "retention", null, null, AuditAction.RECORD_CHANGE,
                    List.of(c.getKey()), null, AuditOutcome.CHANGED, "retention " + action.toLowerCase() + " on " + today));
        }
        Map<String, Long> perLa = children.stream()
                .collect(Collectors.groupingBy(Map.Entry::getValue, TreeMap::new, Collectors.counting()));
        perLa.forEach((la, n) -> directory.countRetention(la, action, today, n.intValue()));
    }

    /** A record's retention as its LA's data manager sees it: when it leaves the live directory, and why. */
    public record State(DisclosedChild child, LocalDate dateOfDeath, uk.contactpoint.directory.Participation participation,
                        LocalDate archivesOn) {
    }

    /**
     * The day a live record goes to the archive under the rules of this class: a year after death, the end of an
     * extension, or the 18th birthday. An anniversary of 29 February falls on 1 March in a common year, as the
     * job's date arithmetic has it.
     */
    static LocalDate archivesOn(LocalDate born, LocalDate died, LocalDate retainUntil) {
        if (died != null) {
            return anniversary(died, 1);
        }
        return retainUntil != null ? retainUntil : anniversary(born, 18);
    }

    static LocalDate anniversary(LocalDate date, int years) {
        LocalDate a = date.plusYears(years);
        return date.getMonthValue() == 2 && date.getDayOfMonth() == 29 && a.getDayOfMonth() == 28 ? a.plusDays(1) : a;
    }

    /** A live record of the data manager's authority, with its retention; audited as a view. */
    @Transactional
    public java.util.Optional<State> state(Viewer viewer, ContactPointId id) {
        java.util.Optional<ChildRecord> record = directory.find(id).filter(r -> r.status() == RecordStatus.LIVE);
        if (record.isEmpty()) {
            return java.util.Optional.empty();
        }
        ChildRecord child = managed(viewer, record.get());
        DisclosedChild seen = policy.apply(child, viewer).orElseThrow();
        var participation = directory.participation(child.id());
        audit.record(viewer, AuditAction.RECORD_VIEW, List.of(child.id()), "Retention: death or extension", AuditOutcome.DISCLOSED,
                ChildRecords.detail(child, viewer, false));
        return java.util.Optional.of(new State(seen, child.dateOfDeath(), participation.orElse(null),
                archivesOn(child.dateOfBirth(), child.dateOfDeath(), participation.map(uk.contactpoint.directory.Participation::until).orElse(null))));
    }

    /** Who records deaths and extensions: the data managers of the child's authority. */
    private static ChildRecord managed(Viewer viewer, ChildRecord child) {
        if (!viewer.has(Role.LA_DATA_MANAGER) || !viewer.onManagementTeamOf(child.responsibleLa().code().value())) {
            throw new IllegalArgumentException("Only a data manager of the child's local authority can do this");
        }
        if (child.status() != RecordStatus.LIVE) {
            throw new IllegalArgumentException("This record is not live");
        }
        return child;
    }

    /**
     * An LA data manager records a child's death: the record stays live for a year, then is archived. The
     * practitioners who recorded their involvement are told ({@link ChildDied}).
     */
    @Transactional
    public void recordDeath(Viewer viewer, ContactPointId id, LocalDate dateOfDeath) {
        ChildRecord child = managed(viewer, directory.find(id).orElseThrow(() -> new IllegalArgumentException("No record has that ContactPoint ID")));
        LocalDate today = LocalDate.now(clock);
        if (dateOfDeath == null || dateOfDeath.isAfter(today) || dateOfDeath.isBefore(child.dateOfBirth())) {
            throw new IllegalArgumentException("Date of death must be between the date of birth and today");
        }
        directory.recordDeath(child.id(), dateOfDeath);
        audit.record(viewer, AuditAction.RECORD_CHANGE, List.of(child.id()), null, AuditOutcome.CHANGED, "death recorded");
        events.publishEvent(new ChildDied(child.id(), viewer.userId()));
    }

    /**
     * An LA data manager keeps a participating young person's record live after 18, with their consent, a reason,
     * a review date and an end no later than the 25th birthday; {@code until} null withdraws the extension (the
     * record is archived at the next run if the young person is 18 or over).
     */
    @Transactional
    public void extend(Viewer viewer, ContactPointId id, LocalDate until, String reason, LocalDate reviewOn) {
        ChildRecord child = managed(viewer, directory.find(id).orElseThrow(() -> new IllegalArgumentException("No record has that ContactPoint ID")));
        if (until == null) {
            directory.extendParticipation(child.id(), null, null, null);
            audit.record(viewer, AuditAction.RECORD_CHANGE, List.of(child.id()), null, AuditOutcome.CHANGED, "extension withdrawn");
            return;
        }
        LocalDate latest = child.dateOfBirth().plus(Period.ofYears(MAX_EXTENDED_AGE));
        if (until.isAfter(latest)) {
            throw new IllegalArgumentException("A record can be kept until the 25th birthday at the latest");
        }
        if (!until.isAfter(LocalDate.now(clock))) {
            throw new IllegalArgumentException("The extension must end in the future");
        }
        if (!EXTENSION_REASONS.contains(reason)) {
            throw new IllegalArgumentException("Choose why the young person takes part");
        }
        if (reviewOn == null || reviewOn.isAfter(until)) {
            throw new IllegalArgumentException("Set a review date on or before the end of the extension");
        }
        directory.extendParticipation(child.id(), until, reason, reviewOn);
        audit.record(viewer, AuditAction.RECORD_CHANGE, List.of(child.id()), null, AuditOutcome.CHANGED,
                "extension until " + until + " reason=" + reason);
    }
}
