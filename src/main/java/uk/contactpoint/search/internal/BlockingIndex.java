package uk.contactpoint.search.internal;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import uk.contactpoint.directory.ChildForMatching;
import uk.contactpoint.directory.ChildrenAdded;
import uk.contactpoint.directory.Directory;
import uk.contactpoint.linkage.LinkageModel;

/**
 * Keeps the directory's blocking-key index current: children added through the directory are indexed in
 * the same transaction; children loaded in bulk (which bypasses it) are indexed in the background after
 * start-up, in batches, with progress in the log.
 */
@Component
public class BlockingIndex {

    private static final Logger log = LoggerFactory.getLogger(BlockingIndex.class);
    static final int BATCH = 2_000;

    private final Directory directory;
    private final LinkageModel model;
    private final boolean backfill;

    BlockingIndex(Directory directory, SearchModel model, @Value("${contactpoint.search.backfill:true}") boolean backfill) {
        this.directory = directory;
        this.model = model.model();
        this.backfill = backfill;
    }

    @EventListener
    void on(ChildrenAdded added) {
        index(directory.forMatching(added.childIds()));
    }

    /** A shield on or off changes which fields may find the child: its keys are made again. */
    @EventListener
    void on(uk.contactpoint.directory.ChildrenChanged changed) {
        index(directory.forMatching(changed.childIds()));
    }

    /**
     * Indexes these children (replacing any keys they had). A record merged into another gets none: it is
     * never found again, by search or by a feed, until the merge is undone (ADR 15).
     */
    public void index(List<ChildForMatching> children) {
        Map<Long, long[]> keys = new HashMap<>();
        for (ChildForMatching c : children) {
            if (c.status() == uk.contactpoint.directory.RecordStatus.MERGED) {
                keys.put(c.id(), new long[0]);
                continue;
            }
            keys.put(c.id(), MatchingRecords.of(c).stream()
                    .flatMapToLong(r -> LongStream.of(model.blockingKeys(r))).distinct().toArray());
        }
        directory.replaceBlockingKeys(keys);
    }

    @EventListener(ApplicationReadyEvent.class)
    void backfillAfterStart() {
        if (!backfill) {
            return;
        }
        Thread worker = new Thread(this::backfill, "search-index-backfill");
        worker.setDaemon(true);
        worker.start();
    }

    /** Indexes every child that has no keys yet; returns how many. */
    public long backfill() {
        long done = 0;
        try {
            long after = 0;
            for (List<Long> ids = directory.withoutBlockingKeys(after, BATCH); !ids.isEmpty();
                 ids = directory.withoutBlockingKeys(after, BATCH)) {
                index(directory.forMatching(ids));
                after = ids.get(ids.size() - 1);
                done += ids.size();
                if (done % 100_000 < BATCH) {
                    log.info("Search index: {} children indexed", done);
                }
            }
        } catch (RuntimeException e) {
            log.warn("Search index backfill stopped after {} children ({}); it resumes at the next start", done, e.getClass().getSimpleName());
        }
        if (done > 0) {
            log.info("Search index: {} children indexed in all", done);
            // the key table grew from what the planner last saw: without fresh statistics it may scan it whole
            directory.tidyAfterBulkLoad();
        }
        return done;
    }
}
