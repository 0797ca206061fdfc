package uk.contactpoint.search;

import uk.contactpoint.directory.ChildForMatching;

/** A child the criteria could mean, with the linkage engine's match probability (best first in a result). */
public record SearchHit(ChildForMatching child, double probability, double weight) {

    @Override
    public String toString() {
        return "SearchHit[child=" + child.id() + ", p=" + probability + "]";
    }
}
