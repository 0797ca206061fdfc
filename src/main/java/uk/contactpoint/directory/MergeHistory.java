package uk.contactpoint.directory;

import java.time.Instant;

/**
 * One merge as recorded: which record survived and which was merged into it, who merged them, when and
 * why, how many rows moved, and, once undone, who undid it, when and why. No personal data beyond the
 * ContactPoint IDs.
 */
public record MergeHistory(long id, long survivorId, ContactPointId survivor, long mergedId, ContactPointId merged,
                           String mergedBy, Instant mergedAt, String reason, int rowsMoved,
                           boolean survivorShieldedByMerge, String unmergedBy, Instant unmergedAt,
                           String unmergeReason) {

    public boolean undone() {
        return unmergedAt != null;
    }
}
