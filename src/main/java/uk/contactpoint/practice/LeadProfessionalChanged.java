package uk.contactpoint.practice;

import java.util.List;

/**
 * A child's lead professional is now the practitioner or team of {@code involvementId}; {@code previous} are the
 * involvements that held the flag until now; {@code changedBy} the user who recorded or confirmed it.
 */
public record LeadProfessionalChanged(long childId, long involvementId, List<Long> previous, long changedBy) {

    public LeadProfessionalChanged {
        previous = List.copyOf(previous);
    }
}
