package uk.contactpoint.practice;

import java.time.Instant;
import java.time.LocalDate;

/**
 * A practitioner's proposal to become a child's lead professional. {@code status}: PENDING, CONFIRMED,
 * DECLINED or WITHDRAWN; {@code basis} of a confirmed one: CONFIRMED (by the current lead professional or
 * the LA team) or MEETING (agreed at a meeting on {@code meetingOn}).
 */
public record LeadProposal(long id, long childId, long involvementId, long proposedBy, Instant proposedAt,
                           String status, String basis, LocalDate meetingOn) {
}
