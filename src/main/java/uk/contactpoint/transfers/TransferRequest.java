package uk.contactpoint.transfers;

import java.time.Instant;
import java.time.LocalDate;

import uk.contactpoint.directory.LocalAuthorityCode;

/**
 * A request to the receiving LA to take responsibility for a child: who asked it (a feed's source or the sending
 * LA's user), when it is due, and what became of it. Holds no child data beyond the child's id.
 */
public record TransferRequest(long id, long childId, LocalAuthorityCode fromLa, LocalAuthorityCode toLa, String source,
                              String raisedBy, Instant raisedAt, LocalDate raisedOn, LocalDate dueOn, Status status,
                              Instant escalatedAt, String decidedBy, Instant decidedAt, String declineReason,
                              String shieldOutcome) {

    /** Where a request has got to. */
    public enum Status {
        PENDING("Waiting for the receiving authority"), ACCEPTED("Accepted"), DECLINED("Declined"),
        WITHDRAWN("Withdrawn: the address changed again");

        private final String label;

        Status(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /** Whether a waiting request is past its due day on this day. */
    public boolean overdue(LocalDate today) {
        return status == Status.PENDING && today.isAfter(dueOn);
    }

    public boolean escalated() {
        return escalatedAt != null;
    }

    /** Whether a feed raised it (the sending LA's own correction names its user). */
    public boolean fromFeed() {
        return raisedBy == null;
    }
}
