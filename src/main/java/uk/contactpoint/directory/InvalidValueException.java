package uk.contactpoint.directory;

/**
 * A value that failed validation on construction. The message names the field and says what is wrong,
 * without echoing the rejected value: it may be personal data and messages can reach logs.
 */
public class InvalidValueException extends IllegalArgumentException {

    private final String field;

    public InvalidValueException(String field, String problem) {
        super(field + ": " + problem);
        this.field = field;
    }

    /** The name of the field that was rejected, for example "NHS number". */
    public String field() {
        return field;
    }
}
