package uk.contactpoint.safeguards;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import uk.contactpoint.access.Role;
import uk.contactpoint.access.Viewer;
import uk.contactpoint.audit.AuditAction;
import uk.contactpoint.audit.AuditEvent;
import uk.contactpoint.audit.AuditLog;
import uk.contactpoint.audit.AuditOutcome;
import uk.contactpoint.directory.ChildRecord;
import uk.contactpoint.directory.ContactPointId;
import uk.contactpoint.directory.Directory;
import uk.contactpoint.directory.Involvement;

/**
 * A subject access report for one child, for the LA management team responsible for the child: everything
 * the directory holds (unredacted, with where each value came from), the items the law may require the LA
 * to withhold from the requester flagged for the LA's decision (a shielded address, sensitive services
 * given in confidence), and every access to the record by organisation and role. Producing it is audited.
 */
@Service
public class SubjectAccess {

    /** Something the LA must decide whether to disclose to the person asking. */
    public record Withholding(String item, String why) {
    }

    /** How often an organisation in a role looked at the record. */
    public record AccessCount(String organisation, String role, long count) {
    }

    /** The report. */
    public record Report(ChildRecord child, List<Withholding> forDecision, List<AccessCount> accessByOrganisation,
                         List<AuditEvent> accessLog) {
    }

    private final Directory directory;
    private final AuditLog audit;

    private final ProtectedFields fields;

    SubjectAccess(Directory directory, AuditLog audit, ProtectedFields fields) {
        this.fields = fields;
        this.directory = directory;
        this.audit = audit;
    }

    /** Whether this viewer produces subject access reports (an LA's data managers and auditors). */
    public static boolean produces(Viewer viewer) {
        return (viewer.has(Role.LA_DATA_MANAGER) || viewer.has(Role.LA_AUDITOR)) && viewer.localAuthority() != null;
    }

    /**
     * The report on a child the viewer's LA is responsible for, or empty when there is no such child.
     *
     * @throws IllegalArgumentException when the viewer does not produce reports
     */
    @Transactional
    public Optional<Report> report(Viewer viewer, ContactPointId id) {
        if (!produces(viewer)) {
            throw new IllegalArgumentException("Only an LA's data managers and auditors produce subject access reports");
        }
        Optional<ChildRecord> child = directory.find(id).filter(c -> c.responsibleLa() != null
                && c.responsibleLa().code().value().equals(viewer.localAuthority()));
        if (child.isEmpty()) {
            return Optional.empty();
        }
        // Read the log before recording this access (and the opening of sealed fields), so the report shows what others did.
        List<AuditEvent> log = audit.eventsFor(child.get().id()).stream()
                .sorted(Comparator.comparing(AuditEvent::occurredAt)).toList();
        // the report is the whole record, for the LA team to decide what to disclose: sealed fields opened (ADR 26)
        ChildRecord c = fields.openFor(viewer, child.get(), true, i -> true, "subject-access");
        audit.record(viewer, AuditAction.EXPORT, List.of(c.id()), "subject access request", AuditOutcome.DISCLOSED,
                "subject access report");
        Map<String, AccessCount> byOrganisation = new TreeMap<>();
        for (AuditEvent e : log) {
            String key = e.actorOrganisation() + "|" + e.actorRole();
            AccessCount old = byOrganisation.get(key);
            byOrganisation.put(key, new AccessCount(e.actorOrganisation(), e.actorRole(), old == null ? 1 : old.count() + 1));
        }
        return Optional.of(new Report(c, withholdings(c), List.copyOf(byOrganisation.values()), log));
    }

    static List<Withholding> withholdings(ChildRecord c) {
        List<Withholding> items = new java.util.ArrayList<>();
        if (c.status() == uk.contactpoint.directory.RecordStatus.SUPPRESSED) {
            items.add(new Withholding("Anything about the child's new identity",
                    "The record is suppressed: the child has a new identity (adoption, protection). Nothing of it is in this "
                            + "report; do not disclose that it exists to anyone it protects the child against."));
        }
        if (c.shielded()) {
            items.add(new Withholding("The child's address and the carers' addresses",
                    "The record is shielded: do not disclose them to anyone the shield protects the child against."));
        }
        for (Involvement i : c.involvements()) {
            if (i.sensitive()) {
                items.add(new Withholding(i.serviceType().name().replace('_', ' ').toLowerCase() + " ("
                        + (i.organisation() == null ? "service" : i.organisation().name()) + ")",
                        "A sensitive service given in confidence: disclose to a parent only with the child's consent, or where the law requires."));
            }
        }
        return items;
    }
}
