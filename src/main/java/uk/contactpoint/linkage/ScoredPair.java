package uk.contactpoint.linkage;

/**
 * A compared pair of records, by index into the linked list. {@code weight} is the match weight in bits
 * (log2 of the posterior odds: the prior plus the sum of the field weights), {@code probability} the
 * posterior probability of a match.
 */
public record ScoredPair(int left, int right, double weight, double probability, Decision decision,
        Conflict conflict) {
}
