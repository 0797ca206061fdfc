package uk.contactpoint.directory;

/** A merge or unmerge that may not happen, with a reason a person can act on; nothing was changed. */
public class MergeRefusedException extends RuntimeException {

    public MergeRefusedException(String message) {
        super(message);
    }
}
