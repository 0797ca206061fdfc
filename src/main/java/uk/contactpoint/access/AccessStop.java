package uk.contactpoint.access;

/**
 * Why a user who knows their password still cannot use ContactPoint: shown on the sign-in page (only after
 * the right password, or to a user whose session was ended), with whom to ask. Vetting stops access by
 * itself: nobody has to remember to switch it off.
 */
public enum AccessStop {
    NOT_ACTIVATED("Your account has not been activated yet.",
            "Use the activation code your administrator gave you, or ask them for a new one."),
    SUSPENDED("Your account has been suspended.",
            "Ask your manager or your local authority ContactPoint team why, and how to have it reactivated."),
    DBS_MISSING("There is no enhanced DBS check on your account.",
            "Ask your manager to send the date of your enhanced DBS check to your local authority ContactPoint team."),
    DBS_EXPIRED("Your enhanced DBS check is more than 3 years old.",
            "Ask your manager to send the date of your renewed check to your local authority ContactPoint team."),
    TRAINING_MISSING("Your ContactPoint training has not been recorded.",
            "Complete the mandatory training and ask your manager to tell your local authority ContactPoint team."),
    AGREEMENT_MISSING("You have not signed the ContactPoint user agreement.",
            "Sign the user agreement and ask your manager to tell your local authority ContactPoint team."),
    ORGANISATION_NOT_ACCREDITED("Your organisation is not accredited to use ContactPoint.",
            "Ask your organisation's ContactPoint lead to contact the national ContactPoint team."),
    ACCREDITATION_LAPSED("Your organisation's accreditation to use ContactPoint has lapsed.",
            "Ask your organisation's ContactPoint lead to renew it with the national ContactPoint team.");

    private final String reason;
    private final String whatToDo;

    AccessStop(String reason, String whatToDo) {
        this.reason = reason;
        this.whatToDo = whatToDo;
    }

    public String reason() {
        return reason;
    }

    public String whatToDo() {
        return whatToDo;
    }
}
