package uk.contactpoint.ingest;

/** What one data row of a feed became: a valid {@link FeedRecord} or a {@link Reject}. */
public sealed interface FeedRow permits FeedRecord, Reject {

    /** The 1-based data row (the header is row 0). */
    long row();
}
