package uk.contactpoint.access;

/**
 * A search made on a caller's behalf: the authorised user who took the call (the operator), how they
 * checked the caller is a registered user, and the caller's reason. Carried by the caller's {@link Viewer}
 * so that every audit event of the call names both people.
 */
public record Mediation(String operator, String operatorOrganisation, String operatorRoles, Verification verifiedBy,
                        String reason) {

    /** How the operator checked the caller. */
    public enum Verification {
        /** The caller read out the current code of their own security token. */
        TOKEN_CODE("Code from the caller's security token"),
        /** The operator rang the caller back on the number registered on the caller's account. */
        CALL_BACK("Call back on the caller's registered number");

        private final String label;

        Verification(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    @Override
    public String toString() {
        return "Mediation[verifiedBy=" + verifiedBy + "]";
    }
}
