package uk.contactpoint.practice;

import java.time.Instant;

/** An inaccuracy a practitioner reported in a record, for the responsible LA's data managers. */
public record InaccuracyReport(long id, long childId, String localAuthority, String field, String description,
                               long reportedBy, Instant reportedAt, String status) {

    @Override
    public String toString() {
        return "InaccuracyReport[id=" + id + ", status=" + status + "]";
    }
}
