package uk.contactpoint.audit.internal;

import java.time.Clock;
import java.util.List;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import uk.contactpoint.access.AccountEvent;
import uk.contactpoint.audit.AuditAction;
import uk.contactpoint.audit.AuditEvent;
import uk.contactpoint.audit.AuditLog;
import uk.contactpoint.audit.AuditOutcome;

/**
 * Records every change to an account (administrative acts, activation, its failures) in the transaction
 * that made it: if the event cannot be written, the change rolls back with it.
 */
@Component
class AccountAuditor {

    private final AuditLog log;
    private final Clock clock;

    AccountAuditor(AuditLog log, Clock clock) {
        this.log = log;
        this.clock = clock;
    }

    @EventListener
    void on(AccountEvent e) {
        AuditAction action = switch (e.kind()) {
            case ACTIVATED, ACTIVATION_FAILED, SECURITY_KEY_ADDED, SECURITY_KEY_REMOVED -> AuditAction.FACTOR_CHANGE;
            default -> AuditAction.ADMIN;
        };
        AuditOutcome outcome = e.kind() == AccountEvent.Kind.ACTIVATION_FAILED ? AuditOutcome.FAILURE : AuditOutcome.SUCCESS;
        String detail = e.kind() + " user=" + e.targetUserId() + (e.detail() == null ? "" : " " + e.detail());
        log.record(new AuditEvent(clock.instant(), e.actor(), e.actorOrganisation(), e.actorRoles(), null,
                e.remoteAddress(), e.sessionRef(), action, List.of(), null, outcome, detail));
    }
}
