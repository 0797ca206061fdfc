package uk.contactpoint.audit;

import java.time.Clock;
import java.util.List;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import uk.contactpoint.access.Viewer;
import uk.contactpoint.audit.internal.AuditRepository;

/**
 * Writes audit events. Callers write the event before they return child data, in the same transaction
 * as any change: if the write fails, the exception propagates, the change rolls back and no data leaves.
 */
@Service
public class AuditLog {

    private final AuditRepository repository;
    private final Clock clock;

    AuditLog(AuditRepository repository, Clock clock) {
        this.repository = repository;
        this.clock = clock;
    }

    /**
     * Records an event; joins the caller's transaction.
     *
     * @throws AuditUnavailableException when the event cannot be written
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void record(AuditEvent event) {
        try {
            repository.insert(event);
        } catch (RuntimeException e) {
            throw new AuditUnavailableException(e);
        }
    }

    /** Records an event done by a viewer, timestamped now. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void record(Viewer viewer, AuditAction action, List<Long> childIds, String reason, AuditOutcome outcome,
                       String detail) {
        record(new AuditEvent(clock.instant(), viewer.username(), viewer.organisationName(), viewer.roleNames(), null,
                viewer.remoteAddress(), viewer.sessionRef(), action, childIds, reason, outcome, detail));
    }

    /** The events that touched a child, newest first: for subject access and tests. */
    @Transactional(readOnly = true)
    public List<AuditEvent> eventsFor(long childId) {
        return repository.findByChild(childId);
    }

    public long count() {
        return repository.count();
    }
}
