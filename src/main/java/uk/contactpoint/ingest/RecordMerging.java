package uk.contactpoint.ingest;

import java.util.List;
import java.util.Optional;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import uk.contactpoint.access.Role;
import uk.contactpoint.access.Viewer;
import uk.contactpoint.audit.AuditAction;
import uk.contactpoint.audit.AuditLog;
import uk.contactpoint.audit.AuditOutcome;
import uk.contactpoint.directory.ChildRecord;
import uk.contactpoint.directory.ContactPointId;
import uk.contactpoint.directory.Directory;
import uk.contactpoint.directory.MergeHistory;
import uk.contactpoint.directory.MergeRefusedException;
import uk.contactpoint.directory.Merges;
import uk.contactpoint.directory.RecordStatus;

/**
 * Who may merge and unmerge records, and the audit of it (ADR 15); the directory's {@link Merges} does the
 * work. An LA data manager merges two records of their own authority; when either record is shielded, they
 * must be a shielding officer of the authority as well. The same holds for undoing a merge. Every merge, unmerge
 * and view of a merge history is audited in its transaction.
 */
@Service
public class RecordMerging {

    /** A record's merge history as a viewer may see it: ContactPoint IDs, who, when and why; no other data. */
    public record History(ContactPointId contactPointId, RecordStatus status, ContactPointId mergedInto,
                          List<MergeHistory> merges, boolean mayUnmerge) {
    }

    /** Refused: not this viewer's to do. */
    public static final class NotAllowed extends RuntimeException {
        NotAllowed(String message) {
            super(message);
        }
    }

    private final Merges merges;
    private final Directory directory;
    private final AuditLog audit;

    RecordMerging(Merges merges, Directory directory, AuditLog audit) {
        this.merges = merges;
        this.directory = directory;
        this.audit = audit;
    }

    /** Whether the viewer merges records: an LA data manager of an authority. */
    public static boolean merges(Viewer viewer) {
        return viewer.has(Role.LA_DATA_MANAGER) && viewer.localAuthority() != null;
    }

    /** Whether the viewer sees merge histories: an LA data manager (their authority's) or a national administrator. */
    public static boolean seesHistory(Viewer viewer) {
        return merges(viewer) || viewer.has(Role.NATIONAL_ADMIN);
    }

    /**
     * Merges {@code merged} into {@code survivor}.
     *
     * @return the merge's id
     * @throws MergeRefusedException when the records cannot be merged (with the reason); nothing is changed
     * @throws NotAllowed            when the viewer may not merge these records
     */
    @Transactional
    public long merge(Viewer viewer, ContactPointId survivor, ContactPointId merged, String reason) {
        if (!merges(viewer)) {
            throw new NotAllowed("Only an LA's data managers merge records");
        }
        ChildRecord keep = ownRecord(viewer, survivor);
        ChildRecord gone = ownRecord(viewer, merged);
        requireShieldingOfficer(viewer, keep.shielded() || gone.shielded());
        long mergeId = merges.merge(keep.id(), gone.id(), viewer.username(), reason);
        audit.record(viewer, AuditAction.RECORD_CHANGE, List.of(keep.id(), gone.id()), reason.strip(), AuditOutcome.CHANGED,
                "merge=" + mergeId + ";survivor=" + keep.id() + ";merged=" + gone.id());
        return mergeId;
    }

    /**
     * Undoes a merge of the viewer's authority's records.
     *
     * @throws MergeRefusedException when it cannot be undone (with the reason); nothing is changed
     */
    @Transactional
    public MergeHistory unmerge(Viewer viewer, long mergeId, String reason) {
        if (!merges(viewer)) {
            throw new NotAllowed("Only an LA's data managers undo merges");
        }
        MergeHistory merge = merges.find(mergeId).orElseThrow(() -> new MergeRefusedException("There is no such merge"));
        ChildRecord survivor = directory.find(merge.survivorId()).orElseThrow();
        ChildRecord merged = directory.find(merge.mergedId()).orElseThrow();
        if (!ofAuthority(viewer, survivor) || !ofAuthority(viewer, merged)) {
            throw new MergeRefusedException("There is no such merge of your local authority's records");
        }
        requireShieldingOfficer(viewer, survivor.shielded() || merged.shielded());
        MergeHistory undone = merges.unmerge(mergeId, viewer.username(), reason);
        audit.record(viewer, AuditAction.RECORD_CHANGE, List.of(survivor.id(), merged.id()), reason.strip(),
                AuditOutcome.CHANGED, "unmerge=" + mergeId);
        return undone;
    }

    /**
     * The merges a record took part in, for an LA data manager of its authority or a national administrator;
     * empty when there is no such record they may see. The view is audited.
     */
    @Transactional
    public Optional<History> history(Viewer viewer, ContactPointId id) {
        if (!seesHistory(viewer)) {
            throw new NotAllowed("Only LA data managers and national administrators see merge histories");
        }
        Optional<ChildRecord> child = directory.find(id).filter(c -> viewer.has(Role.NATIONAL_ADMIN) || ofAuthority(viewer, c));
        if (child.isEmpty()) {
            return Optional.empty();
        }
        ChildRecord c = child.get();
        List<MergeHistory> history = merges.history(c.id());
        ContactPointId into = c.status() != RecordStatus.MERGED ? null : history.stream()
                .filter(m -> m.mergedId() == c.id() && !m.undone()).map(MergeHistory::survivor).findFirst().orElse(null);
        audit.record(viewer, AuditAction.RECORD_VIEW, List.of(c.id()), "merge history", AuditOutcome.DISCLOSED,
                "merges=" + history.size());
        return Optional.of(new History(c.contactPointId(), c.status(), into, history, merges(viewer) && ofAuthority(viewer, c)));
    }

    private ChildRecord ownRecord(Viewer viewer, ContactPointId id) {
        return directory.find(id).filter(c -> ofAuthority(viewer, c)).orElseThrow(() -> new MergeRefusedException(
                "No child your local authority is responsible for has the ContactPoint ID " + id.formatted()));
    }

    private static boolean ofAuthority(Viewer viewer, ChildRecord child) {
        return viewer.localAuthority() != null && child.responsibleLa() != null
                && viewer.localAuthority().equals(child.responsibleLa().code().value());
    }

    private static void requireShieldingOfficer(Viewer viewer, boolean shielded) {
        if (shielded && !viewer.has(Role.LA_SHIELDING_OFFICER)) {
            throw new NotAllowed("One of these records is shielded: merging or unmerging it needs a shielding officer "
                    + "of your authority as well as a data manager");
        }
    }
}
