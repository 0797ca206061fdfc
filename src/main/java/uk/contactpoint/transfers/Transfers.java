package uk.contactpoint.transfers;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import uk.contactpoint.access.Role;
import uk.contactpoint.access.UserAccounts;
import uk.contactpoint.access.UserContact;
import uk.contactpoint.access.Viewer;
import uk.contactpoint.audit.AuditAction;
import uk.contactpoint.audit.AuditEvent;
import uk.contactpoint.audit.AuditLog;
import uk.contactpoint.audit.AuditOutcome;
import uk.contactpoint.directory.ChildRecord;
import uk.contactpoint.directory.ContactPointId;
import uk.contactpoint.directory.Directory;
import uk.contactpoint.directory.Involvement;
import uk.contactpoint.directory.LocalAuthorities;
import uk.contactpoint.directory.LocalAuthority;
import uk.contactpoint.directory.LocalAuthorityCode;
import uk.contactpoint.directory.RecordStatus;
import uk.contactpoint.directory.ResponsibilityChange;
import uk.contactpoint.directory.TransferProposed;
import uk.contactpoint.notify.Notification;
import uk.contactpoint.safeguards.DisclosedChild;
import uk.contactpoint.safeguards.DisclosedInvolvement;
import uk.contactpoint.safeguards.DisclosurePolicy;
import uk.contactpoint.safeguards.Shielding;
import uk.contactpoint.safeguards.WorkingDays;
import uk.contactpoint.transfers.TransferRequest.Status;
import uk.contactpoint.transfers.internal.TransferRepository;

/**
 * Transfers of responsibility for a child between local authorities (ADR 42).
 *
 * <p>A {@link TransferProposed} (a feed's address, or the responsible LA's own correction, in another authority's
 * area) raises a request to the receiving LA, in the publishing transaction, due {@code
 * contactpoint.transfers.decide-within-working-days} English working days later (default 5, bank holidays excluded).
 * One request per child waits at a time: a proposal to another LA withdraws the waiting one, and an address back in
 * the responsible LA's area withdraws it too. A feed does not raise again a request the receiving LA declined in the
 * last {@value #QUIET_AFTER_DECLINE_DAYS} days.
 *
 * <p>The receiving LA's data managers and shielding officers accept or decline (with a reason, which goes back to
 * the sending LA). A shielded child's transfer is accepted only by a shielding officer, who re-confirms the shield or
 * proposes lifting it (a second officer approves, as any unshielding). Acceptance moves the responsible LA in the
 * same transaction, and tells both LA teams and the involved practitioners, content-free: a sensitive service is
 * never told directly but through the receiving LA's team, as brokered contact is (ADR 27). Past the due day a
 * request is escalated to national administrators and shown as overdue. Every read and change is audited.
 */
@Service
public class Transfers {

    /** Days during which a feed does not raise again a transfer the receiving LA declined. */
    public static final int QUIET_AFTER_DECLINE_DAYS = 90;
    public static final int MAX_REASON = 500;
    public static final int MAX_SHIELD_TEXT = 200;
    static final int LIST_LIMIT = 200;
    static final Duration DECIDED_SHOWN_FOR = Duration.ofDays(30);

    /** What the receiving shielding officer does with a shield. */
    public enum ShieldChoice { KEEP, LIFT }

    /** How the receiving LA accepts: for a shielded child, the shield decision. */
    public record Acceptance(ShieldChoice shield, Shielding.ReasonCategory reason, String requestedBy, LocalDate reviewDate,
                             String liftWhy) {

        public static Acceptance plain() {
            return new Acceptance(null, null, null, null, null);
        }

        @Override
        public String toString() {
            return "Acceptance[shield=" + shield + "]";
        }
    }

    /** A request with its child as the viewer may see it (null for national administrators: ids only). */
    public record Item(TransferRequest request, DisclosedChild child, String fromName, String toName, boolean overdue) {
    }

    /** The viewer's queues: requests to their LA and requests from it (for national administrators, escalated ones). */
    public record Queue(List<Item> incoming, List<Item> outgoing, boolean national) {
    }

    /**
     * One request as its page shows it: the child through the policy, the services the receiving LA's team tells
     * itself (sensitive ones; only once responsible and so able to see them) and the history of responsible LAs.
     */
    public record Detail(Item item, boolean mayDecide, boolean shielded, boolean mayAcceptShielded,
                         List<DisclosedInvolvement> servicesToTell, List<ResponsibilityChange> history) {
    }

    /** Refused: the request is not this viewer's to see or decide. */
    public static final class NotAllowed extends RuntimeException {
        NotAllowed(String message) {
            super(message, null, false, false);
        }
    }

    private final TransferRepository repository;
    private final Directory directory;
    private final LocalAuthorities authorities;
    private final DisclosurePolicy policy;
    private final Shielding shielding;
    private final UserAccounts users;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final int workingDays;

    Transfers(TransferRepository repository, Directory directory, LocalAuthorities authorities, DisclosurePolicy policy,
              Shielding shielding, UserAccounts users, AuditLog audit, ApplicationEventPublisher events, Clock clock,
              @Value("${contactpoint.transfers.decide-within-working-days:5}") int workingDays) {
        if (workingDays < 1 || workingDays > 60) {
            throw new IllegalStateException("contactpoint.transfers.decide-within-working-days must be from 1 to 60");
        }
        this.repository = repository;
        this.directory = directory;
        this.authorities = authorities;
        this.policy = policy;
        this.shielding = shielding;
        this.users = users;
        this.audit = audit;
        this.events = events;
        this.clock = clock;
        this.workingDays = workingDays;
    }

    /** Whether this viewer decides transfers for their LA: a data manager or shielding officer, not through a call. */
    public static boolean decides(Viewer viewer) {
        return viewer.localAuthority() != null && viewer.mediation() == null
                && (viewer.has(Role.LA_DATA_MANAGER) || viewer.has(Role.LA_SHIELDING_OFFICER));
    }

    /** Whether this viewer uses the transfers page: an LA's deciders, or a national administrator (escalations). */
    public static boolean uses(Viewer viewer) {
        return decides(viewer) || viewer.has(Role.NATIONAL_ADMIN) && viewer.mediation() == null;
    }

    /** The day a request raised on a day is due: that many English working days later. */
    public LocalDate dueOn(LocalDate raised) {
        return WorkingDays.plus(raised, workingDays);
    }

    public int workingDays() {
        return workingDays;
    }

    // ---- raising ----

    /** Raises, withdraws or ignores a proposal, in the transaction that made it. */
    @EventListener
    void on(TransferProposed proposal) {
        raise(proposal);
    }

    /** What a proposal did: the request raised, or empty. */
    Optional<Long> raise(TransferProposed p) {
        Optional<TransferRequest> waiting = repository.pendingFor(p.childId());
        Instant now = clock.instant();
        if (p.from().equals(p.to())) {
            // the address is back in the responsible LA's area: nothing to ask
            waiting.ifPresent(w -> withdraw(w, now, "address back in the responsible authority's area"));
            return Optional.empty();
        }
        Optional<ChildRecord> child = directory.find(p.childId());
        if (child.isEmpty() || child.get().status() != RecordStatus.LIVE
                || !child.get().responsibleLa().code().equals(p.from()) || authorities.find(p.to()).isEmpty()) {
            return Optional.empty();
        }
        if (waiting.isPresent()) {
            if (waiting.get().toLa().equals(p.to())) {
                return Optional.empty();
            }
            withdraw(waiting.get(), now, "address moved to another authority's area");
        }
        LocalDate today = LocalDate.now(clock);
        if (p.raisedBy() == null && repository.declinedSince(p.childId(), p.to().value(), today.minusDays(QUIET_AFTER_DECLINE_DAYS))) {
            return Optional.empty();
        }
        LocalDate due = dueOn(today);
        long id = repository.insert(p.childId(), p.from().value(), p.to().value(), p.source(), p.raisedBy(), now, today, due);
        audit.record(system(now, AuditAction.RECORD_CHANGE, List.of(p.childId()), AuditOutcome.CHANGED,
                "transfer raised id=" + id + " from=" + p.from().value() + " to=" + p.to().value() + " source=" + p.source()
                        + (p.feedBatch() == null ? "" : " batch=" + p.feedBatch())
                        + (p.raisedBy() == null ? "" : " by=" + p.raisedBy())));
        // one notice a day per receiving LA, however many children a feed moves into its area
        if (repository.otherPendingRaisedOn(p.to().value(), today, id) == 0) {
            List<UserContact> team = team(p.to().value(), child.get().shielded());
            String body = "Another local authority's records show one or more children now living in your area. Open "
                    + "Transfers to accept or decline responsibility by " + date(due) + ".";
            team.forEach(u -> tell(u, "Children's records are waiting for your authority to accept", body));
        }
        return Optional.of(id);
    }

    private void withdraw(TransferRequest r, Instant now, String why) {
        if (repository.close(r.id(), Status.WITHDRAWN, "system", now, null, null)) {
            audit.record(system(now, AuditAction.RECORD_CHANGE, List.of(r.childId()), AuditOutcome.CHANGED,
                    "transfer withdrawn id=" + r.id() + ": " + why));
        }
    }

    // ---- reading ----

    /** The viewer's queues, audited as a list of the children shown. */
    @Transactional
    public Queue queue(Viewer viewer) {
        LocalDate today = LocalDate.now(clock);
        Instant since = clock.instant().minus(DECIDED_SHOWN_FOR);
        if (!decides(viewer)) {
            if (!uses(viewer)) {
                throw new NotAllowed("Only an LA's data managers and shielding officers, and national administrators, see transfers");
            }
            List<Item> escalated = repository.escalated(LIST_LIMIT).stream()
                    .map(r -> new Item(r, null, name(r.fromLa()), name(r.toLa()), overdue(r, today))).toList();
            audit.record(viewer, AuditAction.OVERSIGHT, escalated.stream().map(i -> i.request().childId()).distinct().toList(),
                    null, AuditOutcome.SUCCESS, "escalated transfers listed: " + escalated.size());
            return new Queue(escalated, List.of(), true);
        }
        List<Item> incoming = items(viewer, repository.incoming(viewer.localAuthority(), since, LIST_LIMIT), today);
        List<Item> outgoing = items(viewer, repository.outgoing(viewer.localAuthority(), since, LIST_LIMIT), today);
        List<Long> shown = new ArrayList<>();
        incoming.forEach(i -> shown.add(i.request().childId()));
        outgoing.forEach(i -> shown.add(i.request().childId()));
        audit.record(viewer, AuditAction.LIST, shown.stream().distinct().toList(), null,
                shown.isEmpty() ? AuditOutcome.NOTHING_DISCLOSED : AuditOutcome.DISCLOSED,
                "transfers listed: incoming=" + incoming.size() + " outgoing=" + outgoing.size());
        return new Queue(incoming, outgoing, false);
    }

    private List<Item> items(Viewer viewer, List<TransferRequest> requests, LocalDate today) {
        List<Item> out = new ArrayList<>(requests.size());
        for (TransferRequest r : requests) {
            DisclosedChild child = directory.find(r.childId()).flatMap(c -> policy.apply(c, viewer)).orElse(null);
            out.add(new Item(r, child, name(r.fromLa()), name(r.toLa()), overdue(r, today)));
        }
        return out;
    }

    /**
     * One request for the team of its receiving or sending LA, audited as a view of the child.
     *
     * @throws NotAllowed when the request is neither LA's of the viewer, or there is none
     */
    @Transactional
    public Detail detail(Viewer viewer, long id) {
        TransferRequest r = visible(viewer, id);
        LocalDate today = LocalDate.now(clock);
        ChildRecord record = directory.find(r.childId()).orElseThrow(() -> new NotAllowed("No such transfer"));
        Optional<DisclosedChild> child = policy.apply(record, viewer);
        audit.record(viewer, AuditAction.RECORD_VIEW, List.of(r.childId()), "transfer request " + id,
                child.isPresent() ? AuditOutcome.DISCLOSED : AuditOutcome.NOTHING_DISCLOSED, "transfer request id=" + id);
        boolean receiving = r.toLa().value().equals(viewer.localAuthority());
        boolean mayDecide = receiving && r.status() == Status.PENDING;
        // once responsible, the receiving team sees the sensitive services it tells itself (the policy unmasks them)
        List<DisclosedInvolvement> toTell = receiving && r.status() == Status.ACCEPTED && child.isPresent()
                ? sensitiveShown(record, child.get()) : List.of();
        List<ResponsibilityChange> history = child.isPresent() && !child.get().restricted()
                ? directory.responsibilityHistory(r.childId()) : List.of();
        return new Detail(new Item(r, child.orElse(null), name(r.fromLa()), name(r.toLa()), overdue(r, today)), mayDecide,
                record.shielded(), viewer.has(Role.LA_SHIELDING_OFFICER), toTell, history);
    }

    /** Past its due day, or escalated already (the page says overdue either way). */
    private static boolean overdue(TransferRequest r, LocalDate today) {
        return r.status() == Status.PENDING && (r.overdue(today) || r.escalated());
    }

    private static List<DisclosedInvolvement> sensitiveShown(ChildRecord record, DisclosedChild shown) {
        Set<Long> sensitive = new java.util.HashSet<>();
        record.involvements().stream().filter(Involvement::sensitive).forEach(i -> sensitive.add(i.id()));
        return shown.involvements().stream().filter(i -> !i.masked() && sensitive.contains(i.id())).toList();
    }

    private TransferRequest visible(Viewer viewer, long id) {
        if (!decides(viewer)) {
            throw new NotAllowed("Only an LA's data managers and shielding officers see a transfer");
        }
        return repository.find(id).filter(r -> r.toLa().value().equals(viewer.localAuthority())
                        || r.fromLa().value().equals(viewer.localAuthority()))
                .orElseThrow(() -> new NotAllowed("No such transfer"));
    }

    /**
     * The moves of a child's responsible LA, for the team of its responsible LA (audited as a view). Empty when the
     * viewer is not on that team or there is no such live record.
     */
    @Transactional
    public Optional<List<ResponsibilityChange>> history(Viewer viewer, ContactPointId id) {
        Optional<ChildRecord> child = directory.find(id).filter(c -> c.status() == RecordStatus.LIVE
                && viewer.mediation() == null && viewer.onManagementTeamOf(c.responsibleLa().code().value()));
        if (child.isEmpty()) {
            return Optional.empty();
        }
        List<ResponsibilityChange> history = directory.responsibilityHistory(child.get().id());
        audit.record(viewer, AuditAction.RECORD_VIEW, List.of(child.get().id()), "history of responsible authorities",
                AuditOutcome.DISCLOSED, "responsible authority history moves=" + history.size());
        return Optional.of(history);
    }

    /** The name of an authority, or its code. */
    public String name(LocalAuthorityCode code) {
        return authorities.find(code).map(LocalAuthority::name).orElse(code.value());
    }

    // ---- deciding ----

    /**
     * Accepts a waiting request for the viewer's LA: responsibility moves, the shield (if any) is re-confirmed or its
     * lifting proposed, both teams and the involved practitioners are told. Nothing changes when anything is wrong.
     *
     * @return the problems by form field (empty: accepted)
     * @throws NotAllowed when the request is not the viewer's LA's to decide
     */
    @Transactional
    public Map<String, String> accept(Viewer viewer, long id, Acceptance acceptance) {
        TransferRequest r = decidable(viewer, id);
        Map<String, String> problems = new LinkedHashMap<>();
        if (r == null) {
            problems.put("decision", "This transfer has already been decided or withdrawn");
            return problems;
        }
        ChildRecord child = directory.find(r.childId()).orElseThrow();
        if (child.status() != RecordStatus.LIVE || !child.responsibleLa().code().equals(r.fromLa())) {
            problems.put("decision", "The record changed after this request was raised: it can no longer be accepted");
            return problems;
        }
        Acceptance a = acceptance == null ? Acceptance.plain() : acceptance;
        if (child.shielded()) {
            if (!viewer.has(Role.LA_SHIELDING_OFFICER)) {
                problems.put("shield", "This record is shielded: a shielding officer of your authority accepts it, re-confirming or lifting the shield");
            } else if (a.shield() == null) {
                problems.put("shield", "Choose whether the shield stays or is lifted");
            } else if (a.shield() == ShieldChoice.KEEP) {
                String problem = shielding.reconfirmationProblem(a.reason(), a.requestedBy(), a.reviewDate());
                if (problem != null) {
                    problems.put(problem.startsWith("Choose") ? "reason" : problem.startsWith("Say") ? "requestedBy" : "reviewDate", problem);
                }
            } else if (a.liftWhy() == null || a.liftWhy().isBlank() || a.liftWhy().strip().length() > MAX_SHIELD_TEXT) {
                problems.put("liftWhy", "Say why the shield is no longer needed, and who asked (" + MAX_SHIELD_TEXT + " characters or fewer)");
            }
        }
        if (!problems.isEmpty()) {
            audit.record(viewer, AuditAction.RECORD_CHANGE, List.of(r.childId()), null, AuditOutcome.REFUSED,
                    "transfer accept refused id=" + id + ": " + String.join(",", problems.keySet()));
            return problems;
        }
        Instant now = clock.instant();
        String shieldOutcome = !child.shielded() ? null : a.shield() == ShieldChoice.KEEP ? "RECONFIRMED" : "LIFT_PROPOSED";
        if (!directory.transferResponsibility(r.childId(), r.fromLa(), r.toLa(), id, viewer.username(), now)
                || !repository.close(id, Status.ACCEPTED, viewer.username(), now, null, shieldOutcome)) {
            throw new IllegalStateException("transfer " + id + " changed while being accepted");
        }
        if (child.shielded()) {
            if (a.shield() == ShieldChoice.KEEP) {
                shielding.reconfirmAfterTransfer(viewer, r.childId(), a.reason(), a.requestedBy(), a.reviewDate());
            } else {
                shielding.proposeUnshieldAfterTransfer(viewer, r.childId(), a.liftWhy().strip());
            }
        }
        audit.record(viewer, AuditAction.RECORD_CHANGE, List.of(r.childId()), null, AuditOutcome.CHANGED,
                "transfer accepted id=" + id + " from=" + r.fromLa().value() + " to=" + r.toLa().value()
                        + (shieldOutcome == null ? "" : " shield=" + shieldOutcome));
        tellOfAcceptance(viewer, r, child);
        return problems;
    }

    /**
     * Declines a waiting request for the viewer's LA with a reason, which the sending LA's team is shown.
     *
     * @return the problems by form field (empty: declined)
     */
    @Transactional
    public Map<String, String> decline(Viewer viewer, long id, String reason) {
        TransferRequest r = decidable(viewer, id);
        Map<String, String> problems = new LinkedHashMap<>();
        if (r == null) {
            problems.put("decision", "This transfer has already been decided or withdrawn");
            return problems;
        }
        String why = reason == null ? "" : reason.strip();
        if (why.isEmpty()) {
            problems.put("declineReason", "Say why your authority is not responsible for this child (the sending authority is shown it)");
        } else if (why.length() > MAX_REASON) {
            problems.put("declineReason", "The reason must be " + MAX_REASON + " characters or fewer");
        }
        if (!problems.isEmpty()) {
            return problems;
        }
        Instant now = clock.instant();
        if (!repository.close(id, Status.DECLINED, viewer.username(), now, why, null)) {
            throw new IllegalStateException("transfer " + id + " changed while being declined");
        }
        audit.record(viewer, AuditAction.RECORD_CHANGE, List.of(r.childId()), why, AuditOutcome.CHANGED,
                "transfer declined id=" + id + " from=" + r.fromLa().value() + " to=" + r.toLa().value());
        users.managementTeam(r.fromLa().value(), Role.LA_DATA_MANAGER).forEach(u -> tell(u,
                "Another local authority declined a transfer",
                "Another local authority has declined responsibility for a child your authority is responsible for. "
                        + "Responsibility stays with your authority. Open Transfers to see why."));
        return problems;
    }

    /** The waiting request, if the viewer may decide it; null when it is no longer waiting. */
    private TransferRequest decidable(Viewer viewer, long id) {
        if (!decides(viewer)) {
            throw new NotAllowed("Only an LA's data managers and shielding officers decide transfers");
        }
        TransferRequest any = repository.find(id).filter(r -> r.toLa().value().equals(viewer.localAuthority()))
                .orElseThrow(() -> new NotAllowed("No such transfer"));
        return any.status() == Status.PENDING ? repository.lockPending(id).orElse(null) : null;
    }

    /**
     * Both teams and the practitioners working with the child, each once and content-free. A practitioner is told
     * through their own account (an entry they recorded, or their organisation's team entry); a sensitive service is
     * not told directly: the receiving team, who can now see it, tells it (the request's page lists them).
     */
    private void tellOfAcceptance(Viewer viewer, TransferRequest r, ChildRecord child) {
        Map<Long, UserContact> sending = new LinkedHashMap<>();
        for (Role role : List.of(Role.LA_DATA_MANAGER, Role.LA_SHIELDING_OFFICER)) {
            if (role == Role.LA_DATA_MANAGER || child.shielded()) {
                users.managementTeam(r.fromLa().value(), role).forEach(u -> sending.putIfAbsent(u.userId(), u));
            }
        }
        Map<Long, UserContact> receiving = new LinkedHashMap<>();
        team(r.toLa().value(), child.shielded()).forEach(u -> receiving.putIfAbsent(u.userId(), u));
        receiving.remove(viewer.userId());
        sending.values().forEach(u -> tell(u, "Responsibility for a child has moved to another local authority",
                "Another local authority has accepted responsibility for a child your authority was responsible for. "
                        + "Open Transfers to see it."));
        receiving.values().forEach(u -> tell(u, "Your authority is now responsible for a child",
                "Your authority has accepted responsibility for a child from another local authority. Open Transfers to see "
                        + "the record and which services your team should tell."));
        LocalDate today = LocalDate.now(clock);
        Set<Long> practitioners = new LinkedHashSet<>();
        for (Involvement i : child.involvements()) {
            if (!i.current(today) || i.sensitive()) {
                continue;
            }
            if (i.recordedBy() != null) {
                practitioners.add(i.recordedBy());
            } else if (!i.practitionerNamed() && i.organisation() != null) {
                users.ofOrganisation(i.organisation().id(), Role.PRACTITIONER).forEach(u -> practitioners.add(u.userId()));
            }
        }
        practitioners.removeAll(sending.keySet());
        practitioners.removeAll(receiving.keySet());
        practitioners.remove(viewer.userId());
        for (long userId : practitioners) {
            users.contact(userId).ifPresent(u -> tell(u, "A child you work with has a new responsible local authority",
                    "The local authority responsible for a child you work with has changed. The child's record shows the "
                            + "ContactPoint team to contact now. Open My children to see it."));
        }
    }

    // ---- escalation ----

    /**
     * Escalates the requests still waiting after their due day (as of {@code today}): national administrators and the
     * receiving teams are told once, content-free. Returns how many were escalated.
     */
    @Transactional
    public int escalate(LocalDate today) {
        Instant now = clock.instant();
        List<TransferRequest> overdue = repository.escalate(today, now);
        if (overdue.isEmpty()) {
            return 0;
        }
        audit.record(system(now, AuditAction.OVERSIGHT, overdue.stream().map(TransferRequest::childId).distinct().toList(),
                AuditOutcome.SUCCESS, "transfers escalated: " + overdue.stream().map(r -> Long.toString(r.id()))
                        .reduce((x, y) -> x + "," + y).orElse("")));
        users.nationalAdministrators().forEach(u -> tell(u, "Transfers between local authorities are overdue",
                overdue.size() + (overdue.size() == 1 ? " transfer request was" : " transfer requests were")
                        + " not decided in time by the receiving local authority. Open Transfers to see them."));
        Map<String, Integer> byLa = new LinkedHashMap<>();
        overdue.forEach(r -> byLa.merge(r.toLa().value(), 1, Integer::sum));
        byLa.forEach((la, n) -> users.managementTeam(la, Role.LA_DATA_MANAGER).forEach(u -> tell(u,
                "Transfers waiting for your authority are overdue",
                n + (n == 1 ? " transfer request" : " transfer requests") + " for your authority passed the day they were due"
                        + " and national administrators have been told. Open Transfers to decide them.")));
        return overdue.size();
    }

    // ---- helpers ----

    /** Whom to tell in an LA about a transfer: its data managers, and its shielding officers for a shielded child. */
    private List<UserContact> team(String la, boolean shielded) {
        Map<Long, UserContact> team = new LinkedHashMap<>();
        users.managementTeam(la, Role.LA_DATA_MANAGER).forEach(u -> team.putIfAbsent(u.userId(), u));
        if (shielded) {
            users.managementTeam(la, Role.LA_SHIELDING_OFFICER).forEach(u -> team.putIfAbsent(u.userId(), u));
        }
        return List.copyOf(team.values());
    }

    private void tell(UserContact u, String subject, String body) {
        events.publishEvent(new Notification(u.userId(), u.email(), subject, body));
    }

    private static AuditEvent system(Instant now, AuditAction action, List<Long> children, AuditOutcome outcome, String detail) {
        return new AuditEvent(now, "system", null, null, "transfers", null, null, action, children, null, outcome, detail);
    }

    private static String date(LocalDate day) {
        return day.format(DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.UK));
    }
}
