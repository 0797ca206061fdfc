package uk.contactpoint.directory;

import java.util.List;

/** Identifying fields or the shield of these children changed (published inside the changing transaction). */
public record ChildrenChanged(List<Long> childIds) {

    public ChildrenChanged {
        childIds = List.copyOf(childIds);
    }
}
