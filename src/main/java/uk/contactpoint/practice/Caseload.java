package uk.contactpoint.practice;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import uk.contactpoint.access.Viewer;
import uk.contactpoint.audit.AuditAction;
import uk.contactpoint.audit.AuditLog;
import uk.contactpoint.audit.AuditOutcome;
import uk.contactpoint.directory.Directory;
import uk.contactpoint.directory.HeldInvolvement;
import uk.contactpoint.practice.internal.PracticeRepository;
import uk.contactpoint.safeguards.DisclosedChild;
import uk.contactpoint.safeguards.DisclosurePolicy;

/**
 * "My children": the children a practitioner (or their team) is recorded as working with, what others
 * changed on them since the practitioner last looked, and which entries are about to lapse for want of
 * confirmation. Children come through the disclosure policy; the list shown is audited.
 */
@Service
public class Caseload {

    /** Entries due to lapse within this many days are flagged for one-click confirmation. */
    public static final int WARN_DAYS = 30;
    /** Ended entries stay on the list this many days. */
    static final int ENDED_SHOWN_DAYS = 30;

    /** One child on the list, with the viewer's entry and what changed. */
    public record Line(DisclosedChild child, HeldInvolvement entry, List<String> changes, LocalDate lapsesOn,
                       boolean lapsingSoon) {
    }

    /** The list: current entries, then recently ended ones; when the viewer last looked (null: never). */
    public record MyChildren(List<Line> current, List<Line> ended, Instant lastLooked) {
    }

    private final Directory directory;
    private final DisclosurePolicy policy;
    private final AuditLog audit;
    private final PracticeRepository repository;
    private final Involvements involvements;
    private final Clock clock;

    Caseload(Directory directory, DisclosurePolicy policy, AuditLog audit, PracticeRepository repository,
             Involvements involvements, Clock clock) {
        this.directory = directory;
        this.policy = policy;
        this.audit = audit;
        this.repository = repository;
        this.involvements = involvements;
        this.clock = clock;
    }

    @Transactional
    public MyChildren of(Viewer viewer) {
        LocalDate today = LocalDate.now(clock);
        List<HeldInvolvement> held = directory.involvementsHeldBy(viewer.userId(), viewer.organisationId(),
                today.minusDays(ENDED_SHOWN_DAYS));
        Optional<Instant> lastLooked = repository.lastLooked(viewer.userId());
        Map<Long, List<String>> changes = lastLooked
                .map(t -> directory.changesSince(held.stream().map(HeldInvolvement::childId).distinct().toList(), t, viewer.userId()))
                .orElse(Map.of());
        List<Line> current = new ArrayList<>();
        List<Line> ended = new ArrayList<>();
        for (HeldInvolvement h : held) {
            Optional<DisclosedChild> child = directory.find(h.childId()).flatMap(c -> policy.apply(c, viewer));
            if (child.isEmpty()) {
                continue;
            }
            boolean isCurrent = h.endDate() == null || h.endDate().isAfter(today);
            LocalDate lapsesOn = h.asOf().plusDays(involvements.lapseAfterDays());
            boolean byHand = h.recordedBy() != null;
            Line line = new Line(child.get(), h, changes.getOrDefault(h.childId(), List.of()), byHand ? lapsesOn : null,
                    byHand && isCurrent && !lapsesOn.isAfter(today.plusDays(WARN_DAYS)));
            (isCurrent ? current : ended).add(line);
        }
        repository.looked(viewer.userId(), clock.instant());
        List<Long> shown = new ArrayList<>();
        current.forEach(l -> shown.add(l.child().id()));
        ended.forEach(l -> shown.add(l.child().id()));
        audit.record(viewer, AuditAction.LIST, shown.stream().distinct().toList(), null,
                shown.isEmpty() ? AuditOutcome.NOTHING_DISCLOSED : AuditOutcome.DISCLOSED,
                "my children current=" + current.size() + " ended=" + ended.size());
        return new MyChildren(current, ended, lastLooked.orElse(null));
    }
}
