package uk.contactpoint.safeguards;

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

/**
 * Opening an archived record (DOMAIN.md section 6, ADR 28): the data managers of the responsible LA in the first
 * year after archiving, national administrators at any time for a statutory purpose only; always with a reason,
 * and audited (with the purpose) before anything is returned. What they see is the policy's archive view
 * ({@link DisclosurePolicy#applyArchived}); ordinary users have no way here at all.
 */
@Service
public class ArchivedRecords {

    static final int MAX_REASON = 200;

    /** Refused: not an LA data manager or a national administrator (or through a mediated call). */
    public static final class NotAllowed extends RuntimeException {
        NotAllowed() {
            super("Only LA data managers and national administrators open archived records", null, false, false);
        }
    }

    private final Directory directory;
    private final DisclosurePolicy policy;
    private final AuditLog audit;

    ArchivedRecords(Directory directory, DisclosurePolicy policy, AuditLog audit) {
        this.directory = directory;
        this.policy = policy;
        this.audit = audit;
    }

    /** Whether this viewer may use the archive at all (which records they see is the policy's to say). */
    public static boolean mayUse(Viewer viewer) {
        return viewer.mediation() == null
                && (viewer.has(Role.NATIONAL_ADMIN) || viewer.has(Role.LA_DATA_MANAGER) && viewer.localAuthority() != null);
    }

    /** Whether this viewer must name a statutory purpose: a national administrator. */
    public static boolean needsPurpose(Viewer viewer) {
        return viewer.has(Role.NATIONAL_ADMIN);
    }

    /**
     * Opens an archived record with a reason (and, for a national administrator, a statutory purpose).
     *
     * @return the record as the archive view shows it to this viewer, or empty when there is none they may see
     *     (no such record, not archived, another LA's, past its first year for a data manager)
     * @throws IllegalArgumentException when the reason or a national administrator's purpose is missing
     * @throws NotAllowed when the viewer may not use the archive (audited as refused)
     */
    @Transactional(noRollbackFor = NotAllowed.class)
    public Optional<DisclosedChild> open(Viewer viewer, ContactPointId id, DisclosurePolicy.ArchivePurpose purpose, String reason) {
        Optional<ChildRecord> record = directory.find(id);
        List<Long> child = record.map(r -> List.of(r.id())).orElse(List.of());
        if (!mayUse(viewer)) {
            audit.record(viewer, AuditAction.RECORD_VIEW, child, reason == null ? null : reason.strip(), AuditOutcome.REFUSED,
                    "archive view refused: role");
            throw new NotAllowed();
        }
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("Say why you are opening this archived record");
        }
        if (reason.strip().length() > MAX_REASON) {
            throw new IllegalArgumentException("The reason must be " + MAX_REASON + " characters or fewer");
        }
        if (needsPurpose(viewer) && purpose == null) {
            throw new IllegalArgumentException("Choose the statutory purpose: child-protection investigation, serious case review or child-death review");
        }
        DisclosurePolicy.ArchivePurpose used = needsPurpose(viewer) ? purpose : null;
        Optional<DisclosedChild> disclosed = record.flatMap(r -> policy.applyArchived(r, viewer, used));
        audit.record(viewer, AuditAction.RECORD_VIEW, child, reason.strip(),
                disclosed.isPresent() ? AuditOutcome.DISCLOSED : AuditOutcome.NOTHING_DISCLOSED,
                "archive view" + (used == null ? "" : ";purpose=" + used.name())
                        + record.map(r -> ";archived=" + (r.status() == uk.contactpoint.directory.RecordStatus.ARCHIVED)
                        + ";shielded=" + r.shielded()).orElse(""));
        return disclosed;
    }
}
