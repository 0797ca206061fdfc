package uk.contactpoint.practice.internal;

import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

import uk.contactpoint.access.UserAccounts;
import uk.contactpoint.access.UserContact;
import uk.contactpoint.access.Viewer;
import uk.contactpoint.audit.AuditAction;
import uk.contactpoint.audit.AuditLog;
import uk.contactpoint.audit.AuditOutcome;
import uk.contactpoint.directory.ChildRecord;
import uk.contactpoint.directory.Directory;
import uk.contactpoint.directory.Involvement;
import uk.contactpoint.directory.RecordStatus;
import uk.contactpoint.notify.Notification;
import uk.contactpoint.practice.InvolvementEnded;
import uk.contactpoint.practice.InvolvementRecorded;
import uk.contactpoint.practice.LeadProfessionalChanged;
import uk.contactpoint.safeguards.ChildDied;
import uk.contactpoint.safeguards.DisclosedChild;
import uk.contactpoint.safeguards.DisclosedInvolvement;
import uk.contactpoint.safeguards.DisclosurePolicy;
import uk.contactpoint.safeguards.RecordShielded;

/**
 * Tells the people who work with a child what changed (ADR 34): the match notification when someone else
 * records an involvement, with the newcomer's contact details, and notices of an ended involvement, a new
 * lead professional, a death and a shield (a move to another authority is told by the transfers module, ADR 42). Each runs after the change commits,
 * through the event publication registry (retried until it completes, also after a restart).
 *
 * <p>Who is told: the users who recorded a current involvement with the child by hand (a practitioner, or
 * the person who recorded their team's entry); never the
 * person who made the change. What each is told is decided by the disclosure policy applied for that user,
 * as if they opened the record now: what the record would show them (a sensitive service only as such, a
 * shielded record with its details restricted) and nothing more. Each notice is audited as the
 * recipient's {@code NOTIFICATION} event on the child.
 */
@Component
class ChildChangeNotices {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.UK);
    private static final String RESTRICTED = " Details restricted: the local authority's ContactPoint team can put you in touch.";

    private final Directory directory;
    private final DisclosurePolicy policy;
    private final UserAccounts users;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    ChildChangeNotices(Directory directory, DisclosurePolicy policy, UserAccounts users,
                       AuditLog audit, ApplicationEventPublisher events, Clock clock) {
        this.directory = directory;
        this.policy = policy;
        this.users = users;
        this.audit = audit;
        this.events = events;
        this.clock = clock;
    }

    /** What one recipient is told; null: nothing. */
    private record Text(String subject, String body) {
    }

    @ApplicationModuleListener
    void on(InvolvementRecorded e) {
        Optional<ChildRecord> found = live(e.childId());
        Optional<Involvement> added = found.flatMap(c -> involvement(c, e.involvementId()));
        if (added.isEmpty()) {
            return;
        }
        ChildRecord child = found.get();
        String subject = "Another practitioner is working with a child you work with";
        for (long user : involvedUsers(child, e.recordedBy(), added.get().recordedBy())) {
            tell(user, child, "involvement recorded id=" + e.involvementId(), (v, d) -> {
                Optional<DisclosedInvolvement> seen = visible(d.involvements(), e.involvementId());
                if (seen.isPresent()) {
                    return new Text(subject, contact(seen.get()) + " recorded that they are working with the child with "
                            + "ContactPoint ID " + cp(d) + " from " + seen.get().startDate().format(DAY)
                            + ". They are on the record and on your My children list.");
                }
                if (d.restricted()) {
                    return new Text(subject, "Someone else has recorded that they are working with the child with ContactPoint ID "
                            + cp(d) + "." + RESTRICTED);
                }
                if (added.get().sensitive()) {
                    return new Text("A sensitive service is working with a child you work with",
                            "A sensitive service is now involved with the child with ContactPoint ID " + cp(d) + ". Which service "
                                    + "is not shown; to reach it, ask for contact to be brokered from the record.");
                }
                return null;
            });
        }
    }

    @ApplicationModuleListener
    void on(InvolvementEnded e) {
        Optional<ChildRecord> found = live(e.childId());
        Optional<Involvement> ended = found.flatMap(c -> involvement(c, e.involvementId()));
        if (ended.isEmpty()) {
            return;
        }
        ChildRecord child = found.get();
        Set<Long> recipients = new LinkedHashSet<>(involvedUsers(child, e.endedBy(), null));
        // Its own practitioner is told when someone else (the LA team) ended it; a lapse has its own notice.
        Long owner = ended.get().recordedBy();
        if (owner != null && !owner.equals(e.endedBy()) && !"LAPSED".equals(e.reason())) {
            recipients.add(owner);
        }
        for (long user : recipients) {
            boolean own = owner != null && owner == user;
            tell(user, child, "involvement ended id=" + e.involvementId(), (v, d) -> {
                Optional<DisclosedInvolvement> seen = visible(d.endedInvolvements(), e.involvementId());
                if (seen.isPresent() && own) {
                    return new Text("Your involvement with a child has ended",
                            "Your involvement with the child with ContactPoint ID " + cp(d) + " was ended on "
                                    + seen.get().endDate().format(DAY) + " by the local authority's ContactPoint team.");
                }
                if (seen.isPresent()) {
                    return new Text("An involvement with a child you work with has ended",
                            contact(seen.get()) + " is no longer working with the child with ContactPoint ID " + cp(d)
                                    + ": their involvement ended on " + seen.get().endDate().format(DAY) + ".");
                }
                if (ended.get().sensitive() || !d.restricted()) {
                    return null;
                }
                return new Text("An involvement with a child you work with has ended",
                        "Someone else's involvement with the child with ContactPoint ID " + cp(d) + " has ended." + RESTRICTED);
            });
        }
    }

    @ApplicationModuleListener
    void on(LeadProfessionalChanged e) {
        Optional<ChildRecord> found = live(e.childId());
        Optional<Involvement> lead = found.flatMap(c -> involvement(c, e.involvementId()));
        if (lead.isEmpty()) {
            return;
        }
        ChildRecord child = found.get();
        Set<Long> previousLeads = new LinkedHashSet<>();
        for (long before : e.previous()) {
            involvement(child, before).map(Involvement::recordedBy).ifPresent(previousLeads::add);
        }
        for (long user : involvedUsers(child, e.changedBy(), lead.get().recordedBy())) {
            boolean wasLead = previousLeads.contains(user);
            tell(user, child, "lead professional changed id=" + e.involvementId(), (v, d) -> {
                Optional<DisclosedInvolvement> seen = visible(d.involvements(), e.involvementId());
                String now = seen.map(s -> " The lead professional is now " + contact(s) + ".")
                        .orElse(d.restricted() ? RESTRICTED : "");
                if (wasLead) {
                    return new Text("You are no longer a child's lead professional",
                            "Someone else has become lead professional for the child with ContactPoint ID " + cp(d)
                                    + ". Your involvement stays on the record." + now);
                }
                return new Text("The lead professional for a child you work with has changed",
                        "The lead professional for the child with ContactPoint ID " + cp(d) + " has changed." + now);
            });
        }
    }

    @ApplicationModuleListener
    void on(ChildDied e) {
        live(e.childId()).ifPresent(child -> {
            for (long user : involvedUsers(child, e.recordedBy(), null)) {
                tell(user, child, "death recorded", (v, d) -> d.dateOfDeath() != null
                        ? new Text("A child you work with has died", "The local authority has recorded the death of the child "
                        + "with ContactPoint ID " + cp(d) + ". The record stays available for a year.")
                        : new Text("The record of a child you work with has changed",
                        "The record of the child with ContactPoint ID " + cp(d) + " has changed." + RESTRICTED));
            }
        });
    }

    @ApplicationModuleListener
    void on(RecordShielded e) {
        live(e.childId()).ifPresent(child -> {
            for (long user : involvedUsers(child, e.shieldedBy(), null)) {
                tell(user, child, "record shielded", (v, d) -> new Text("Details restricted",
                        "The details of the child with ContactPoint ID " + cp(d) + " are now restricted."));
            }
        });
    }

    /** Tells one user what the disclosure policy lets them see of the change, audited as theirs. */
    private void tell(long userId, ChildRecord child, String change, BiFunction<Viewer, DisclosedChild, Text> compose) {
        Optional<Viewer> viewer = users.recipient(userId);
        Optional<UserContact> contact = users.contact(userId);
        if (viewer.isEmpty() || contact.isEmpty()) {
            return;
        }
        Optional<DisclosedChild> disclosed = policy.apply(child, viewer.get());
        Text text = disclosed.map(d -> compose.apply(viewer.get(), d)).orElse(null);
        if (text == null) {
            return;
        }
        audit.record(viewer.get(), AuditAction.NOTIFICATION, List.of(child.id()), null, AuditOutcome.DISCLOSED,
                "notification: " + change + (disclosed.get().restricted() ? " restricted" : ""));
        events.publishEvent(new Notification(userId, contact.get().email(), text.subject(), text.body()));
    }

    /**
     * The users who recorded a current involvement with the child by hand, without the one who made the change
     * and the one the change is about (they know).
     */
    private List<Long> involvedUsers(ChildRecord child, Long actor, Long subject) {
        LocalDate today = LocalDate.now(clock);
        Set<Long> ids = new LinkedHashSet<>();
        child.involvements().stream().filter(i -> i.current(today) && i.recordedBy() != null).forEach(i -> ids.add(i.recordedBy()));
        if (actor != null) {
            ids.remove(actor);
        }
        if (subject != null) {
            ids.remove(subject);
        }
        return new ArrayList<>(ids);
    }

    /** A live record (not archived or suppressed): nobody is told about the others. */
    private Optional<ChildRecord> live(long childId) {
        return directory.find(childId).filter(c -> c.status() == RecordStatus.LIVE);
    }

    private static Optional<Involvement> involvement(ChildRecord child, long id) {
        return child.involvements().stream().filter(i -> i.id() == id).findFirst();
    }

    /** The entry as this recipient's view shows it, unless masked (a masked entry carries no id). */
    private static Optional<DisclosedInvolvement> visible(List<DisclosedInvolvement> shown, long id) {
        return shown.stream().filter(i -> !i.masked() && i.id() == id).findFirst();
    }

    /** Who the entry is and how to reach them, as the record shows it. */
    private static String contact(DisclosedInvolvement i) {
        StringBuilder s = new StringBuilder();
        s.append(i.practitionerName() != null ? i.practitionerName() : i.teamName() != null ? i.teamName() : "A practitioner");
        if (i.role() != null) {
            s.append(" (").append(i.role()).append(')');
        }
        if (i.organisation() != null) {
            s.append(" of ").append(i.organisation().name());
        }
        if (i.serviceType() != null) {
            s.append(", ").append(i.serviceType().label());
        }
        List<String> reach = new ArrayList<>();
        if (i.phone() != null) {
            reach.add("phone " + i.phone());
        }
        if (i.email() != null) {
            reach.add("email " + i.email());
        }
        if (!reach.isEmpty()) {
            s.append(" (").append(String.join(", ", reach)).append(')');
        }
        return s.toString();
    }

    private static String cp(DisclosedChild d) {
        return d.contactPointId().value();
    }
}
