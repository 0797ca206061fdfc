package uk.contactpoint.access;

/**
 * Something done to a user account: by an administrator (created, suspended, factors reset...), by the
 * user (activated) or by the service itself (vetting lapsed). Published inside the transaction that made
 * the change, so that the audit log records it or the change does not happen.
 */
public record AccountEvent(String actor, String actorOrganisation, String actorRoles, String remoteAddress,
                           String sessionRef, Kind kind, long targetUserId, String detail) {

    public enum Kind { LISTED, VIEWED, CREATED, SUSPENDED, REACTIVATED, FACTORS_RESET, UNLOCKED, VETTING_RECORDED, ACTIVATED, ACTIVATION_FAILED,
        SECURITY_KEY_ADDED, SECURITY_KEY_REMOVED,
        ORGANISATION_ACCREDITED, ORGANISATION_WITHDRAWN, LEFT,
        API_CLIENTS_LISTED, API_CLIENT_REGISTERED, API_CLIENT_REVOKED,
        TOTP_KEYS_ROTATED }

    static AccountEvent by(Viewer admin, Kind kind, long targetUserId, String detail) {
        return new AccountEvent(admin.username(), admin.organisationName(), admin.roleNames(), admin.remoteAddress(),
                admin.sessionRef(), kind, targetUserId, detail);
    }

    @Override
    public String toString() {
        return "AccountEvent[kind=" + kind + ", target=" + targetUserId + "]";
    }
}
