package uk.contactpoint.audit;

import java.util.List;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import uk.contactpoint.access.Viewer;

/**
 * Who looked at a child's record, when, from which organisation and role, and why: for the LA team that is
 * responsible for the child (the caller checks that). Reading the history is itself audited, and so is
 * exporting it.
 */
@Service
public class AccessHistory {

    private final AuditLog audit;

    AccessHistory(AuditLog audit) {
        this.audit = audit;
    }

    /** The events that pass the filter, newest first, and every organisation in the whole history (for choosing one). */
    public record History(List<AuditEvent> events, List<String> organisations) {
    }

    @Transactional
    public List<AuditEvent> of(Viewer viewer, long childId) {
        return of(viewer, childId, AuditFilter.NONE).events();
    }

    /** The child's access history narrowed by the filter; the read, and the filter's settings, are audited. */
    @Transactional
    public History of(Viewer viewer, long childId, AuditFilter filter) {
        audit.record(viewer, AuditAction.OVERSIGHT, List.of(childId), null, AuditOutcome.SUCCESS, "access history: " + filter.forAudit());
        List<AuditEvent> all = history(childId);
        return new History(all.stream().filter(filter::test).toList(), all.stream().map(AuditEvent::actorOrganisation)
                .filter(java.util.Objects::nonNull).distinct().sorted().toList());
    }

    @Transactional
    public List<AuditEvent> export(Viewer viewer, long childId) {
        return export(viewer, childId, AuditFilter.NONE);
    }

    @Transactional
    public List<AuditEvent> export(Viewer viewer, long childId, AuditFilter filter) {
        audit.record(viewer, AuditAction.EXPORT, List.of(childId), null, AuditOutcome.SUCCESS, "access history CSV: " + filter.forAudit());
        return history(childId).stream().filter(filter::test).toList();
    }

    private List<AuditEvent> history(long childId) {
        return audit.eventsFor(childId).stream().filter(e -> !isHistoryRead(e)).toList();
    }

    /** The team's own reads of the history are audited but are not the child's access history. */
    private static boolean isHistoryRead(AuditEvent e) {
        return (e.action() == AuditAction.OVERSIGHT || e.action() == AuditAction.EXPORT)
                && e.detail() != null && e.detail().startsWith("access history");
    }

    /**
     * One CSV line per event, RFC 4180 quoting. The last column is the client system: a case management
     * system, or mediated-by: and the operator's username for a search made on the user's behalf.
     */
    public static String csv(List<AuditEvent> events) {
        StringBuilder out = new StringBuilder("occurred_at,user,organisation,role,action,reason,outcome,client_system\r\n");
        for (AuditEvent e : events) {
            out.append(String.join(",", List.of(q(e.occurredAt().toString()), q(e.actor()), q(e.actorOrganisation()),
                    q(e.actorRole()), q(e.action().name()), q(e.reason()), q(e.outcome().name()), q(e.clientSystem()))))
                    .append("\r\n");
        }
        return out.toString();
    }

    /**
     * A CSV field, RFC 4180 quoted. A value starting with =, +, -, @, a tab or a carriage return would be a formula
     * (or become one) in a spreadsheet: it gets a leading apostrophe so that it stays text (OWASP CSV injection).
     */
    static String q(String value) {
        if (value == null) {
            return "";
        }
        String safe = !value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
        return safe.contains(",") || safe.contains("\"") || safe.contains("\n") || safe.contains("\r")
                ? "\"" + safe.replace("\"", "\"\"") + "\"" : safe;
    }
}
