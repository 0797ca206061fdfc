package uk.contactpoint.access;

/**
 * A user has left their organisation: their account is closed for good. {@code managerId} is their manager
 * (null when none is recorded), to whom their work passes.
 */
public record UserLeft(long userId, long organisationId, Long managerId) {
}
