package uk.contactpoint.audit;

/** What was done. */
public enum AuditAction {
    SEARCH, RECORD_VIEW, RECORD_CHANGE, LOGIN, LOGIN_FAILED, LOGOUT, ADMIN, FACTOR_CHANGE, EXPORT, OVERSIGHT
}
