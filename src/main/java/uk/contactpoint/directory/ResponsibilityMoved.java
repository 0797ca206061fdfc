package uk.contactpoint.directory;

/**
 * A child's responsible local authority changed (published inside the changing transaction). {@code movedBy} is
 * the user who made the change, null for the system.
 */
public record ResponsibilityMoved(long childId, LocalAuthorityCode from, LocalAuthorityCode to, Long movedBy) {
}
