package uk.contactpoint.audit;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * What an auditor narrows an oversight page to: days (inclusive, Europe/London; null for no bound), an action,
 * an outcome and an organisation (null for any). Its {@link #forAudit()} says which filters were set without
 * repeating the organisation typed, so that the audit event carries no free text.
 */
public record AuditFilter(LocalDate from, LocalDate to, AuditAction action, AuditOutcome outcome, String organisation) {

    /** The days of an oversight page are days in England. */
    public static final ZoneId LONDON = ZoneId.of("Europe/London");

    public static final AuditFilter NONE = new AuditFilter(null, null, null, null, null);

    public AuditFilter {
        organisation = organisation == null || organisation.isBlank() ? null : organisation.strip();
        if (from != null && to != null && to.isBefore(from)) {
            throw new IllegalArgumentException("The end date must be the same as or after the start date");
        }
    }

    /** The first instant of the first day, or null. */
    public Instant start() {
        return from == null ? null : from.atStartOfDay(LONDON).toInstant();
    }

    /** The first instant after the last day, or null. */
    public Instant end() {
        return to == null ? null : to.plusDays(1).atStartOfDay(LONDON).toInstant();
    }

    public boolean test(AuditEvent e) {
        return (start() == null || !e.occurredAt().isBefore(start()))
                && (end() == null || e.occurredAt().isBefore(end()))
                && (action == null || e.action() == action)
                && (outcome == null || e.outcome() == outcome)
                && (organisation == null || organisation.equals(e.actorOrganisation()));
    }

    /** The filter as an audit detail: dates, action and outcome, and only whether an organisation was chosen. */
    public String forAudit() {
        return "from=" + (from == null ? "" : from) + ";to=" + (to == null ? "" : to) + ";action="
                + (action == null ? "" : action.name()) + ";outcome=" + (outcome == null ? "" : outcome.name())
                + ";organisation=" + (organisation == null ? "any" : "chosen");
    }
}
