package uk.contactpoint.audit;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongFunction;
import java.util.stream.Collectors;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import uk.contactpoint.access.Role;
import uk.contactpoint.access.UserAccounts;
import uk.contactpoint.access.UserAdministration;
import uk.contactpoint.access.Viewer;
import uk.contactpoint.audit.internal.AuditRepository;
import uk.contactpoint.audit.internal.PersonalValueCipher;

/**
 * What one user did, for oversight (ADR 32): an LA auditor sees the events of the users of their own local
 * authority, a national administrator those of any user, and nobody their own. The page shows what a search was
 * made with while the values can still be opened (ADR 30); the CSV never carries them. Every look, every
 * refusal, every export and every showing of search values is itself an audit event, which names the user by
 * id and the filter by its settings, never by anything typed.
 */
@Service
public class UserActivity {

    /** The most events one page shows, newest first. */
    public static final int SHOWN = 500;
    /** The most events one CSV holds, newest first. */
    public static final int EXPORTED = 10_000;
    /** How many event ids one audit event of search values shown lists. */
    private static final int IDS_PER_EVENT = 200;

    /**
     * One event of the user's. {@code sealed}: it was recorded with personal values (a search's parameters);
     * {@code searchedFor}: those values, when shown and still readable, else null.
     */
    public record Entry(long id, AuditEvent event, boolean sealed, String searchedFor) {

        /** Recorded with search values that can no longer be opened: every child they concerned is purged. */
        public boolean unreadable() {
            return sealed && searchedFor == null;
        }
    }

    /** The events shown, and whether there were more than {@link #SHOWN}. */
    public record Page(List<Entry> entries, boolean capped) {
    }

    private final AuditRepository repository;
    private final PersonalValueCipher personal;
    private final AuditLog audit;
    private final UserAccounts users;

    UserActivity(AuditRepository repository, PersonalValueCipher personal, AuditLog audit, UserAccounts users) {
        this.repository = repository;
        this.personal = personal;
        this.audit = audit;
        this.users = users;
    }

    /** Whether this viewer may look at users' activity at all. */
    public static boolean oversees(Viewer viewer) {
        return viewer.has(Role.NATIONAL_ADMIN) || MisuseAlerts.reviews(viewer);
    }

    /**
     * The newest events of this user that pass the filter, with what each search was made with.
     *
     * @throws UserAdministration.AccessDenied with a message for the auditor, when the user is theirs or out of
     *                                         their reach (the refusal is audited)
     */
    @Transactional(noRollbackFor = UserAdministration.AccessDenied.class)
    public Page of(Viewer auditor, String username, AuditFilter filter) {
        long subject = subject(auditor, username, AuditAction.OVERSIGHT);
        List<AuditRepository.Stored> rows = repository.findByActor(username, filter.start(), filter.end(), filter.action(),
                filter.outcome(), SHOWN + 1);
        List<Entry> entries = rows.stream().limit(SHOWN).map(r -> new Entry(r.id(), r.event(), r.sealedPersonal() != null,
                r.sealedPersonal() == null ? null : personal.open(r.sealedPersonal()).orElse(null))).toList();
        audit.record(auditor, AuditAction.OVERSIGHT, List.of(), null, AuditOutcome.SUCCESS,
                "user activity: user=" + subject + ";" + filter.forAudit() + ";events=" + entries.size());
        List<Long> shown = entries.stream().filter(e -> e.searchedFor() != null).map(Entry::id).toList();
        for (int i = 0; i < shown.size(); i += IDS_PER_EVENT) {
            audit.record(auditor, AuditAction.OVERSIGHT, List.of(), null, AuditOutcome.DISCLOSED,
                    "user activity: search values shown;user=" + subject + ";events="
                            + shown.subList(i, Math.min(shown.size(), i + IDS_PER_EVENT)).stream().map(String::valueOf)
                            .collect(Collectors.joining(",")));
        }
        return new Page(entries, rows.size() > SHOWN);
    }

    /**
     * The newest {@link #EXPORTED} events of this user that pass the filter, for a CSV: search values are not opened.
     *
     * @throws UserAdministration.AccessDenied as {@link #of}
     */
    @Transactional(noRollbackFor = UserAdministration.AccessDenied.class)
    public List<Entry> export(Viewer auditor, String username, AuditFilter filter) {
        long subject = subject(auditor, username, AuditAction.EXPORT);
        List<Entry> entries = repository.findByActor(username, filter.start(), filter.end(), filter.action(), filter.outcome(),
                EXPORTED).stream().map(r -> new Entry(r.id(), r.event(), r.sealedPersonal() != null, null)).toList();
        audit.record(auditor, AuditAction.EXPORT, List.of(), null, AuditOutcome.SUCCESS,
                "user activity CSV: user=" + subject + ";" + filter.forAudit() + ";events=" + entries.size());
        return entries;
    }

    /** The id of the user whose activity is asked for, once the auditor may see it; a refusal is audited. */
    private long subject(Viewer auditor, String username, AuditAction action) {
        if (!oversees(auditor)) {
            throw new UserAdministration.AccessDenied("Only LA auditors and national administrators oversee users' activity");
        }
        String wanted = username == null ? "" : username.strip().toLowerCase(java.util.Locale.ROOT);
        if (wanted.equals(auditor.username())) {
            refuse(auditor, action, "own activity");
            throw new UserAdministration.AccessDenied("You cannot review your own activity: another auditor will");
        }
        var id = wanted.isEmpty() ? java.util.Optional.<Long>empty() : users.idOf(wanted);
        boolean national = auditor.has(Role.NATIONAL_ADMIN);
        if (id.isEmpty() || !national && !users.localAuthorityOf(wanted).filter(auditor.localAuthority()::equals).isPresent()) {
            refuse(auditor, action, id.map(i -> "user=" + i + " not in scope").orElse("no such user"));
            throw new UserAdministration.AccessDenied(national ? "No user has that username"
                    : "No user of your local authority has that username");
        }
        return id.get();
    }

    private void refuse(Viewer auditor, AuditAction action, String why) {
        audit.record(auditor, action, List.of(), null, AuditOutcome.REFUSED, "user activity refused: " + why);
    }

    /**
     * One CSV line per event, RFC 4180 quoting, with the same guard against spreadsheet formulas as
     * {@link AccessHistory#csv}. Children are named by {@code child} (their ContactPoint IDs); what a search was
     * made with is never in the file, only whether there was such a thing.
     */
    public static String csv(List<Entry> entries, LongFunction<String> child) {
        StringBuilder out = new StringBuilder(
                "occurred_at,action,outcome,children,reason,organisation,role,remote_address,client_system,search_values\r\n");
        for (Entry entry : entries) {
            AuditEvent e = entry.event();
            List<String> children = new ArrayList<>();
            e.childIds().forEach(id -> children.add(child.apply(id)));
            out.append(String.join(",", List.of(AccessHistory.q(e.occurredAt().toString()), AccessHistory.q(e.action().name()),
                    AccessHistory.q(e.outcome().name()), AccessHistory.q(String.join(" ", children)), AccessHistory.q(e.reason()),
                    AccessHistory.q(e.actorOrganisation()), AccessHistory.q(e.actorRole()), AccessHistory.q(e.remoteAddress()),
                    AccessHistory.q(e.clientSystem()), entry.sealed() ? "not exported" : "")))
                    .append("\r\n");
        }
        return out.toString();
    }
}
