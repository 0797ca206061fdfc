package uk.contactpoint.audit;

import java.time.Instant;
import java.util.List;

/**
 * One audit event: who (user, organisation, role, client system), when, from where (address, session
 * reference), what (action, the children it touched, detail such as search parameters), why (reason)
 * and outcome. Never a password, PIN, code or token.
 */
public record AuditEvent(Instant occurredAt, String actor, String actorOrganisation, String actorRole,
                         String clientSystem, String remoteAddress, String sessionRef, AuditAction action,
                         List<Long> childIds, String reason, AuditOutcome outcome, String detail) {

    public AuditEvent {
        childIds = List.copyOf(childIds);
    }

    @Override
    public String toString() {
        return "AuditEvent[action=" + action + ", children=" + childIds.size() + ", outcome=" + outcome + "]";
    }
}
