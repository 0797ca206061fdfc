package uk.contactpoint.directory;

/** Gender as the Regulations allow it to be recorded: including "not specified". */
public enum Gender {
    FEMALE, MALE, NOT_SPECIFIED;

    public String label() {
        return switch (this) {
            case FEMALE -> "Female";
            case MALE -> "Male";
            case NOT_SPECIFIED -> "Not specified";
        };
    }
}
