package uk.contactpoint.practice;

/**
 * An involvement with a child ended: {@code reason} is ENDED, LAPSED or CONSENT_WITHDRAWN; {@code endedBy} the
 * user who ended it (null when it lapsed).
 */
public record InvolvementEnded(long childId, long involvementId, Long endedBy, String reason) {
}
