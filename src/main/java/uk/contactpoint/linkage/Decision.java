package uk.contactpoint.linkage;

/** What to do with a scored pair. */
public enum Decision {
    /** Same person: link without review. */
    LINK,
    /** Perhaps the same person: a person decides (the review queue). */
    POSSIBLE_MATCH,
    /** Different people (for an incoming record: a new child). */
    NO_MATCH
}
