package uk.contactpoint.notify;

/** How often a user is emailed about their notifications; {@link #DAILY} unless they chose otherwise. */
public enum EmailFrequency {
    /** One email for each notification, as it arrives. */
    IMMEDIATE("As each one arrives"),
    /** One email a day, when there is anything new. */
    DAILY("Once a day, if there is anything new (daily digest)"),
    /** No email: notifications only in the service. */
    NONE("Never: I will look in ContactPoint");

    private final String label;

    EmailFrequency(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
