package uk.contactpoint.safeguards;

import java.util.List;
import java.util.Optional;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import uk.contactpoint.access.Viewer;
import uk.contactpoint.audit.AuditAction;
import uk.contactpoint.audit.AuditLog;
import uk.contactpoint.audit.AuditOutcome;
import uk.contactpoint.directory.ChildRecord;
import uk.contactpoint.directory.ContactPointId;
import uk.contactpoint.directory.Directory;

/**
 * Opening a child's record: read it, apply the disclosure policy, and write the audit event, all in one
 * transaction, before anything is returned. If the audit write fails, the exception propagates and the
 * caller gets no data.
 */
@Service
public class ChildRecords {

    private final Directory directory;
    private final DisclosurePolicy policy;
    private final AuditLog audit;

    private final ViewCap cap;

    ChildRecords(Directory directory, DisclosurePolicy policy, AuditLog audit, ViewCap cap) {
        this.directory = directory;
        this.policy = policy;
        this.audit = audit;
        this.cap = cap;
    }

    /**
     * Opens a record for a viewer who has said why.
     *
     * @return the record as the viewer may see it, or empty when there is none they may see
     * @throws IllegalArgumentException when no reason is given
     * @throws uk.contactpoint.audit.AuditUnavailableException when the access cannot be audited
     * @throws ViewCap.Reached when the viewer has used today's views of children they do not work with (audited)
     */
    @Transactional(noRollbackFor = ViewCap.Reached.class)
    public Optional<DisclosedChild> open(Viewer viewer, ContactPointId id, String reason) {
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("Reason: say why you are opening this record");
        }
        Optional<ChildRecord> record = directory.find(id);
        Optional<DisclosedChild> disclosed = record.flatMap(r -> policy.apply(r, viewer));
        if (disclosed.isPresent() && ViewCap.applies(viewer, record.get(), involved(record.get(), viewer))) {
            try {
                cap.take(viewer, record.get());
            } catch (ViewCap.Reached e) {
                audit.record(viewer, AuditAction.RECORD_VIEW, List.of(record.get().id()), reason.strip(), AuditOutcome.REFUSED,
                        "daily cap reached cap=" + e.cap());
                throw e;
            }
        }
        audit.record(viewer, AuditAction.RECORD_VIEW, record.map(r -> List.of(r.id())).orElse(List.of()), reason.strip(),
                disclosed.isPresent() ? AuditOutcome.DISCLOSED : AuditOutcome.NOTHING_DISCLOSED,
                record.map(r -> detail(r, viewer, disclosed.filter(DisclosedChild::restricted).isPresent())).orElse(null));
        return disclosed;
    }

    /**
     * The viewer says the record they opened was the wrong child: recorded in the audit log beside the view,
     * so that those who review access see the mistake was owned at once.
     */
    @Transactional
    public void openedInError(Viewer viewer, ContactPointId id) {
        List<Long> child = directory.find(id).map(r -> List.of(r.id())).orElse(List.of());
        audit.record(viewer, AuditAction.OPENED_IN_ERROR, child, "Opened in error: it was the wrong child",
                AuditOutcome.NOTHING_DISCLOSED, null);
    }

    /**
     * What misuse monitoring needs to know about a view, without personal data: the viewer's relationship to
     * the child (their organisation works with the child, or the child is in their LA, or neither) and
     * whether the record is shielded.
     */
    static String detail(ChildRecord r, Viewer viewer, boolean restricted) {
        boolean involved = involved(r, viewer);
        boolean sameLa = r.responsibleLa() != null && r.responsibleLa().code().value().equals(viewer.localAuthority());
        return (restricted ? "restricted;" : "") + "relationship=" + (involved ? "involved" : sameLa ? "same-la" : "none")
                + ";shielded=" + r.shielded();
    }

    /** Whether the viewer's organisation is recorded on the child (an involvement, or the school or GP practice). */
    static boolean involved(ChildRecord r, Viewer viewer) {
        return r.involvements().stream().anyMatch(i -> i.organisation() != null && i.organisation().id() == viewer.organisationId())
                || r.settings().stream().anyMatch(s -> s.organisation() != null && s.organisation().id() == viewer.organisationId());
    }
}
