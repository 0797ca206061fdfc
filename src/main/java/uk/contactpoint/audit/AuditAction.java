package uk.contactpoint.audit;

/**
 * What was done. {@code MEDIATED_CALL}: an authorised user checked (or failed to check) a caller for a
 * mediated search, or ended the call; the searches and views of the call are SEARCH and RECORD_VIEW.
 */
public enum AuditAction {
    SEARCH, RECORD_VIEW, RECORD_CHANGE, LOGIN, LOGIN_FAILED, LOGOUT, ADMIN, FACTOR_CHANGE, EXPORT, OVERSIGHT,
    /** A list of children shown to a user (their own caseload, proposals waiting for them). */
    LIST,
    /** The user says the record they opened was the wrong child. */
    OPENED_IN_ERROR,
    MEDIATED_CALL,
    /**
     * A practitioner with the child-protection flag overrode a shield (outcome DISCLOSED, with their reason),
     * or tried to and was refused (outcome REFUSED: a wrong PIN or code, a lockout); the LA's closing of the
     * review that follows is OVERSIGHT.
     */
    BREAK_GLASS,
    /**
     * An LA recorded a new identity for a child: the event names the old record only, now suppressed; the new
     * record's creation is an event of its own, so that no event links the two (ADR 28).
     */
    NEW_IDENTITY,

    /**
     * A request for brokered contact with a masked sensitive service (ADR 27) was made, read, listed, passed to the
     * service, accepted or declined; the detail names the request by id and never the service.
     */
    BROKERED_CONTACT,

    /**
     * Sealed fields were opened (ADR 26): for a user about to be shown them (the detail names which kinds, never the
     * values), for unshielding, or by the system for matching a feed chunk or rotating keys (a count only).
     */
    DECRYPT,

    /**
     * A user was told of a change to a child they work with (ADR 34): the event is the recipient's, with the
     * change in the detail; what the notification says was decided by the disclosure policy for that user.
     */
    NOTIFICATION
}
