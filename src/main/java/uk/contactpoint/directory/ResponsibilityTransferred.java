package uk.contactpoint.directory;

import java.time.Instant;

/**
 * The local authority responsible for a child changed: the receiving LA accepted a transfer (ADR 42). Published
 * in the transaction that moved it; carries no child data beyond the id, so that listeners elsewhere (reports,
 * notifications) decide for themselves what they may say and to whom.
 *
 * @param transferId the accepted transfer request
 */
public record ResponsibilityTransferred(long childId, LocalAuthorityCode fromLa, LocalAuthorityCode toLa,
                                        long transferId, Instant at) {
}
