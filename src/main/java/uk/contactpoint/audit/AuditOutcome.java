package uk.contactpoint.audit;

/** How a request ended, as far as disclosure goes. */
public enum AuditOutcome {
    /** Child data was returned. */
    DISCLOSED,
    /** Nothing matched, or nothing the viewer may see. */
    NOTHING_DISCLOSED,
    /** A change was made. */
    CHANGED,
    /** The request was refused. */
    REFUSED,
    SUCCESS,
    FAILURE
}
