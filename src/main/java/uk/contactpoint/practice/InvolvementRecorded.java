package uk.contactpoint.practice;

/**
 * A practitioner recorded their own or their team's involvement with a child (published inside the recording
 * transaction; delivered after it commits). Ids only: whoever handles it reads the record through the
 * disclosure policy.
 */
public record InvolvementRecorded(long childId, long involvementId, long recordedBy) {
}
