package uk.contactpoint.audit;

import java.time.Clock;
import java.util.List;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import uk.contactpoint.access.Mediation;
import uk.contactpoint.access.Viewer;
import uk.contactpoint.audit.internal.AuditRepository;
import uk.contactpoint.audit.internal.PersonalValueCipher;

/**
 * Writes audit events. Callers write the event before they return child data, in the same transaction
 * as any change: if the write fails, the exception propagates, the change rolls back and no data leaves.
 */
@Service
public class AuditLog {

    /** How the client system of every mediated event starts. */
    public static final String MEDIATED_PREFIX = "mediated-by:";
    /** How the client system of every event done through a registered API client starts (ADR 35). */
    public static final String CLIENT_PREFIX = "client:";

    private final AuditRepository repository;
    private final Clock clock;
    private final PersonalValueCipher personal;

    AuditLog(AuditRepository repository, Clock clock, PersonalValueCipher personal) {
        this.repository = repository;
        this.clock = clock;
        this.personal = personal;
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

    /**
     * Records an event done by a viewer, timestamped now. For a mediated search (the viewer is the caller)
     * the client system names the operator, the detail adds the operator's organisation and roles and how
     * the caller was verified, and the call's reason stands where the event has none of its own. For a call through
     * the API the client system names the registered client the practitioner's token was issued to.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void record(Viewer viewer, AuditAction action, List<Long> childIds, String reason, AuditOutcome outcome,
                       String detail) {
        record(viewer, action, childIds, reason, outcome, detail, null);
    }

    /**
     * As {@link #record(Viewer, AuditAction, List, String, AuditOutcome, String)}, with personal values (a
     * search's parameters: names, date of birth, postcode, identifiers) kept apart from the detail and
     * encrypted so that purging the children the event concerns makes them unreadable (ADR 30). The detail
     * must then say only which values there were, not what they were.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void record(Viewer viewer, AuditAction action, List<Long> childIds, String reason, AuditOutcome outcome,
                       String detail, String personalValues) {
        Mediation m = viewer.mediation();
        record(new AuditEvent(clock.instant(), viewer.username(), viewer.organisationName(), viewer.roleNames(),
                m != null ? clientSystem(m) : clientSystem(viewer.clientId()), viewer.remoteAddress(), viewer.sessionRef(), action, childIds,
                m != null && reason == null ? m.reason() : reason, outcome, m == null ? detail : mediatedDetail(m, detail)),
                personalValues);
    }

    /**
     * Records an event with personal values kept apart and encrypted (ADR 30); joins the caller's transaction.
     *
     * @return the event's id
     * @throws AuditUnavailableException when the event cannot be written
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public long record(AuditEvent event, String personalValues) {
        try {
            String sealed = personalValues == null || personalValues.isEmpty() ? null
                    : personal.seal(event.childIds(), event.occurredAt(), personalValues);
            return repository.insert(event, sealed);
        } catch (RuntimeException e) {
            throw new AuditUnavailableException(e);
        }
    }

    /**
     * An event's personal values, readable while a key that opens them lives: empty when the event has none or
     * when every child it concerned has been purged (and, for an event about no child, its month has passed
     * the retention period).
     */
    @Transactional(readOnly = true)
    public java.util.Optional<String> personalValues(long eventId) {
        return repository.sealedPersonal(eventId).flatMap(personal::open);
    }

    /**
     * Destroys the audit keys of purged children (ADR 30): the personal values of their events become
     * unreadable; the events, and the hash chain over them, stay as they were. Joins the purge's transaction.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public int forgetChildren(java.util.Collection<Long> childIds) {
        return personal.forgetChildren(childIds);
    }

    /** The client system of a mediated event: the operator's username after a fixed prefix auditors can search for. */
    public static String clientSystem(Mediation m) {
        String value = MEDIATED_PREFIX + m.operator();
        return value.length() > 100 ? value.substring(0, 100) : value;
    }

    /** The client system of an event done through a registered API client, or null for the web service. */
    public static String clientSystem(String clientId) {
        if (clientId == null) {
            return null;
        }
        String value = CLIENT_PREFIX + clientId;
        return value.length() > 100 ? value.substring(0, 100) : value;
    }

    private static String mediatedDetail(Mediation m, String detail) {
        String mediated = "mediated;operator=" + m.operator() + ";operatorOrganisation=" + m.operatorOrganisation()
                + ";operatorRoles=" + m.operatorRoles() + ";verifiedBy=" + m.verifiedBy().name();
        String all = detail == null || detail.isEmpty() ? mediated : detail + ";" + mediated;
        return all.length() > 4000 ? all.substring(0, 4000) : all;
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
