package uk.contactpoint.access;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.Session;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import uk.contactpoint.access.internal.AccountRepository;
import uk.contactpoint.access.internal.AccountRepository.Scope;
import uk.contactpoint.notify.Notification;

/**
 * What user administrators do: list, create (with a one-time activation code), suspend, reactivate, reset
 * factors, unlock and record vetting dates, each within their scope (national administrators: everyone;
 * an LA's user administration team: that LA's users; a delegated organisation administrator: their
 * organisation's users) and never on their own account. Every act is an {@link AccountEvent} in the same
 * transaction, so it is audited or does not happen. Suspension ends the user's sessions on every node at
 * once (sessions live in the database) and tells their manager.
 */
@Service
public class UserAdministration {

    static final Duration ACTIVATION_LIFETIME = Duration.ofDays(7);
    private static final Pattern USERNAME = Pattern.compile("[a-z0-9][a-z0-9._-]{2,99}");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s]{1,190}\\.[^@\\s]{2,}");
    private static final char[] CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    /** Roles an LA's user administration team may give; national roles and machine roles are not among them. */
    static final Set<Role> LA_GRANTABLE = EnumSet.of(Role.PRACTITIONER, Role.LA_USER_ADMIN, Role.LA_DATA_MANAGER,
            Role.LA_SHIELDING_OFFICER, Role.LA_AUDITOR, Role.ORGANISATION_ADMIN);
    static final Set<Role> ORGANISATION_GRANTABLE = EnumSet.of(Role.PRACTITIONER, Role.ORGANISATION_ADMIN);

    private final AccountRepository accounts;
    private final PasswordEncoder encoder;
    /** Absent in command-line jobs, which run without the web server and its sessions. */
    private final org.springframework.beans.factory.ObjectProvider<FindByIndexNameSessionRepository<? extends Session>> sessions;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private volatile String unusableHash;

    UserAdministration(AccountRepository accounts, PasswordEncoder encoder,
                       org.springframework.beans.factory.ObjectProvider<FindByIndexNameSessionRepository<? extends Session>> sessions,
                       ApplicationEventPublisher events,
                       Clock clock) {
        this.accounts = accounts;
        this.encoder = encoder;
        this.sessions = sessions;
        this.events = events;
        this.clock = clock;
    }

    /** Whether this viewer administers users at all. */
    public static boolean administers(Viewer viewer) {
        return viewer.has(Role.NATIONAL_ADMIN) || viewer.has(Role.LA_USER_ADMIN) || viewer.has(Role.ORGANISATION_ADMIN);
    }

    /** The roles this administrator may give. */
    public static Set<Role> grantable(Viewer admin) {
        if (admin.has(Role.NATIONAL_ADMIN)) {
            return EnumSet.complementOf(EnumSet.of(Role.DATA_SUPPLIER, Role.CMS_CLIENT));
        }
        if (admin.has(Role.LA_USER_ADMIN)) {
            return EnumSet.copyOf(LA_GRANTABLE);
        }
        if (admin.has(Role.ORGANISATION_ADMIN)) {
            return EnumSet.copyOf(ORGANISATION_GRANTABLE);
        }
        return EnumSet.noneOf(Role.class);
    }

    private static Scope scope(Viewer admin) {
        if (admin.has(Role.NATIONAL_ADMIN)) {
            return Scope.NATIONAL;
        }
        if (admin.has(Role.LA_USER_ADMIN) && admin.localAuthority() != null) {
            return new Scope(admin.localAuthority(), null);
        }
        if (admin.has(Role.ORGANISATION_ADMIN)) {
            return new Scope(null, admin.organisationId());
        }
        throw new AccessDenied("You do not administer user accounts");
    }

    /** Refused: the account is outside the administrator's scope, or their own. */
    public static final class AccessDenied extends RuntimeException {
        public AccessDenied(String message) {
            super(message);
        }
    }

    /** The accounts in this administrator's scope (a read of staff personal data: audited). */
    @Transactional
    public List<AccountSummary> list(Viewer admin) {
        List<AccountSummary> all = accounts.list(scope(admin), LocalDate.now(clock), clock.instant());
        events.publishEvent(AccountEvent.by(admin, AccountEvent.Kind.LISTED, 0, "accounts=" + all.size()));
        return all;
    }

    /** One account, when in this administrator's scope (audited). */
    @Transactional
    public Optional<AccountSummary> view(Viewer admin, long userId) {
        Optional<AccountSummary> account = find(admin, userId);
        account.ifPresent(a -> events.publishEvent(AccountEvent.by(admin, AccountEvent.Kind.VIEWED, userId, null)));
        return account;
    }

    private Optional<AccountSummary> find(Viewer admin, long userId) {
        return accounts.find(userId, LocalDate.now(clock), clock.instant()).filter(a -> inScope(scope(admin), a));
    }

    @Transactional(readOnly = true)
    public List<OrganisationChoice> organisations(Viewer admin) {
        return accounts.organisations(scope(admin));
    }

    private static boolean inScope(Scope scope, AccountSummary a) {
        return (scope.localAuthority() == null || scope.localAuthority().equals(a.localAuthority()))
                && (scope.organisationId() == null || scope.organisationId() == a.organisationId());
    }

    private AccountSummary target(Viewer admin, long userId) {
        AccountSummary a = find(admin, userId).orElseThrow(() -> new AccessDenied("No such account in your scope"));
        if (a.id() == admin.userId()) {
            throw new AccessDenied("Ask another administrator to change your own account");
        }
        return a;
    }

    /**
     * Creates an account awaiting activation.
     *
     * @throws IllegalArgumentException with a message naming the field, when the request is unacceptable
     */
    @Transactional
    public ActivationCode create(Viewer admin, AccountRequest request) {
        try {
            return createAll(admin, List.of(request)).get(0);
        } catch (InvalidAccounts e) {
            throw new IllegalArgumentException(e.problems().values().iterator().next());
        }
    }

    /** Creates several accounts: all of them or, when any row is unacceptable, none. */
    @Transactional
    public List<ActivationCode> createAll(Viewer admin, List<AccountRequest> requests) {
        Map<Integer, String> problems = new TreeMap<>();
        List<String> usernames = new ArrayList<>();
        for (int i = 0; i < requests.size(); i++) {
            try {
                String username = validate(admin, requests.get(i));
                if (usernames.contains(username)) {
                    throw new IllegalArgumentException("Username: appears twice");
                }
                usernames.add(username);
            } catch (IllegalArgumentException e) {
                problems.put(i, e.getMessage());
                usernames.add(null);
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidAccounts(problems);
        }
        Instant now = clock.instant();
        Instant expires = now.plus(ACTIVATION_LIFETIME);
        List<ActivationCode> codes = new ArrayList<>();
        for (int i = 0; i < requests.size(); i++) {
            AccountRequest r = requests.get(i);
            Long manager = r.managerUsername() == null || r.managerUsername().isBlank() ? null
                    : accounts.idOf(r.managerUsername().trim().toLowerCase(Locale.ROOT)).orElseThrow();
            String code = newActivationCode();
            long id = accounts.insertPending(usernames.get(i), r, manager, unusableHash(), sha256(code), expires,
                    admin.username(), now);
            events.publishEvent(AccountEvent.by(admin, AccountEvent.Kind.CREATED, id, "roles=" + r.roles()));
            codes.add(new ActivationCode(id, usernames.get(i), code, expires));
        }
        return codes;
    }

    /** Some requests were unacceptable: every problem, by the request's index in the list. */
    public static final class InvalidAccounts extends IllegalArgumentException {
        private final Map<Integer, String> problems;

        InvalidAccounts(Map<Integer, String> problems) {
            super(problems.size() + " accounts cannot be created");
            this.problems = Map.copyOf(problems);
        }

        public Map<Integer, String> problems() {
            return problems;
        }
    }

    private String validate(Viewer admin, AccountRequest r) {
        String username = r.username() == null ? "" : r.username().trim().toLowerCase(Locale.ROOT);
        if (!USERNAME.matcher(username).matches()) {
            throw new IllegalArgumentException("Username: use 3 to 100 lower-case letters, digits, dots, hyphens or underscores");
        }
        if (accounts.idOf(username).isPresent()) {
            throw new IllegalArgumentException("Username: " + username + " is already taken");
        }
        if (r.displayName() == null || r.displayName().isBlank() || r.displayName().length() > 200) {
            throw new IllegalArgumentException("Full name: enter the user's name (up to 200 characters)");
        }
        if (r.email() != null && !r.email().isBlank() && (r.email().length() > 200 || !EMAIL.matcher(r.email().trim()).matches())) {
            throw new IllegalArgumentException("Email: enter an address like name@example.gov.uk");
        }
        if (r.phone() != null && r.phone().length() > 30) {
            throw new IllegalArgumentException("Phone: up to 30 characters");
        }
        if (r.roles().isEmpty()) {
            throw new IllegalArgumentException("Roles: give the user at least one role");
        }
        Set<Role> allowed = grantable(admin);
        for (Role role : r.roles()) {
            if (!allowed.contains(role)) {
                throw new IllegalArgumentException("Roles: you cannot give the role " + role.label());
            }
        }
        if (r.childProtection() && !(admin.has(Role.NATIONAL_ADMIN) || admin.has(Role.LA_USER_ADMIN))) {
            throw new IllegalArgumentException("Child protection: only an LA or national administrator can set this flag");
        }
        OrganisationChoice org = accounts.organisation(r.organisationId())
                .orElseThrow(() -> new IllegalArgumentException("Organisation: choose an organisation from the list"));
        Scope scope = scope(admin);
        if (scope.organisationId() != null && scope.organisationId() != org.id()) {
            throw new IllegalArgumentException("Organisation: you can only create users in your own organisation");
        }
        if (r.localAuthority() == null || !accounts.localAuthorityExists(r.localAuthority())) {
            throw new IllegalArgumentException("Local authority: choose the local authority the user works in");
        }
        if (scope.localAuthority() != null && !scope.localAuthority().equals(r.localAuthority())) {
            throw new IllegalArgumentException("Local authority: you can only create users in your own local authority");
        }
        if (scope.organisationId() != null && !r.localAuthority().equals(admin.localAuthority())
                && !accounts.organisationWorksIn(org.id(), r.localAuthority())) {
            throw new IllegalArgumentException("Local authority: your organisation does not work in that local authority");
        }
        if (scope.localAuthority() != null && !accounts.organisationWorksIn(org.id(), r.localAuthority())) {
            throw new IllegalArgumentException("Organisation: that organisation does not work in your local authority");
        }
        if (r.managerUsername() != null && !r.managerUsername().isBlank()
                && accounts.idOf(r.managerUsername().trim().toLowerCase(Locale.ROOT)).isEmpty()) {
            throw new IllegalArgumentException("Manager: no user has the username " + r.managerUsername().trim());
        }
        LocalDate today = LocalDate.now(clock);
        for (LocalDate d : new LocalDate[] {r.dbsCheckDate(), r.trainingCompletedOn(), r.agreementSignedOn()}) {
            if (d != null && d.isAfter(today)) {
                throw new IllegalArgumentException("Vetting dates: a date cannot be in the future");
            }
        }
        return username;
    }

    /** Suspends an account: ends its sessions everywhere at once and tells the user's manager. */
    @Transactional
    public void suspend(Viewer admin, long userId, String reason) {
        if (reason == null || reason.isBlank() || reason.length() > 200) {
            throw new IllegalArgumentException("Reason: say why the account is suspended (up to 200 characters)");
        }
        doSuspend(admin, target(admin, userId), reason.trim());
    }

    private void doSuspend(Viewer admin, AccountSummary a, String reason) {
        long userId = a.id();
        accounts.setEnabled(userId, false, reason);
        events.publishEvent(AccountEvent.by(admin, AccountEvent.Kind.SUSPENDED, userId, null));
        endSessions(a.username());
        accounts.manager(userId).ifPresent(m -> events.publishEvent(Notification.account(m.getKey(), m.getValue(),
                "A user you manage has been suspended",
                a.displayName() + " (" + a.username() + ") can no longer use ContactPoint: their account was suspended by "
                        + admin.organisationName() + ". Reason: " + reason)));
        events.publishEvent(Notification.account(userId, a.email(), "Your account has been suspended",
                "Your ContactPoint account has been suspended. Ask your manager or your local authority ContactPoint team why."));
    }

    /**
     * The user has left their organisation: the account is suspended for good (sessions ended, manager told) and
     * their recorded involvements pass to their manager, or to their organisation as a team entry when no
     * manager is recorded (the practice module does that on {@link UserLeft}).
     */
    @Transactional
    public void left(Viewer admin, long userId) {
        AccountSummary a = target(admin, userId);
        doSuspend(admin, a, "Left the organisation");
        events.publishEvent(AccountEvent.by(admin, AccountEvent.Kind.LEFT, userId, null));
        events.publishEvent(new UserLeft(userId, accounts.organisationOf(userId), accounts.manager(userId).map(Map.Entry::getKey).orElse(null)));
    }

    /**
     * An LA auditor suspends a user of their own authority on a misuse alert (never themselves): the same
     * suspension as an administrator's, sessions ended and the manager told.
     */
    @Transactional
    public void suspendForMisuse(Viewer auditor, String username, String reason) {
        if (!auditor.has(Role.LA_AUDITOR) || auditor.localAuthority() == null || auditor.username().equals(username)) {
            throw new AccessDenied("Only another auditor of the user's local authority can suspend them on an alert");
        }
        long userId = accounts.idOf(username).orElseThrow(() -> new AccessDenied("No such user"));
        AccountSummary a = accounts.find(userId, LocalDate.now(clock), clock.instant()).orElseThrow();
        if (!auditor.localAuthority().equals(a.localAuthority())) {
            throw new AccessDenied("The user is not in your local authority");
        }
        String why = "Misuse alert: " + (reason == null || reason.isBlank() ? "suspended by an auditor" : reason.trim());
        doSuspend(auditor, a, why.length() > 200 ? why.substring(0, 200) : why);
    }

    @Transactional
    public void reactivate(Viewer admin, long userId) {
        target(admin, userId);
        accounts.setEnabled(userId, true, null);
        events.publishEvent(AccountEvent.by(admin, AccountEvent.Kind.REACTIVATED, userId, null));
    }

    /**
     * A lost or stolen token (or a forgotten password or PIN): clears all three, ends the user's sessions
     * and issues a new activation code, with which the user enrols again.
     */
    @Transactional
    public ActivationCode resetFactors(Viewer admin, long userId) {
        AccountSummary a = target(admin, userId);
        String code = newActivationCode();
        Instant expires = clock.instant().plus(ACTIVATION_LIFETIME);
        accounts.resetFactors(userId, unusableHash(), sha256(code), expires);
        events.publishEvent(AccountEvent.by(admin, AccountEvent.Kind.FACTORS_RESET, userId, null));
        endSessions(a.username());
        events.publishEvent(Notification.account(userId, a.email(), "Your sign-in details were reset",
                "An administrator reset your ContactPoint password, PIN and security token. If you did not ask for this, "
                        + "tell your local authority ContactPoint team at once."));
        return new ActivationCode(userId, a.username(), code, expires);
    }

    @Transactional
    public void unlock(Viewer admin, long userId) {
        target(admin, userId);
        accounts.unlock(userId);
        events.publishEvent(AccountEvent.by(admin, AccountEvent.Kind.UNLOCKED, userId, null));
    }

    @Transactional
    public void recordVetting(Viewer admin, long userId, LocalDate dbsCheck, LocalDate training, LocalDate agreement) {
        target(admin, userId);
        LocalDate today = LocalDate.now(clock);
        for (LocalDate d : new LocalDate[] {dbsCheck, training, agreement}) {
            if (d != null && d.isAfter(today)) {
                throw new IllegalArgumentException("Vetting dates: a date cannot be in the future");
            }
        }
        accounts.recordVetting(userId, dbsCheck, training, agreement);
        events.publishEvent(AccountEvent.by(admin, AccountEvent.Kind.VETTING_RECORDED, userId,
                "dbs=" + dbsCheck + ",training=" + training + ",agreement=" + agreement));
    }

    private void endSessions(String username) {
        sessions.ifAvailable(store -> store.findByPrincipalName(username).keySet().forEach(store::deleteById));
    }

    private String unusableHash() {
        String hash = unusableHash;
        if (hash == null) {
            // The hash of 256 random bits nobody keeps: no password matches it.
            byte[] secret = new byte[32];
            RANDOM.nextBytes(secret);
            hash = encoder.encode(HexFormat.of().formatHex(secret));
            unusableHash = hash;
        }
        return hash;
    }

    /** 12 characters from an alphabet without look-alikes (60 bits), shown as XXXX-XXXX-XXXX. */
    static String newActivationCode() {
        StringBuilder code = new StringBuilder();
        for (int i = 0; i < 12; i++) {
            if (i > 0 && i % 4 == 0) {
                code.append('-');
            }
            code.append(CODE_ALPHABET[RANDOM.nextInt(CODE_ALPHABET.length)]);
        }
        return code.toString();
    }

    /** The stored form of an activation code: spaces, hyphens and case do not matter. */
    static String sha256(String code) {
        String normal = code.replaceAll("[\\s-]", "").toUpperCase(Locale.ROOT);
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(normal.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
