package uk.contactpoint.practice;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

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
import uk.contactpoint.directory.LocalAuthority;
import uk.contactpoint.directory.PersonName;
import uk.contactpoint.notify.Notification;
import uk.contactpoint.practice.internal.BrokeringRepository;
import uk.contactpoint.practice.internal.BrokeringRepository.Row;
import uk.contactpoint.safeguards.DisclosedChild;
import uk.contactpoint.safeguards.DisclosurePolicy;
import uk.contactpoint.safeguards.WorkingDays;

/**
 * Brokered contact with a masked sensitive service (DOMAIN.md section 4, ADR 27). A practitioner who sees only
 * that "a sensitive service is involved" asks for contact; the management team of the child's LA passes the
 * request to the service, whose practitioners accept (the requester is then shown the service's contact for that
 * entry) or decline (the requester is told so, never which service). Out of office hours the request still waits
 * for the LA team's next working day, and the requester is pointed at the emergency duty team.
 *
 * <p>Three parties may see a request: its requester, the management team of the child's LA, and the practitioners
 * of the organisation whose entry it is about (once the LA has passed it to them). For anyone else it does not
 * exist. Every read and change is audited in its transaction, naming the request by id and never the service.
 * Notifications carry a link, never the service or the child.
 */
@Service
public class Brokering {

    /** How soon the requester needs the service. */
    public enum Urgency {
        URGENT("Urgent: today"), SOON("Within two working days"), ROUTINE("Routine");

        private final String label;

        Urgency(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /** Where a request has got to. */
    public enum Status {
        OPEN("Waiting for the local authority ContactPoint team"), PASSED_TO_SERVICE("Passed to the service"),
        ACCEPTED("The service accepted"), DECLINED("The service declined contact; the LA team may advise");

        private final String label;

        Status(String label) {
            this.label = label;
        }

        /** The status in words that never name the service. */
        public String label() {
            return label;
        }
    }

    /** How the viewer stands to a request. */
    public enum Party {
        REQUESTER, LA_TEAM, SERVICE
    }

    /** A refusal the user can act on, keyed by the form field it is about; nothing was saved. */
    public static final class Refused extends RuntimeException {
        private final String field;

        public Refused(String field, String message) {
            super(message);
            this.field = field;
        }

        public String field() {
            return field;
        }
    }

    /** The request does not exist for this viewer (shown as not found). */
    public static final class NotFound extends RuntimeException {
        public NotFound() {
            super("No such request");
        }
    }

    /** What the requester asks: why, how the service can reach them (a phone or an email, or both), how soon. */
    public record Ask(String reason, String phone, String email, Urgency urgency) {
        @Override
        public String toString() {
            return "Brokering.Ask[urgency=" + urgency + "]";
        }
    }

    /** What the requester is told at once: who works the request now, and the numbers to ring. */
    public record Sent(long id, boolean officeHours, LocalDate dueOn, String contactPointTeamPhone,
                       String emergencyDutyPhone) {
    }

    /** How to reach the service about its entry: shown to the requester only once the service accepts. */
    public record ServiceContact(String service, String organisation, String name, String role, String phone,
                                 String email) {
        @Override
        public String toString() {
            return "Brokering.ServiceContact[hidden]";
        }
    }

    /**
     * A request as one viewer may see it. {@code service} is null for the requester until the service accepts;
     * {@code childName} is null when the viewer can no longer see the record.
     */
    public record Request(long id, Party party, Status status, Urgency urgency, String reason, String reachPhone,
                          String reachEmail, Instant requestedAt, boolean outOfHours, LocalDate dueOn,
                          ContactPointId contactPointId, PersonName childName, String requesterName,
                          String requesterOrganisation, ServiceContact service, String contactPointTeamPhone,
                          String emergencyDutyPhone) {
        @Override
        public String toString() {
            return "Brokering.Request[id=" + id + ", status=" + status + "]";
        }
    }

    /** The requests a viewer has to work or follow. */
    public record Overview(List<Request> forLaTeam, List<Request> forService, List<Request> mine) {
    }

    static final int MAX_REASON = 200;

    private final Directory directory;
    private final DisclosurePolicy policy;
    private final uk.contactpoint.safeguards.ProtectedFields fields;
    private final AuditLog audit;
    private final UserAccounts users;
    private final BrokeringRepository repository;
    private final OfficeHours hours;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    Brokering(Directory directory, DisclosurePolicy policy, AuditLog audit, UserAccounts users,
              BrokeringRepository repository, OfficeHours hours, ApplicationEventPublisher events, Clock clock,
              uk.contactpoint.safeguards.ProtectedFields fields) {
        this.fields = fields;
        this.directory = directory;
        this.policy = policy;
        this.audit = audit;
        this.users = users;
        this.repository = repository;
        this.hours = hours;
        this.events = events;
        this.clock = clock;
    }

    /** Who may ask for brokered contact: a practitioner signed in themselves. */
    public static boolean mayAsk(Viewer viewer) {
        return viewer.has(Role.PRACTITIONER) && viewer.mediation() == null;
    }

    /** Who has the brokering page: practitioners (their requests, and their service's) and LA management teams. */
    public static boolean uses(Viewer viewer) {
        return viewer.has(Role.PRACTITIONER) || viewer.roles().stream().anyMatch(Role::laManagementTeam);
    }

    /** The viewer's own details, to pre-fill how the service can reach them. */
    @Transactional(readOnly = true)
    public Optional<UserContact> profile(Viewer viewer) {
        return users.contact(viewer.userId());
    }

    /**
     * Asks for contact with the service behind a masked line of a record ({@code position}: its place among the
     * current involvements shown, from 0).
     *
     * @throws Refused when the form is incomplete, the viewer may not ask, or that line is no longer a masked
     *                 service (the record changed): nothing is saved
     */
    @Transactional
    public Sent ask(Viewer viewer, ContactPointId id, int position, Ask ask) {
        Map<String, String> problems = problems(ask);
        if (!problems.isEmpty()) {
            Map.Entry<String, String> first = problems.entrySet().iterator().next();
            throw new Refused(first.getKey(), first.getValue());
        }
        if (!mayAsk(viewer)) {
            throw new Refused("reason", "Only practitioners ask for brokered contact");
        }
        ChildRecord child = directory.find(id).filter(c -> policy.apply(c, viewer).isPresent())
                .orElseThrow(() -> new Refused("reason", "No record you can see has that ContactPoint ID"));
        Involvement entry = policy.maskedEntryAt(child, viewer, position)
                .orElseThrow(() -> new Refused("reason", "The record has changed since you opened it: open it again"));
        if (repository.unanswered(viewer.userId(), entry.id())) {
            // A second press of the button, or a second tab: one request per entry until the service answers.
            throw new Refused("reason", "You have already asked for contact with this service: follow your request under Brokered contact");
        }
        Instant now = clock.instant();
        boolean open = hours.open();
        LocalDate today = LocalDate.ofInstant(now, OfficeHours.LONDON);
        LocalDate dueOn = open ? today : WorkingDays.plus(today, 1);
        long requestId = repository.insert(child.id(), entry.id(), entry.organisation().id(), viewer.userId(), now, !open,
                dueOn, ask.reason().strip(), ask.urgency().name(), trim(ask.phone()), trim(ask.email()));
        audit.record(viewer, AuditAction.BROKERED_CONTACT, List.of(child.id()), null, AuditOutcome.CHANGED,
                "request=" + requestId + ";asked;urgency=" + ask.urgency() + ";outOfHours=" + !open);
        String la = child.responsibleLa().code().value();
        List<Long> told = new ArrayList<>();
        for (Role role : List.of(Role.LA_DATA_MANAGER, Role.LA_SHIELDING_OFFICER)) {
            for (UserContact u : users.managementTeam(la, role)) {
                if (!told.contains(u.userId())) {
                    told.add(u.userId());
                    events.publishEvent(new Notification(u.userId(), u.email(), "A practitioner asks for brokered contact",
                            "A practitioner asks to be put in touch with a sensitive service. Open /brokering/requests/"
                                    + requestId + " to pass the request on."));
                }
            }
        }
        LocalAuthority authority = child.responsibleLa();
        return new Sent(requestId, open, dueOn, authority.contactPointTeamPhone(), authority.emergencyDutyPhone());
    }

    /** What is wrong with an ask, by field, in the order of the form; empty when nothing is. */
    public static Map<String, String> problems(Ask ask) {
        Map<String, String> problems = new LinkedHashMap<>();
        if (blank(ask.reason())) {
            problems.put("reason", "Say why you need to contact the service");
        } else if (ask.reason().strip().length() > MAX_REASON) {
            problems.put("reason", "Why you need contact must be " + MAX_REASON + " characters or fewer");
        }
        if (blank(ask.phone()) && blank(ask.email())) {
            problems.put("phone", "Enter a phone number or an email address so that the service can reach you");
        } else if (!blank(ask.phone()) && ask.phone().strip().length() > 30) {
            problems.put("phone", "Phone must be 30 characters or fewer");
        } else if (!blank(ask.email()) && ask.email().strip().length() > 200) {
            problems.put("email", "Email must be 200 characters or fewer");
        }
        if (ask.urgency() == null) {
            problems.put("urgency", "Choose how soon you need contact");
        }
        return problems;
    }

    /** The requests this viewer works or follows; the list is audited with the children it names. */
    @Transactional
    public Overview overview(Viewer viewer) {
        List<Row> laRows = viewer.localAuthority() != null && viewer.onManagementTeamOf(viewer.localAuthority())
                ? repository.forLocalAuthority(viewer.localAuthority()) : List.of();
        List<Row> serviceRows = viewer.has(Role.PRACTITIONER) ? repository.passedTo(viewer.organisationId()) : List.of();
        List<Row> myRows = repository.requestedBy(viewer.userId(), 50);
        List<Row> all = new ArrayList<>(laRows);
        all.addAll(serviceRows);
        all.addAll(myRows);
        audit.record(viewer, AuditAction.BROKERED_CONTACT, all.stream().map(Row::childId).distinct().toList(), null,
                all.isEmpty() ? AuditOutcome.NOTHING_DISCLOSED : AuditOutcome.DISCLOSED,
                "list;requests=" + String.join(",", all.stream().map(r -> Long.toString(r.id())).distinct().toList()));
        return new Overview(laRows.stream().map(r -> view(r, Party.LA_TEAM, viewer)).toList(),
                serviceRows.stream().map(r -> view(r, Party.SERVICE, viewer)).toList(),
                myRows.stream().map(r -> view(r, Party.REQUESTER, viewer)).toList());
    }

    /**
     * One request as the viewer may see it, audited.
     *
     * @throws NotFound when there is no such request or the viewer is none of its parties (audited as refused)
     */
    @Transactional(noRollbackFor = NotFound.class)
    public Request read(Viewer viewer, long requestId) {
        Row row = partyRow(viewer, requestId, "read");
        Request request = view(row, partyOf(viewer, row).orElseThrow(), viewer);
        audit.record(viewer, AuditAction.BROKERED_CONTACT, List.of(row.childId()), null, AuditOutcome.DISCLOSED,
                "request=" + requestId + ";read;party=" + request.party() + ";status=" + request.status());
        return request;
    }

    /**
     * The LA team passes an open request to the service, whose practitioners are told.
     *
     * @throws NotFound when the viewer is not on the management team of the child's LA (audited as refused)
     * @throws Refused when the request is no longer open
     */
    @Transactional(noRollbackFor = NotFound.class)
    public void pass(Viewer viewer, long requestId) {
        Row row = partyRow(viewer, requestId, "pass");
        if (partyOf(viewer, row).orElseThrow() != Party.LA_TEAM) {
            throw refused(viewer, row, "pass");
        }
        if (!repository.pass(requestId, viewer.userId(), clock.instant())) {
            throw new Refused("request", "That request has already been passed to the service");
        }
        audit.record(viewer, AuditAction.BROKERED_CONTACT, List.of(row.childId()), null, AuditOutcome.CHANGED,
                "request=" + requestId + ";passed");
        List<Long> told = new ArrayList<>();
        for (UserContact u : users.ofOrganisation(row.organisationId(), Role.PRACTITIONER)) {
            told.add(u.userId());
            events.publishEvent(new Notification(u.userId(), u.email(), "A practitioner asks to contact your service",
                    "The local authority passed on a request for contact about a child your service works with. Open /brokering/requests/"
                            + requestId + " to accept or decline."));
        }
        tell(row.requestedBy(), "Your request for brokered contact was passed on",
                "The local authority ContactPoint team passed your request to the service. Open /brokering/requests/"
                        + requestId + " to follow it.");
    }

    /**
     * The service accepts or declines a request passed to it; the requester is told (never which service).
     *
     * @throws NotFound when the viewer is not a practitioner of the service (audited as refused)
     * @throws Refused when the request is not waiting for the service's answer
     */
    @Transactional(noRollbackFor = NotFound.class)
    public void decide(Viewer viewer, long requestId, boolean accept) {
        Row row = partyRow(viewer, requestId, accept ? "accept" : "decline");
        if (partyOf(viewer, row).orElseThrow() != Party.SERVICE) {
            throw refused(viewer, row, accept ? "accept" : "decline");
        }
        if (!repository.decide(requestId, accept ? Status.ACCEPTED.name() : Status.DECLINED.name(), viewer.userId(),
                clock.instant())) {
            throw new Refused("request", "That request has already been answered");
        }
        audit.record(viewer, AuditAction.BROKERED_CONTACT, List.of(row.childId()), null, AuditOutcome.CHANGED,
                "request=" + requestId + (accept ? ";accepted" : ";declined"));
        if (accept) {
            tell(row.requestedBy(), "The service accepted your request for contact",
                    "Open /brokering/requests/" + requestId + " to see how to reach the service.");
        } else {
            tell(row.requestedBy(), "The service declined your request for contact",
                    "The service declined contact; the LA team may advise. Open /brokering/requests/" + requestId + ".");
        }
    }

    /** The request, when the viewer is one of its parties; otherwise an audited refusal. */
    private Row partyRow(Viewer viewer, long requestId, String what) {
        Optional<Row> row = repository.find(requestId);
        if (row.isEmpty()) {
            audit.record(viewer, AuditAction.BROKERED_CONTACT, List.of(), null, AuditOutcome.NOTHING_DISCLOSED,
                    "request=" + requestId + ";" + what + ";no such request");
            throw new NotFound();
        }
        if (partyOf(viewer, row.get()).isEmpty()) {
            throw refused(viewer, row.get(), what);
        }
        return row.get();
    }

    private NotFound refused(Viewer viewer, Row row, String what) {
        audit.record(viewer, AuditAction.BROKERED_CONTACT, List.of(row.childId()), null, AuditOutcome.REFUSED,
                "request=" + row.id() + ";" + what + ";not a party");
        return new NotFound();
    }

    /**
     * How the viewer stands to a request: the LA team of the child's LA first, then the service (once passed to
     * it), then the requester.
     */
    private static Optional<Party> partyOf(Viewer viewer, Row row) {
        if (viewer.onManagementTeamOf(row.localAuthority())) {
            return Optional.of(Party.LA_TEAM);
        }
        Status status = Status.valueOf(row.status());
        if (viewer.has(Role.PRACTITIONER) && viewer.organisationId() == row.organisationId() && status != Status.OPEN) {
            return Optional.of(Party.SERVICE);
        }
        if (viewer.userId() == row.requestedBy()) {
            return Optional.of(Party.REQUESTER);
        }
        return Optional.empty();
    }

    private Request view(Row row, Party party, Viewer viewer) {
        Status status = Status.valueOf(row.status());
        Optional<ChildRecord> record = directory.find(row.childId());
        Optional<DisclosedChild> shown = record.flatMap(c -> policy.apply(c, viewer));
        boolean showService = party != Party.REQUESTER || status == Status.ACCEPTED;
        // The entry's details are sealed (ADR 26): opened, and audited, only for those it is shown to.
        Optional<ChildRecord> child = showService
                ? record.map(c -> fields.openFor(viewer, c, false, i -> i.id() == row.involvementId(), "brokered-contact"))
                : record;
        ServiceContact service = showService ? child.flatMap(c -> c.involvements().stream()
                .filter(i -> i.id() == row.involvementId()).findFirst()).map(Brokering::contact).orElse(null) : null;
        LocalAuthority la = child.map(ChildRecord::responsibleLa).orElse(null);
        return new Request(row.id(), party, status, Urgency.valueOf(row.urgency()), row.reason(), row.reachPhone(),
                row.reachEmail(), row.requestedAt(), row.outOfHours(), row.dueOn(), new ContactPointId(row.contactPointId()),
                shown.map(DisclosedChild::name).orElse(null), row.requesterName(), row.requesterOrganisation(), service,
                la == null ? null : la.contactPointTeamPhone(), la == null ? null : la.emergencyDutyPhone());
    }

    private static ServiceContact contact(Involvement i) {
        return new ServiceContact(i.serviceType().label(), i.organisation().name(),
                i.practitionerName() != null ? i.practitionerName() : i.teamName(), i.role(), i.phone(), i.email());
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
}
