package uk.contactpoint.audit;

/**
 * The outcome of checking the audit chain: intact, or the first problem found with the id of the first bad
 * event (when the problem is in an event), and how many events signed checkpoints cover and how many are
 * not yet covered (sealed or written after the last checkpoint, at most about 60 s of them).
 */
public record AuditVerification(boolean intact, Long firstBadEventId, String problem, long covered,
                                long notYetCovered, int checkpoints) {

    static AuditVerification bad(Long eventId, String problem, long covered, int checkpoints) {
        return new AuditVerification(false, eventId, problem, covered, 0, checkpoints);
    }
}
