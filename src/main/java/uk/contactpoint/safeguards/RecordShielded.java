package uk.contactpoint.safeguards;

/**
 * A child's record was shielded (one at a time or by an LA's import), by the shielding officer {@code shieldedBy}.
 * Whoever is told says only that the record's details are now restricted.
 */
public record RecordShielded(long childId, long shieldedBy) {
}
