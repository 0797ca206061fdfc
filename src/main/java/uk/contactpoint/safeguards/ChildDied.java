package uk.contactpoint.safeguards;

/** An LA data manager ({@code recordedBy}) recorded a child's death. The date is not carried. */
public record ChildDied(long childId, long recordedBy) {
}
