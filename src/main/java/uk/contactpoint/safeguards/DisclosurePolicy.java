package uk.contactpoint.safeguards;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import uk.contactpoint.access.Viewer;
import uk.contactpoint.directory.Address;
import uk.contactpoint.directory.ChildRecord;
import uk.contactpoint.directory.Involvement;
import uk.contactpoint.directory.RecordStatus;
import uk.contactpoint.directory.Whereabouts;

/**
 * The one disclosure policy: what a given viewer may see of a given record. Every output of child data
 * (page, API, FHIR, export, notification) goes through {@link #apply}; nothing masks on its own.
 *
 * <ul>
 * <li>Archived records are invisible here; they are seen only through {@link #applyArchived}, by the data
 * managers of the responsible LA in the first year after archiving and by national administrators for a
 * statutory purpose (ADR 28).</li>
 * <li>A suppressed record (the old identity of a child given a new one) is seen only by the management team
 * of its responsible LA, marked as suppressed; to everyone else it does not exist.</li>
 * <li>A shielded record shows name, gender, date of birth, ContactPoint ID and the carers' names, except to
 * the management team of the responsible LA, who see everything in order to broker contact.</li>
 * <li>A sensitive involvement shows only that a sensitive service is involved, except to the LA management
 * team and to the service's own staff (their own entry).</li>
 * <li>A source identifier shows only to users of the body that allocated it.</li>
 * <li>Ended involvements are listed apart; a sensitive one only for those who may see its details.</li>
 * <li>Break-glass ({@link #applyBreakGlass}): a practitioner with the child-protection flag who has given a
 * reason and re-entered their second factor sees a shielded record as if it were not shielded; sensitive
 * involvements stay masked all the same (DOMAIN.md section 4).</li>
 * <li>An address on the exclusion register is not shown, except to the management team of the responsible LA
 * ({@link #withoutExcludedAddresses}).</li>
 * <li>Sealed fields (ADR 26: a shielded child's address and carers' details, a sensitive involvement's details) are
 * opened through {@link ProtectedFields} only for a viewer about to see them, and that opening is audited.</li>
 * </ul>
 */
@Component
public class DisclosurePolicy {

    private final Clock clock;
    private ExcludedAddresses excluded = ExcludedAddresses.NONE;
    private ProtectedFields sealed;

    DisclosurePolicy(Clock clock) {
        this.clock = clock;
    }

    public Optional<DisclosedChild> apply(ChildRecord child, Viewer viewer) {
        if (child.status() == RecordStatus.SUPPRESSED && child.responsibleLa() != null
                && viewer.onManagementTeamOf(child.responsibleLa().code().value())) {
            child = opened(child, viewer, true, i -> true);
            return Optional.of(unrestricted(child, viewer, true, LocalDate.now(clock)));
        }
        if (child.status() != RecordStatus.LIVE) {
            return Optional.empty();
        }
        boolean laTeam = viewer.onManagementTeamOf(child.responsibleLa().code().value());
        boolean restricted = child.shielded() && !laTeam;
        LocalDate today = LocalDate.now(clock);
        if (restricted) {
            child = opened(child, viewer, false, i -> i.current(today) && actsFor(i, viewer) && mayUnmask(i, viewer, laTeam));
            return Optional.of(new DisclosedChild(child.id(), child.contactPointId(), child.name(), List.of(),
                    child.dateOfBirth(), child.gender(), true, null, null, null, null, null, null,
                    child.carers().stream().map(c -> new DisclosedCarer(c.name(), null, null, null, null, null)).toList(),
                    List.of(), child.involvements().stream().filter(i -> i.current(today) && actsFor(i, viewer))
                            .map(i -> involvement(i, viewer, laTeam)).toList(), List.of(), null, List.of()));
        }
        child = opened(child, viewer, true, i -> mayUnmask(i, viewer, laTeam));
        return Optional.of(withoutExcludedAddresses(child, viewer, unrestricted(child, viewer, laTeam, today)));
    }

    /** Whether the viewer may see a sensitive involvement's details: the LA team and the service's own staff. */
    private static boolean mayUnmask(Involvement i, Viewer viewer, boolean laTeam) {
        return laTeam || i.organisation() != null && i.organisation().id() == viewer.organisationId();
    }

    /**
     * The record with the sealed fields this viewer is about to see opened (and that opening audited): the address
     * and carers' details when {@code address}, the sealed involvements {@code involvements} accepts.
     */
    private ChildRecord opened(ChildRecord child, Viewer viewer, boolean address,
                               java.util.function.Predicate<Involvement> involvements) {
        if (!child.hasSealed()) {
            return child;
        }
        if (sealed == null) {
            throw new IllegalStateException("Sealed fields and no ProtectedFields to open them");
        }
        return sealed.openFor(viewer, child, address, involvements);
    }

    /** Sets what opens sealed fields (ADR 26); a policy built in a unit test has none and meets no sealed record. */
    @Autowired
    void protectedFields(ProtectedFields fields) {
        this.sealed = fields;
    }

    /**
     * The break-glass view: for a viewer with the child-protection flag, a shielded record shown as if it were
     * not shielded, for one response only. Sensitive involvements are masked exactly as in {@link #apply}
     * (the viewer's own entries and the LA team's view are unchanged): break-glass never unmasks a sensitive
     * service. Records that are not shielded show as {@link #apply} shows them.
     *
     * @return empty when the record is not live, or the viewer has no child-protection flag or is a caller of
     *         a mediated search (who never gets break-glass)
     */
    public Optional<DisclosedChild> applyBreakGlass(ChildRecord child, Viewer viewer) {
        if (!mayBreakGlass(viewer) || child.status() != RecordStatus.LIVE) {
            return Optional.empty();
        }
        boolean laTeam = viewer.onManagementTeamOf(child.responsibleLa().code().value());
        child = opened(child, viewer, true, i -> mayUnmask(i, viewer, laTeam));
        return Optional.of(withoutExcludedAddresses(child, viewer, unrestricted(child, viewer, laTeam, LocalDate.now(clock))));
    }

    /** Whether this viewer may override a shield at all: a practitioner with the child-protection flag, not through a call. */
    public static boolean mayBreakGlass(Viewer viewer) {
        return viewer.childProtection() && viewer.mediation() == null && viewer.has(uk.contactpoint.access.Role.PRACTITIONER);
    }

    private static DisclosedChild unrestricted(ChildRecord child, Viewer viewer, boolean laTeam, LocalDate today) {
        return new DisclosedChild(child.id(), child.contactPointId(), child.name(), child.otherNames(),
                child.dateOfBirth(), child.gender(), false, child.whereabouts(), child.address(), child.dateOfDeath(),
                child.educationStatus(), child.responsibleLa().name(), child.responsibleLa().emergencyDutyPhone(),
                child.carers().stream().map(c -> new DisclosedCarer(c.name(), c.relationship(),
                        c.parentalResponsibility(), c.address(), c.phone(), c.email())).toList(),
                child.settings().stream().filter(s -> s.current(today)).toList(),
                child.involvements().stream().filter(i -> i.current(today)).map(i -> involvement(i, viewer, laTeam)).toList(),
                child.identifiers().stream().filter(id -> viewer.allocatingBodies().contains(id.allocatingBody())).toList(),
                child.responsibleLa().contactPointTeamPhone(),
                child.involvements().stream().filter(i -> !i.current(today)).map(i -> involvement(i, viewer, laTeam))
                        .filter(i -> !i.masked()).toList(), child.status());
    }

    /** Why a national administrator opens an archived record: the statutory purposes of DOMAIN.md section 6. */
    public enum ArchivePurpose {
        CHILD_PROTECTION_INVESTIGATION("Statutory child-protection investigation"),
        SERIOUS_CASE_REVIEW("Serious case review"),
        CHILD_DEATH_REVIEW("Child-death review");

        private final String label;

        ArchivePurpose(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /**
     * The archive view, apart from {@link #apply} so that no path to live records can reach an archived one:
     * <ul>
     * <li>a data manager of the responsible LA sees it, as the LA's team sees a live record, until the day
     * before the first anniversary of its archiving (Europe/London dates);</li>
     * <li>a national administrator sees it at any time, but only for one of the statutory purposes: a shield
     * does not hide it from them, an exclusion-register address and sensitive services stay hidden (as with
     * break-glass);</li>
     * <li>nobody else ever sees it, practitioners least of all, and nobody sees it through a mediated call.</li>
     * </ul>
     *
     * @param purpose the national administrator's statutory purpose, or null
     * @return empty when the record is not archived or the viewer may not see it
     */
    public Optional<DisclosedChild> applyArchived(ChildRecord child, Viewer viewer, ArchivePurpose purpose) {
        if (child.status() != RecordStatus.ARCHIVED || viewer.mediation() != null) {
            return Optional.empty();
        }
        LocalDate today = LocalDate.now(clock);
        if (archiveDataManager(child, viewer, today)) {
            child = opened(child, viewer, true, i -> true);
            return Optional.of(unrestricted(child, viewer, true, today));
        }
        if (viewer.has(uk.contactpoint.access.Role.NATIONAL_ADMIN) && purpose != null) {
            child = opened(child, viewer, true, i -> mayUnmask(i, viewer, false));
            return Optional.of(withoutExcludedAddresses(child, viewer, unrestricted(child, viewer, false, today)));
        }
        return Optional.empty();
    }

    /** Whether the viewer is a data manager of the archived record's LA and its first year is not over. */
    public static boolean archiveDataManager(ChildRecord child, Viewer viewer, LocalDate today) {
        return viewer.has(uk.contactpoint.access.Role.LA_DATA_MANAGER) && child.responsibleLa() != null
                && viewer.onManagementTeamOf(child.responsibleLa().code().value())
                && child.archivedOn() != null && today.isBefore(firstYearEnds(child.archivedOn()));
    }

    /** The first day a data manager no longer sees a record archived on this day: its first anniversary. */
    public static LocalDate firstYearEnds(LocalDate archivedOn) {
        return Retention.anniversary(archivedOn, 1);
    }

    /**
     * Sets the address exclusion register the policy consults (ADR 22). Without it (a policy built in a unit
     * test) nothing is excluded.
     */
    @Autowired
    void excludedAddresses(ExcludedAddresses excluded) {
        this.excluded = excluded;
    }

    /**
     * An address on the exclusion register (a refuge, a safe house) is not shown: the child's whereabouts read
     * "no address shown" and an excluded carer's address is left out. The management team of the child's LA
     * still sees it, as it sees past a shield, to broker contact; break-glass does not uncover it.
     */
    DisclosedChild withoutExcludedAddresses(ChildRecord child, Viewer viewer, DisclosedChild shown) {
        if (viewer.onManagementTeamOf(child.responsibleLa().code().value())) {
            return shown;
        }
        List<Address> addresses = new ArrayList<>();
        if (shown.address() != null) {
            addresses.add(shown.address());
        }
        shown.carers().stream().map(DisclosedCarer::address).filter(Objects::nonNull).forEach(addresses::add);
        Set<Address> hidden = addresses.isEmpty() ? Set.of() : excluded.among(addresses);
        if (hidden.isEmpty()) {
            return shown;
        }
        boolean childHidden = shown.address() != null && hidden.contains(shown.address());
        return new DisclosedChild(shown.id(), shown.contactPointId(), shown.name(), shown.otherNames(), shown.dateOfBirth(),
                shown.gender(), shown.restricted(), childHidden ? Whereabouts.ADDRESS_NOT_SHOWN : shown.whereabouts(),
                childHidden ? null : shown.address(), shown.dateOfDeath(), shown.educationStatus(),
                shown.localAuthorityName(), shown.emergencyDutyPhone(),
                shown.carers().stream().map(c -> c.address() == null || !hidden.contains(c.address()) ? c
                        : new DisclosedCarer(c.name(), c.relationship(), c.parentalResponsibility(), null, c.phone(), c.email())).toList(),
                shown.settings(), shown.involvements(), shown.identifiers(), shown.contactPointTeamPhone(), shown.endedInvolvements(),
                shown.status());
    }

    /**
     * Whether the viewer may act on this entry as its practitioner: they recorded it, or it is a team entry
     * (no practitioner named) of their organisation.
     */
    public static boolean actsFor(Involvement i, Viewer viewer) {
        if (i.recordedBy() != null && i.recordedBy() == viewer.userId()) {
            return true;
        }
        return !i.practitionerNamed() && i.organisation() != null && i.organisation().id() == viewer.organisationId()
                && viewer.has(uk.contactpoint.access.Role.PRACTITIONER);
    }

    /**
     * The entry behind a masked line of the record as {@link #apply} shows it to this viewer: {@code position} is
     * the line's place (from 0) among the current involvements shown. Only for brokering contact (ADR 27): the
     * caller stores the entry's id and never shows it, or anything of it, to this viewer.
     *
     * @return empty when the record is not shown in full to the viewer, or that line is not a masked one
     */
    public Optional<Involvement> maskedEntryAt(ChildRecord child, Viewer viewer, int position) {
        if (child.status() != RecordStatus.LIVE || position < 0) {
            return Optional.empty();
        }
        boolean laTeam = viewer.onManagementTeamOf(child.responsibleLa().code().value());
        if (child.shielded() && !laTeam) {
            return Optional.empty();
        }
        LocalDate today = LocalDate.now(clock);
        List<Involvement> shown = child.involvements().stream().filter(i -> i.current(today)).toList();
        if (position >= shown.size() || !masked(shown.get(position), viewer, laTeam)) {
            return Optional.empty();
        }
        return Optional.of(shown.get(position));
    }

    private static boolean masked(Involvement i, Viewer viewer, boolean laTeam) {
        boolean ownEntry = i.organisation().id() == viewer.organisationId();
        return i.sensitive() && !laTeam && !ownEntry;
    }

    private static DisclosedInvolvement involvement(Involvement i, Viewer viewer, boolean laTeam) {
        if (masked(i, viewer, laTeam)) {
            return DisclosedInvolvement.maskedEntry();
        }
        return new DisclosedInvolvement(i.id(), false, i.serviceType(), i.organisation(), i.practitionerName(), i.teamName(),
                i.role(), i.phone(), i.email(), i.startDate(), i.endDate(), i.leadProfessional(), i.cafHolder(),
                actsFor(i, viewer), i.endedReason());
    }
}
