package uk.contactpoint.ingest;

/**
 * The file as a whole cannot be read as this feed (no header, a wrong or missing column): nothing in it is
 * used. The message says what to fix and names columns only, never data.
 */
public class FeedRefusedException extends RuntimeException {

    public FeedRefusedException(String message) {
        super(message);
    }
}
