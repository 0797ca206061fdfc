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

    ChildRecords(Directory directory, DisclosurePolicy policy, AuditLog audit) {
        this.directory = directory;
        this.policy = policy;
        this.audit = audit;
    }

    /**
     * Opens a record for a viewer who has said why.
     *
     * @return the record as the viewer may see it, or empty when there is none they may see
     * @throws IllegalArgumentException when no reason is given
     * @throws uk.contactpoint.audit.AuditUnavailableException when the access cannot be audited
     */
    @Transactional
    public Optional<DisclosedChild> open(Viewer viewer, ContactPointId id, String reason) {
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("Reason: say why you are opening this record");
        }
        Optional<ChildRecord> record = directory.find(id);
        Optional<DisclosedChild> disclosed = record.flatMap(r -> policy.apply(r, viewer));
        audit.record(viewer, AuditAction.RECORD_VIEW, record.map(r -> List.of(r.id())).orElse(List.of()), reason.strip(),
                disclosed.isPresent() ? AuditOutcome.DISCLOSED : AuditOutcome.NOTHING_DISCLOSED,
                record.map(r -> detail(r, viewer, disclosed.filter(DisclosedChild::restricted).isPresent())).orElse(null));
        return disclosed;
    }

    /**
     * What misuse monitoring needs to know about a view, without personal data: the viewer's relationship to
     * the child (their organisation works with the child, or the child is in their LA, or neither) and
     * whether the record is shielded.
     */
    static String detail(ChildRecord r, Viewer viewer, boolean restricted) {
        boolean involved = r.involvements().stream().anyMatch(i -> i.organisation() != null && i.organisation().id() == viewer.organisationId())
                || r.settings().stream().anyMatch(s -> s.organisation() != null && s.organisation().id() == viewer.organisationId());
        boolean sameLa = r.responsibleLa() != null && r.responsibleLa().code().value().equals(viewer.localAuthority());
        return (restricted ? "restricted;" : "") + "relationship=" + (involved ? "involved" : sameLa ? "same-la" : "none")
                + ";shielded=" + r.shielded();
    }
}
