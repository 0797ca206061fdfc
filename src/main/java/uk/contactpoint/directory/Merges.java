package uk.contactpoint.directory;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import uk.contactpoint.directory.internal.MergeRepository;

/**
 * Merging two records of one child, and undoing it (ADR 15). The survivor keeps the union of both records'
 * names, carers, settings, involvements and identifiers: each row of the merged record moves to the survivor
 * unless the survivor already records the same fact (that copy stays behind, hidden with the merged record),
 * and the merged record's name becomes an alias of the survivor when it differs. The merged record gets status
 * {@link RecordStatus#MERGED}, points at the survivor and is no longer found. Which rows moved is recorded, so
 * that unmerging moves back exactly those. A shield carries over: if either record was shielded, the survivor
 * is. Each call is one transaction; a refused one changes nothing.
 *
 * <p>Who may merge (an LA data manager of the records' LA; a shielding officer as well for shielded records)
 * is the caller's check: this class knows records, not users.
 */
@Service
public class Merges {

    /** Identifier schemes of which a child has one value: two different values are two children, or an error. */
    private static final Set<SourceIdentifier.Scheme> ONE_PER_CHILD = Set.of(SourceIdentifier.Scheme.NHS_NUMBER,
            SourceIdentifier.Scheme.UPN);

    private final MergeRepository merges;
    private final Directory directory;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    Merges(MergeRepository merges, Directory directory, ApplicationEventPublisher events, Clock clock) {
        this.merges = merges;
        this.directory = directory;
        this.events = events;
        this.clock = clock;
    }

    /**
     * Merges {@code mergedId} into {@code survivorId}.
     *
     * @param by     the username of who merges
     * @param reason why (required)
     * @return the merge's id
     * @throws MergeRefusedException when the records may not be merged; nothing is changed
     */
    @Transactional
    public long merge(long survivorId, long mergedId, String by, String reason) {
        if (survivorId == mergedId) {
            throw new MergeRefusedException("These are the same record: give two different ContactPoint IDs");
        }
        String why = required(reason, "Say why these records are the same child");
        Map<Long, MergeRepository.Locked> locked = merges.lock(List.of(survivorId, mergedId));
        MergeRepository.Locked survivor = locked.get(survivorId);
        MergeRepository.Locked merged = locked.get(mergedId);
        if (survivor == null || merged == null) {
            throw new MergeRefusedException("There is no such record");
        }
        if (!"LIVE".equals(survivor.status()) || !"LIVE".equals(merged.status())) {
            throw new MergeRefusedException("Only live records can be merged: "
                    + (!"LIVE".equals(survivor.status()) ? survivor : merged).contactPointId().formatted() + " is "
                    + (!"LIVE".equals(survivor.status()) ? survivor : merged).status().toLowerCase(Locale.ROOT));
        }
        ChildRecord keep = directory.find(survivorId).orElseThrow();
        ChildRecord gone = directory.find(mergedId).orElseThrow();
        for (SourceIdentifier.Scheme scheme : ONE_PER_CHILD) {
            Set<String> a = values(keep, scheme);
            Set<String> b = values(gone, scheme);
            if (!a.isEmpty() && !b.isEmpty() && !a.equals(b)) {
                throw new MergeRefusedException("These records hold different " + label(scheme) + "s, so they are two "
                        + "children or one number is wrong. Have the wrong number corrected at its source before merging.");
            }
        }

        boolean shieldedByMerge = merged.shielded() && !survivor.shielded();
        long mergeId = merges.insertMerge(survivorId, mergedId, by, clock.instant(), why, shieldedByMerge);
        for (String table : MergeRepository.CHILD_TABLES) {
            Set<String> survivorFacts = new HashSet<>(merges.rows(table, survivorId).values());
            List<Long> moving = new ArrayList<>();
            merges.rows(table, mergedId).forEach((row, fact) -> {
                if (survivorFacts.add(fact)) {
                    moving.add(row);
                }
            });
            merges.move(table, moving, mergedId, survivorId);
            merges.recordRows(mergeId, table, moving, "MOVED");
        }
        if (!sameName(keep.name(), gone.name()) && keep.otherNames().stream().noneMatch(n -> sameName(n, gone.name()))
                && gone.otherNames().stream().noneMatch(n -> sameName(n, gone.name()))) {
            long alias = merges.addAlias(survivorId, gone.name().given(), gone.name().family(),
                    merges.nameSource(mergedId).orElse("LA"), LocalDate.now(clock));
            merges.recordRows(mergeId, "child_name", List.of(alias), "ADDED");
        }
        if (shieldedByMerge) {
            merges.setShielded(survivorId);
        }
        // what moved to a shielded survivor, or made it shielded, is sealed as any shielded child's is (ADR 26)
        directory.sealProtected(List.of(survivorId));
        merges.setMerged(mergedId, survivorId);
        // The search index follows in this transaction: the survivor is found under both names, the merged
        // record no longer at all.
        events.publishEvent(new ChildrenChanged(List.of(survivorId, mergedId)));
        return mergeId;
    }

    /**
     * Undoes a merge: the merged record is live again and gets back exactly the rows the merge moved; the
     * alias the merge added is removed. The survivor stays shielded if the merge shielded it: unshielding is
     * a decision for two of the LA's shielding officers, never a side effect.
     *
     * @throws MergeRefusedException when the merge does not exist, is undone already, or the survivor has
     *                               since been merged into another record (undo that merge first)
     */
    @Transactional
    public MergeHistory unmerge(long mergeId, String by, String reason) {
        String why = required(reason, "Say why the merge was wrong");
        MergeHistory merge = merges.lockMerge(mergeId)
                .orElseThrow(() -> new MergeRefusedException("There is no such merge"));
        if (merge.undone()) {
            throw new MergeRefusedException("This merge was undone already");
        }
        Map<Long, MergeRepository.Locked> locked = merges.lock(List.of(merge.survivorId(), merge.mergedId()));
        MergeRepository.Locked survivor = locked.get(merge.survivorId());
        MergeRepository.Locked merged = locked.get(merge.mergedId());
        if (!"LIVE".equals(survivor.status())) {
            throw new MergeRefusedException("Record " + survivor.contactPointId().formatted() + " is "
                    + survivor.status().toLowerCase(Locale.ROOT) + " since this merge: undo its later merge first");
        }
        if (!"MERGED".equals(merged.status()) || merged.mergedInto() == null || merged.mergedInto() != merge.survivorId()) {
            throw new MergeRefusedException("Record " + merged.contactPointId().formatted() + " is no longer merged into "
                    + survivor.contactPointId().formatted());
        }
        List<MergeRepository.MovedRow> rows = merges.rowsOf(mergeId);
        MergeRepository.byTable(rows, "MOVED").forEach((table, ids) ->
                merges.move(table, ids, merge.survivorId(), merge.mergedId()));
        MergeRepository.byTable(rows, "ADDED").forEach((table, ids) ->
                ids.forEach(id -> merges.delete(table, id, merge.survivorId())));
        merges.setMerged(merge.mergedId(), null);
        merges.markUnmerged(mergeId, by, clock.instant(), why);
        events.publishEvent(new ChildrenChanged(List.of(merge.survivorId(), merge.mergedId())));
        return merges.findMerge(mergeId).orElseThrow();
    }

    /** Merges a record took part in (as survivor or as the merged one), newest first. */
    @Transactional(readOnly = true)
    public List<MergeHistory> history(long childId) {
        return merges.history(childId);
    }

    @Transactional(readOnly = true)
    public Optional<MergeHistory> find(long mergeId) {
        return merges.findMerge(mergeId);
    }

    private static Set<String> values(ChildRecord child, SourceIdentifier.Scheme scheme) {
        Set<String> out = new HashSet<>();
        child.identifiers().stream().filter(i -> i.scheme() == scheme).forEach(i -> out.add(i.value()));
        return out;
    }

    private static String label(SourceIdentifier.Scheme scheme) {
        return switch (scheme) {
            case NHS_NUMBER -> "NHS number";
            case UPN -> "Unique Pupil Number";
            case SUPPLIER_RECORD -> "supplier record id";
        };
    }

    private static boolean sameName(PersonName a, PersonName b) {
        return eq(a.given(), b.given()) && eq(a.family(), b.family());
    }

    private static boolean sameName(OtherName a, PersonName b) {
        return eq(a.given(), b.given()) && eq(a.family(), b.family());
    }

    private static boolean eq(String a, String b) {
        return (a == null ? "" : a.strip().toLowerCase(Locale.ROOT)).equals(b == null ? "" : b.strip().toLowerCase(Locale.ROOT));
    }

    private static String required(String text, String problem) {
        if (text == null || text.isBlank()) {
            throw new MergeRefusedException(problem);
        }
        String t = text.strip();
        if (t.length() > 500) {
            throw new MergeRefusedException("Keep the reason to 500 characters");
        }
        return t;
    }
}
