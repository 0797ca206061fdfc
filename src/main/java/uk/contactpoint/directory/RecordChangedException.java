package uk.contactpoint.directory;

/** The record was changed by someone (or something) else after the person amending it loaded it. */
public class RecordChangedException extends RuntimeException {

    public RecordChangedException() {
        super("The record was changed after you opened it: check its values again", null, false, false);
    }
}
