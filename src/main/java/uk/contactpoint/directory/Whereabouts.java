package uk.contactpoint.directory;

/** What is known of where a child is: an address, or one of the states DOMAIN.md section 2 allows. */
public enum Whereabouts {
    CURRENT_ADDRESS("Current address"),
    LAST_KNOWN_ADDRESS("Last known address"),
    NO_ADDRESS_KNOWN("No address known"),
    LEFT_ENGLAND_INTENDS_TO_RETURN("Left England, known to intend to return within 3 years"),
    LEFT_ENGLAND_NOT_RETURNING("Left England, known not to intend to return within 3 years"),
    LEFT_ENGLAND_INTENTION_UNKNOWN("Left England, intention to return not known"),
    /**
     * Never stored: what the disclosure policy shows in place of an address on the exclusion register (a
     * refuge or safe house, ADR 22).
     */
    ADDRESS_NOT_SHOWN("No address shown");

    private final String label;

    Whereabouts(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public boolean hasAddress() {
        return this == CURRENT_ADDRESS || this == LAST_KNOWN_ADDRESS;
    }

    public boolean leftEngland() {
        return name().startsWith("LEFT_ENGLAND");
    }
}
