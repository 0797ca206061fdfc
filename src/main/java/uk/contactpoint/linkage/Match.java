package uk.contactpoint.linkage;

/** A candidate scored against an incoming record: its index in the candidate list, weight, probability, decision. */
public record Match(int candidate, double weight, double probability, Decision decision, Conflict conflict) {
}
