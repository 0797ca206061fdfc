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

    @Transactional
    public List<AuditEvent> of(Viewer viewer, long childId) {
        audit.record(viewer, AuditAction.OVERSIGHT, List.of(childId), null, AuditOutcome.SUCCESS, "access history");
        return audit.eventsFor(childId).stream().filter(e -> !isHistoryRead(e)).toList();
    }

    @Transactional
    public List<AuditEvent> export(Viewer viewer, long childId) {
        audit.record(viewer, AuditAction.EXPORT, List.of(childId), null, AuditOutcome.SUCCESS, "access history CSV");
        return audit.eventsFor(childId).stream().filter(e -> !isHistoryRead(e)).toList();
    }

    /** The team's own reads of the history are audited but are not the child's access history. */
    private static boolean isHistoryRead(AuditEvent e) {
        return (e.action() == AuditAction.OVERSIGHT || e.action() == AuditAction.EXPORT)
                && e.detail() != null && e.detail().startsWith("access history");
    }

    /** One CSV line per event, RFC 4180 quoting. */
    public static String csv(List<AuditEvent> events) {
        StringBuilder out = new StringBuilder("occurred_at,user,organisation,role,action,reason,outcome\r\n");
        for (AuditEvent e : events) {
            out.append(String.join(",", List.of(q(e.occurredAt().toString()), q(e.actor()), q(e.actorOrganisation()),
                    q(e.actorRole()), q(e.action().name()), q(e.reason()), q(e.outcome().name())))).append("\r\n");
        }
        return out.toString();
    }

    private static String q(String value) {
        if (value == null) {
            return "";
        }
        // A leading =, +, - or @ would be a formula in a spreadsheet: quote it as text.
        String safe = value.matches("^[=+\\-@].*") ? "'" + value : value;
        return safe.contains(",") || safe.contains("\"") || safe.contains("\n") || safe.contains("\r")
                ? "\"" + safe.replace("\"", "\"\"") + "\"" : safe;
    }
}
