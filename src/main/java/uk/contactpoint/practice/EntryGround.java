package uk.contactpoint.practice;

import java.time.LocalDate;

/**
 * The ground on which a sensitive involvement is recorded (DOMAIN.md section 4): the consent of the child,
 * if of sufficient understanding, or of a parent or carer (who, when, scope); or the practitioner's
 * reasonable cause to suspect significant harm, with their justification.
 */
public record EntryGround(Kind kind, ConsentBy consentBy, LocalDate consentOn, String scope, String justification) {

    public enum Kind { CONSENT, SIGNIFICANT_HARM }

    public enum ConsentBy {
        CHILD("The child"), PARENT_OR_CARER("A parent or carer");

        private final String label;

        ConsentBy(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    public static EntryGround consent(ConsentBy by, LocalDate on, String scope) {
        return new EntryGround(Kind.CONSENT, by, on, scope, null);
    }

    public static EntryGround significantHarm(String justification) {
        return new EntryGround(Kind.SIGNIFICANT_HARM, null, null, null, justification);
    }

    public EntryGround {
        if (kind == Kind.CONSENT && (consentBy == null || consentOn == null)) {
            throw new IllegalArgumentException("Consent: say who gave it and when");
        }
        if (kind == Kind.SIGNIFICANT_HARM && (justification == null || justification.isBlank())) {
            throw new IllegalArgumentException("Significant harm: give the justification");
        }
    }

    @Override
    public String toString() {
        return "EntryGround[" + kind + "]";
    }
}
