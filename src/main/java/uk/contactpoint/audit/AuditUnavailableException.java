package uk.contactpoint.audit;

/**
 * The audit log could not be written. Whatever was being done must not complete: no child data may be
 * returned and no change may stand without its audit event.
 */
public class AuditUnavailableException extends RuntimeException {

    public AuditUnavailableException(Throwable cause) {
        super("The audit log cannot be written, so the request was stopped", cause);
    }
}
