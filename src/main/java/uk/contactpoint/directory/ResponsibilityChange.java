package uk.contactpoint.directory;

import java.time.Instant;

/** One move of a child's responsible LA, for the record's history of responsible authorities. */
public record ResponsibilityChange(LocalAuthorityCode fromLa, LocalAuthorityCode toLa, Instant movedAt, Long transferId,
                                   String acceptedBy) {
}
