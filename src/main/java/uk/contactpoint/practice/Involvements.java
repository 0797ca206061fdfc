package uk.contactpoint.practice;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import uk.contactpoint.access.Role;
import uk.contactpoint.access.UserAccounts;
import uk.contactpoint.access.UserContact;
import uk.contactpoint.access.Viewer;
import uk.contactpoint.audit.AuditAction;
import uk.contactpoint.audit.AuditLog;
import uk.contactpoint.audit.AuditOutcome;
import uk.contactpoint.directory.ChildRecord;
import uk.contactpoint.directory.ContactPointId;
import uk.contactpoint.directory.Directory;
import uk.contactpoint.directory.Involvement;
import uk.contactpoint.directory.NewChild;
import uk.contactpoint.directory.RecordStatus;
import uk.contactpoint.notify.Notification;
import uk.contactpoint.practice.internal.PracticeRepository;
import uk.contactpoint.safeguards.DisclosurePolicy;

/**
 * What a practitioner records on a child they work with: their own or their team's involvement, its end,
 * its confirmation, the CAF holder flag, a proposal to become lead professional and its decision, and a
 * report of an inaccuracy. Each call checks that the viewer may see the record and may act on the entry,
 * changes it and writes the audit event in one transaction; a refusal changes nothing.
 */
@Service
public class Involvements {

    /** A refusal the user can act on: the message says what to do. Nothing was changed. */
    public static final class Refused extends RuntimeException {
        public Refused(String message) {
            super(message);
        }
    }

    /** What an inaccuracy report is about. */
    public static final List<String> REPORT_FIELDS = List.of("NAME", "DATE_OF_BIRTH", "GENDER", "ADDRESS", "CARERS",
            "SCHOOL_OR_GP", "SERVICES", "OTHER");

    static final int MAX_TEXT = 200;
    static final int MAX_REPORT = 500;

    private final Directory directory;
    private final DisclosurePolicy policy;
    private final AuditLog audit;
    private final UserAccounts users;
    private final PracticeRepository repository;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final int lapseAfterDays;

    Involvements(Directory directory, DisclosurePolicy policy, AuditLog audit, UserAccounts users,
                 PracticeRepository repository, ApplicationEventPublisher events, Clock clock,
                 @Value("${contactpoint.involvements.lapse-after-days:365}") int lapseAfterDays) {
        this.directory = directory;
        this.policy = policy;
        this.audit = audit;
        this.users = users;
        this.repository = repository;
        this.events = events;
        this.clock = clock;
        this.lapseAfterDays = lapseAfterDays;
    }

    /** How many days an entry stands without its practitioner confirming it. */
    public int lapseAfterDays() {
        return lapseAfterDays;
    }

    /** The viewer's own details, to pre-fill the contact fields of a new entry. */
    @Transactional(readOnly = true)
    public Optional<UserContact> profile(Viewer viewer) {
        return users.contact(viewer.userId());
    }

    /**
     * Records the viewer's involvement (or their team's) with a child; returns the entry's id.
     *
     * @throws Refused when the viewer is not a practitioner, cannot see the record, or the entry is incomplete
     */
    @Transactional
    public long record(Viewer viewer, ContactPointId id, NewEntry entry) {
        if (!viewer.has(Role.PRACTITIONER)) {
            throw new Refused("Only practitioners record their involvement with a child");
        }
        ChildRecord child = visible(viewer, id);
        LocalDate today = LocalDate.now(clock);
        if (entry.startDate() == null || entry.startDate().isAfter(today)) {
            throw new Refused("Start date must be today or in the past");
        }
        if (entry.startDate().isBefore(child.dateOfBirth())) {
            throw new Refused("Start date must be on or after the child's date of birth");
        }
        if (entry.serviceType() == null) {
            throw new Refused("Choose your service");
        }
        if (entry.serviceType().sensitive() && entry.ground() == null) {
            throw new Refused("A sensitive service is recorded only with consent or on the significant-harm ground: give one");
        }
        if (entry.forTeam() && blank(entry.phone())) {
            throw new Refused("Give your team's duty number");
        }
        boolean duplicate = child.involvements().stream().anyMatch(i -> i.current(today) && i.recordedBy() != null
                && i.recordedBy() == viewer.userId() && i.serviceType() == entry.serviceType()
                && java.util.Objects.equals(i.teamName(), entry.forTeam() ? entry.teamName().strip() : null));
        if (duplicate) {
            throw new Refused("You have already recorded this involvement: it is on the record");
        }
        UserContact me = users.contact(viewer.userId()).orElseThrow(() -> new Refused("Your account was not found"));
        Instant now = clock.instant();
        long involvementId = directory.recordInvolvement(child.id(), new NewChild.NewInvolvement(entry.serviceType(),
                viewer.organisationId(), entry.forTeam() ? null : me.displayName(), entry.forTeam() ? entry.teamName().strip() : null,
                trim(entry.role()), trim(entry.phone()), trim(entry.email()), entry.startDate(), null, false, entry.cafHolder()),
                viewer.userId(), today, now);
        if (entry.serviceType().sensitive()) {
            repository.insertGround(involvementId, entry.ground(), viewer.userId(), now);
        }
        audit.record(viewer, AuditAction.RECORD_CHANGE, List.of(child.id()), null, AuditOutcome.CHANGED,
                "involvement recorded id=" + involvementId + " service=" + entry.serviceType().name()
                        + (entry.forTeam() ? " team" : "") + (entry.serviceType().sensitive() ? " ground=" + entry.ground().kind() : ""));
        events.publishEvent(new InvolvementRecorded(child.id(), involvementId, viewer.userId()));
        return involvementId;
    }

    /** Ends one of the viewer's entries (or, for the LA team, any entry of a child of their authority). */
    @Transactional
    public void end(Viewer viewer, long involvementId, LocalDate endDate) {
        Entry e = actionable(viewer, involvementId, true);
        LocalDate today = LocalDate.now(clock);
        if (endDate == null || endDate.isAfter(today)) {
            throw new Refused("End date must be today or in the past");
        }
        if (endDate.isBefore(e.involvement().startDate())) {
            throw new Refused("End date must be on or after the date the involvement started");
        }
        Instant now = clock.instant();
        if (directory.endInvolvement(involvementId, endDate, "ENDED", now)) {
            events.publishEvent(new InvolvementEnded(e.child().id(), involvementId, viewer.userId(), "ENDED"));
        }
        repository.withdrawProposalsOf(involvementId, now);
        audit.record(viewer, AuditAction.RECORD_CHANGE, List.of(e.child().id()), null, AuditOutcome.CHANGED,
                "involvement ended id=" + involvementId + (e.involvement().leadProfessional() ? " was-lead-professional" : ""));
    }

    /** The viewer confirms their entry still stands: it will not lapse for another period. */
    @Transactional
    public void confirm(Viewer viewer, long involvementId) {
        Entry e = actionable(viewer, involvementId, false);
        directory.confirmInvolvement(involvementId, LocalDate.now(clock));
        audit.record(viewer, AuditAction.RECORD_CHANGE, List.of(e.child().id()), null, AuditOutcome.CHANGED,
                "involvement confirmed id=" + involvementId);
    }

    /** What became of a sensitive entry when consent was withdrawn. */
    public enum Withdrawal {
        /** The entry ended. */
        ENDED,
        /** The entry stands, now on the significant-harm ground. */
        KEPT_ON_SIGNIFICANT_HARM
    }

    /**
     * Consent to a sensitive entry was withdrawn on a day: the entry ends, unless its practitioner records that
     * they have reasonable cause to suspect significant harm ({@code justification} not blank), which keeps it.
     */
    @Transactional
    public Withdrawal consentWithdrawn(Viewer viewer, long involvementId, LocalDate on, String justification) {
        Entry e = actionable(viewer, involvementId, false);
        if (!e.involvement().sensitive()) {
            throw new Refused("Consent is recorded only for sensitive services");
        }
        if (!repository.onConsent(involvementId)) {
            throw new Refused("This involvement is recorded on the significant-harm ground, not on consent");
        }
        LocalDate today = LocalDate.now(clock);
        if (on == null || on.isAfter(today)) {
            throw new Refused("Date consent was withdrawn must be today or in the past");
        }
        if (justification != null && justification.strip().length() > 300) {
            throw new Refused("Justification must be 300 characters or fewer");
        }
        Instant now = clock.instant();
        boolean keep = !blank(justification);
        repository.consentWithdrawn(involvementId, on, keep ? justification.strip() : null);
        if (!keep) {
            if (directory.endInvolvement(involvementId, on.isBefore(e.involvement().startDate()) ? e.involvement().startDate() : on,
                    "CONSENT_WITHDRAWN", now)) {
                events.publishEvent(new InvolvementEnded(e.child().id(), involvementId, viewer.userId(), "CONSENT_WITHDRAWN"));
            }
            repository.withdrawProposalsOf(involvementId, now);
        }
        audit.record(viewer, AuditAction.RECORD_CHANGE, List.of(e.child().id()), null, AuditOutcome.CHANGED,
                "consent withdrawn id=" + involvementId + (keep ? " kept on significant harm" : " entry ended"));
        return keep ? Withdrawal.KEPT_ON_SIGNIFICANT_HARM : Withdrawal.ENDED;
    }

    /** Marks the viewer's entry as the CAF holder, or not. */
    @Transactional
    public void cafHolder(Viewer viewer, long involvementId, boolean holder) {
        Entry e = actionable(viewer, involvementId, false);
        directory.setCafHolder(involvementId, holder, clock.instant());
        audit.record(viewer, AuditAction.RECORD_CHANGE, List.of(e.child().id()), null, AuditOutcome.CHANGED,
                "caf holder " + (holder ? "set" : "cleared") + " id=" + involvementId);
    }

    /** What became of a proposal to be lead professional. */
    public enum ProposalOutcome {
        /** Agreed at a meeting: the viewer is the lead professional now. */
        RECORDED,
        /** Waiting for the current lead professional or the LA team. */
        PENDING
    }

    /**
     * Proposes the viewer (their entry) as the child's lead professional. With a meeting date it is recorded
     * at once as agreed at that meeting; otherwise the current lead professional or the LA team confirms.
     * Whoever was lead professional until now is told.
     */
    @Transactional
    public ProposalOutcome proposeLeadProfessional(Viewer viewer, long involvementId, LocalDate meetingOn) {
        Entry e = actionable(viewer, involvementId, false);
        if (e.involvement().leadProfessional()) {
            throw new Refused("You are already the lead professional for this child");
        }
        Instant now = clock.instant();
        if (meetingOn != null) {
            if (meetingOn.isAfter(LocalDate.now(clock))) {
                throw new Refused("Date of the meeting must be today or in the past");
            }
            repository.insertProposal(e.child().id(), involvementId, viewer.userId(), now, "CONFIRMED", "MEETING", meetingOn);
            makeLead(viewer, e, now, "agreed at a meeting on " + meetingOn);
            return ProposalOutcome.RECORDED;
        }
        if (repository.pendingFor(e.child().id())) {
            throw new Refused("A proposal for this child's lead professional is already waiting to be decided");
        }
        long proposal = repository.insertProposal(e.child().id(), involvementId, viewer.userId(), now, "PENDING", null, null);
        audit.record(viewer, AuditAction.RECORD_CHANGE, List.of(e.child().id()), null, AuditOutcome.CHANGED,
                "lead professional proposed id=" + involvementId + " proposal=" + proposal);
        for (long decider : deciders(e.child())) {
            if (decider != viewer.userId()) {
                tell(decider, "A practitioner proposes to become a child's lead professional",
                        "Someone from " + viewer.organisationName() + " proposes to become lead professional for a child. "
                                + "Open Lead professional proposals to confirm or decline.");
            }
        }
        return ProposalOutcome.PENDING;
    }

    /** A pending proposal with what its decider needs to see: the child (as they may see it) and who proposes. */
    public record Waiting(LeadProposal proposal, uk.contactpoint.safeguards.DisclosedChild child,
                          uk.contactpoint.safeguards.DisclosedInvolvement proposer,
                          uk.contactpoint.safeguards.DisclosedInvolvement currentLead) {
    }

    /** The proposals this viewer may decide: as the current lead professional, or as the child's LA team. */
    @Transactional
    public List<Waiting> proposalsFor(Viewer viewer) {
        Set<Long> children = new LinkedHashSet<>();
        for (var held : directory.involvementsHeldBy(viewer.userId(), viewer.organisationId(), LocalDate.now(clock))) {
            if (held.leadProfessional() && held.endDate() == null) {
                children.add(held.childId());
            }
        }
        List<LeadProposal> proposals = new ArrayList<>(repository.pendingProposals(children));
        if (viewer.localAuthority() != null && viewer.roles().stream().anyMatch(Role::laManagementTeam)) {
            for (LeadProposal p : repository.pendingProposalsIn(viewer.localAuthority())) {
                if (proposals.stream().noneMatch(q -> q.id() == p.id())) {
                    proposals.add(p);
                }
            }
        }
        List<Waiting> waiting = new ArrayList<>();
        for (LeadProposal p : proposals) {
            directory.find(p.childId()).filter(c -> mayDecide(viewer, c)).flatMap(c -> policy.apply(c, viewer)).ifPresent(c ->
                    waiting.add(new Waiting(p, c,
                            c.involvements().stream().filter(i -> i.id() == p.involvementId()).findFirst().orElse(null),
                            c.involvements().stream().filter(i -> i.leadProfessional() && !i.masked()).findFirst().orElse(null))));
        }
        if (!waiting.isEmpty()) {
            audit.record(viewer, AuditAction.LIST, waiting.stream().map(w -> w.child().id()).toList(), null,
                    AuditOutcome.DISCLOSED, "lead professional proposals shown=" + waiting.size());
        }
        return waiting;
    }

    /** The current lead professional or the child's LA team confirms or declines a proposal. */
    @Transactional
    public void decide(Viewer viewer, long proposalId, boolean confirm) {
        LeadProposal p = repository.proposal(proposalId).filter(q -> "PENDING".equals(q.status()))
                .orElseThrow(() -> new Refused("That proposal has already been decided or withdrawn"));
        ChildRecord child = directory.find(p.childId()).orElseThrow(() -> new Refused("That proposal has already been decided or withdrawn"));
        if (!mayDecide(viewer, child)) {
            throw new Refused("Only the current lead professional or the local authority ContactPoint team can decide this");
        }
        Involvement entry = child.involvements().stream().filter(i -> i.id() == p.involvementId()).findFirst()
                .filter(i -> i.current(LocalDate.now(clock)))
                .orElseThrow(() -> new Refused("The proposed practitioner's involvement has ended"));
        Instant now = clock.instant();
        repository.decide(proposalId, confirm ? "CONFIRMED" : "DECLINED", viewer.userId(), now);
        if (confirm) {
            makeLead(viewer, new Entry(child, entry), now, "confirmed proposal=" + proposalId);
        } else {
            audit.record(viewer, AuditAction.RECORD_CHANGE, List.of(child.id()), null, AuditOutcome.CHANGED,
                    "lead professional proposal declined proposal=" + proposalId);
        }
        if (p.proposedBy() != viewer.userId()) {
            tell(p.proposedBy(), confirm ? "You are now a child's lead professional" : "Your lead professional proposal was declined",
                    confirm ? "Your proposal to become lead professional for a child was confirmed. It shows on the record and in My children."
                            : "Your proposal to become lead professional for a child was declined. Talk to the current lead professional "
                            + "or the local authority ContactPoint team.");
        }
    }

    /**
     * A practitioner left: their current entries pass to their manager (named, with the manager's contact
     * details), or to their organisation as team entries when they had no manager. Each child's change is
     * audited; the manager is told how many entries are now theirs.
     */
    @Transactional
    public int handOver(uk.contactpoint.access.UserLeft left) {
        Optional<UserContact> manager = Optional.ofNullable(left.managerId()).flatMap(users::contact);
        Instant now = clock.instant();
        List<Long> children = directory.handOverInvolvements(left.userId(), manager.map(UserContact::userId).orElse(null),
                manager.map(UserContact::displayName).orElse(null), manager.map(UserContact::phone).orElse(null),
                manager.map(UserContact::email).orElse(null), now);
        for (long child : children) {
            audit.record(new uk.contactpoint.audit.AuditEvent(now, "system", null, null, "leaver-handover", null, null,
                    AuditAction.RECORD_CHANGE, List.of(child), null, AuditOutcome.CHANGED,
                    "involvements of a leaver passed to " + (manager.isPresent() ? "their manager" : "their organisation")));
        }
        if (!children.isEmpty()) {
            manager.ifPresent(m -> tell(m.userId(), "Involvements of someone who left are now yours",
                    "A practitioner you manage has left. Their involvement with " + children.size()
                            + (children.size() == 1 ? " child" : " children") + " is now recorded in your name: see My children."));
        }
        return children.size();
    }

    /** Reports an inaccuracy in a record to its LA's data managers. */
    @Transactional
    public long reportInaccuracy(Viewer viewer, ContactPointId id, String field, String description) {
        ChildRecord child = visible(viewer, id);
        if (!REPORT_FIELDS.contains(field)) {
            throw new Refused("Choose what is wrong");
        }
        if (blank(description)) {
            throw new Refused("Say what is wrong and what it should be");
        }
        if (description.strip().length() > MAX_REPORT) {
            throw new Refused("Description must be " + MAX_REPORT + " characters or fewer");
        }
        String la = child.responsibleLa().code().value();
        long report = repository.insertReport(child.id(), la, field, description.strip(), viewer.userId(), clock.instant());
        audit.record(viewer, AuditAction.RECORD_CHANGE, List.of(child.id()), null, AuditOutcome.CHANGED,
                "inaccuracy reported report=" + report + " field=" + field);
        for (UserContact manager : users.managementTeam(la, Role.LA_DATA_MANAGER)) {
            tell(manager.userId(), "A practitioner reported an inaccuracy in a record",
                    "A practitioner has reported an inaccuracy in a record of your authority. Open Inaccuracy reports to deal with it.");
        }
        return report;
    }

    /** A report with the child as its LA team sees it. */
    public record Report(InaccuracyReport report, uk.contactpoint.safeguards.DisclosedChild child, String reportedBy) {
    }

    /** The open inaccuracy reports of the viewer's authority, for its data managers. */
    @Transactional
    public List<Report> openReports(Viewer viewer) {
        if (!viewer.has(Role.LA_DATA_MANAGER) || viewer.localAuthority() == null) {
            throw new Refused("Only an LA data manager sees inaccuracy reports");
        }
        List<Report> reports = new ArrayList<>();
        for (InaccuracyReport r : repository.openReports(viewer.localAuthority())) {
            directory.find(r.childId()).flatMap(c -> policy.apply(c, viewer)).ifPresent(c -> reports.add(new Report(r, c,
                    users.contact(r.reportedBy()).map(UserContact::displayName).orElse("a former user"))));
        }
        if (!reports.isEmpty()) {
            audit.record(viewer, AuditAction.LIST, reports.stream().map(r -> r.child().id()).toList(), null,
                    AuditOutcome.DISCLOSED, "inaccuracy reports shown=" + reports.size());
        }
        return reports;
    }

    /** A data manager marks a report dealt with; its reporter is told. */
    @Transactional
    public void resolve(Viewer viewer, long reportId, String resolution) {
        InaccuracyReport r = repository.report(reportId).filter(x -> "OPEN".equals(x.status()))
                .orElseThrow(() -> new Refused("That report has already been dealt with"));
        if (!viewer.has(Role.LA_DATA_MANAGER) || !r.localAuthority().equals(viewer.localAuthority())) {
            throw new Refused("Only a data manager of the child's local authority can deal with this report");
        }
        if (resolution != null && resolution.strip().length() > MAX_TEXT) {
            throw new Refused("What was done must be " + MAX_TEXT + " characters or fewer");
        }
        repository.resolve(reportId, viewer.userId(), trim(resolution), clock.instant());
        audit.record(viewer, AuditAction.RECORD_CHANGE, List.of(r.childId()), null, AuditOutcome.CHANGED,
                "inaccuracy report resolved report=" + reportId);
        tell(r.reportedBy(), "The inaccuracy you reported has been dealt with",
                "The local authority ContactPoint team has dealt with an inaccuracy you reported in a record.");
    }

    private void makeLead(Viewer viewer, Entry e, Instant now, String basis) {
        List<Long> previous = directory.setLeadProfessional(e.child().id(), e.involvement().id(), now);
        audit.record(viewer, AuditAction.RECORD_CHANGE, List.of(e.child().id()), null, AuditOutcome.CHANGED,
                "lead professional set id=" + e.involvement().id() + " " + basis);
        events.publishEvent(new LeadProfessionalChanged(e.child().id(), e.involvement().id(), previous, viewer.userId()));
    }

    /** The users who may decide a proposal: the current lead professional (if recorded by hand) and the LA data managers. */
    private List<Long> deciders(ChildRecord child) {
        List<Long> ids = new ArrayList<>();
        LocalDate today = LocalDate.now(clock);
        child.involvements().stream().filter(i -> i.leadProfessional() && i.current(today) && i.recordedBy() != null)
                .forEach(i -> ids.add(i.recordedBy()));
        users.managementTeam(child.responsibleLa().code().value(), Role.LA_DATA_MANAGER).forEach(u -> ids.add(u.userId()));
        return ids.stream().distinct().toList();
    }

    private boolean mayDecide(Viewer viewer, ChildRecord child) {
        if (viewer.onManagementTeamOf(child.responsibleLa().code().value())) {
            return true;
        }
        LocalDate today = LocalDate.now(clock);
        return child.involvements().stream().anyMatch(i -> i.leadProfessional() && i.current(today)
                && i.recordedBy() != null && i.recordedBy() == viewer.userId());
    }

    private record Entry(ChildRecord child, Involvement involvement) {
    }

    /**
     * The entry, if the viewer may act on it as its practitioner (or, when {@code laTeamToo}, as the child's LA
     * team) and it is current.
     */
    private Entry actionable(Viewer viewer, long involvementId, boolean laTeamToo) {
        Refused notYours = new Refused("You can change only your own or your team's current involvements");
        long childId = directory.childOfInvolvement(involvementId).orElseThrow(() -> notYours);
        ChildRecord child = directory.find(childId).orElseThrow(() -> notYours);
        if (child.status() != RecordStatus.LIVE || policy.apply(child, viewer).isEmpty()) {
            throw notYours;
        }
        Involvement entry = child.involvements().stream().filter(i -> i.id() == involvementId).findFirst().orElseThrow(() -> notYours);
        if (!entry.current(LocalDate.now(clock))) {
            throw new Refused("That involvement has already ended");
        }
        if (!DisclosurePolicy.actsFor(entry, viewer) && !(laTeamToo && viewer.onManagementTeamOf(child.responsibleLa().code().value()))) {
            throw notYours;
        }
        return new Entry(child, entry);
    }

    private ChildRecord visible(Viewer viewer, ContactPointId id) {
        // live records only: the LA's team also sees its suppressed old identities, which take no new entries
        return directory.find(id).filter(c -> c.status() == RecordStatus.LIVE && policy.apply(c, viewer).isPresent())
                .orElseThrow(() -> new Refused("No record you can see has that ContactPoint ID"));
    }

    private void tell(long userId, String subject, String body) {
        users.contact(userId).ifPresent(u -> events.publishEvent(new Notification(userId, u.email(), subject, body)));
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static String trim(String s) {
        return blank(s) ? null : s.strip();
    }

    /**
     * Ends the practitioner entries nobody confirmed within the lapse period (as of this day), in batches;
     * each practitioner is told. Returns how many lapsed.
     */
    @Transactional
    public int lapse(LocalDate today, int limit) {
        List<Long> due = directory.unconfirmedInvolvements(today.minusDays(lapseAfterDays), limit);
        Instant now = clock.instant();
        java.util.Map<Long, Integer> byRecorder = new java.util.HashMap<>();
        for (long id : due) {
            long child = directory.childOfInvolvement(id).orElseThrow();
            if (directory.endInvolvement(id, today, "LAPSED", now)) {
                repository.withdrawProposalsOf(id, now);
                audit.record(new uk.contactpoint.audit.AuditEvent(now, "system", null, null, "involvement-lapse", null, null,
                        AuditAction.RECORD_CHANGE, List.of(child), null, AuditOutcome.CHANGED,
                        "involvement lapsed id=" + id + " unconfirmed-days=" + lapseAfterDays));
                directory.involvementRecorder(id).ifPresent(u -> byRecorder.merge(u, 1, Integer::sum));
                events.publishEvent(new InvolvementEnded(child, id, null, "LAPSED"));
            }
        }
        byRecorder.forEach((user, count) -> tell(user, "Involvements you did not confirm have ended",
                count + (count == 1 ? " involvement" : " involvements") + " you recorded had not been confirmed for "
                        + lapseAfterDays + " days and ended. If you still work with the child, record your involvement again."));
        return due.size();
    }
}
