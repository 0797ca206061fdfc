package uk.contactpoint.search.internal;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import uk.contactpoint.directory.ChildForMatching;
import uk.contactpoint.directory.ChildrenAdded;
import uk.contactpoint.directory.ChildrenChanged;
import uk.contactpoint.linkage.LinkageModel;
import uk.contactpoint.linkage.PreparedRecords;

/**
 * Children standardised for scoring, kept between searches: common names on common dates are candidates of
 * many searches, and standardising a child (phonetic codes, name variants, frequencies) costs more than
 * scoring it. An entry is used only while the child's identifying fields are exactly those it was made from
 * (the search reads them from the database each time), so a change the search module was not told of can
 * never be scored from stale fields; the directory's change events only free the memory sooner. At most
 * {@code contactpoint.search.prepared-cache} children, least recently used dropped first.
 */
@Component
public class PreparedChildren {

    private record Entry(ChildForMatching child, PreparedRecords prepared) {
    }

    private final LinkageModel model;
    private final Map<Long, Entry> entries;

    PreparedChildren(SearchModel model, @Value("${contactpoint.search.prepared-cache:100000}") int capacity) {
        this.model = model.model();
        this.entries = new LinkedHashMap<>(1024, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Long, Entry> eldest) {
                return size() > capacity;
            }
        };
    }

    /** The child's records (one per family name it has had, {@link MatchingRecords}) prepared for the model. */
    public PreparedRecords of(ChildForMatching child) {
        Entry e;
        synchronized (entries) {
            e = entries.get(child.id());
        }
        if (e != null && e.child().equals(child)) {
            return e.prepared();
        }
        PreparedRecords prepared = model.prepare(MatchingRecords.of(child));
        synchronized (entries) {
            entries.put(child.id(), new Entry(child, prepared));
        }
        return prepared;
    }

    @EventListener
    void on(ChildrenAdded added) {
        forget(added.childIds());
    }

    @EventListener
    void on(ChildrenChanged changed) {
        forget(changed.childIds());
    }

    private void forget(Iterable<Long> ids) {
        synchronized (entries) {
            for (Long id : ids) {
                entries.remove(id);
            }
        }
    }

    int size() {
        synchronized (entries) {
            return entries.size();
        }
    }
}
