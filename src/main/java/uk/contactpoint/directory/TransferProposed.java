package uk.contactpoint.directory;

/**
 * A child's address has come to lie in another authority's area than the one responsible for the child: a feed
 * said so, or the responsible LA corrected the address itself. Responsibility does not move on this alone; the
 * transfers module (listening in the publishing transaction) asks the receiving LA to accept it (ADR 42).
 *
 * @param source    the data source that gave the address (a feed's code, or LA_MANUAL)
 * @param raisedBy  the user who corrected the address, or null for a feed
 * @param feedBatch the feed batch the address came in, or null
 */
public record TransferProposed(long childId, LocalAuthorityCode from, LocalAuthorityCode to, String source,
                               String raisedBy, Long feedBatch) {

    @Override
    public String toString() {
        return "TransferProposed[childId=" + childId + ", source=" + source + "]";
    }
}
