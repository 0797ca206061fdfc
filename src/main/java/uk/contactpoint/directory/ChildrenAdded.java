package uk.contactpoint.directory;

import java.util.List;

/** Children were added to the directory (published inside the transaction that added them). */
public record ChildrenAdded(List<Long> childIds) {

    public ChildrenAdded {
        childIds = List.copyOf(childIds);
    }
}
