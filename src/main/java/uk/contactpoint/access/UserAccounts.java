package uk.contactpoint.access;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import uk.contactpoint.access.internal.CommonPasswords;
import uk.contactpoint.access.internal.TotpSecretCipher;
import uk.contactpoint.access.internal.UserRepository;

/**
 * Creates and counts user accounts. Passwords (8 to 256 characters, any characters, not on the common
 * passwords list) and PINs (6 to 12 digits) are hashed with Argon2id and TOTP secrets encrypted before
 * they reach the database.
 */
@Service
public class UserAccounts {

    private static final Pattern USERNAME = Pattern.compile("[a-z0-9][a-z0-9._-]{2,99}");
    static final int MIN_PASSWORD = 8;
    static final int MAX_PASSWORD = 256;

    private static final Pattern PIN = Pattern.compile("\\d{6,12}");

    private final UserRepository users;
    private final TotpSecretCipher cipher;
    private final java.time.Clock clock;

    UserAccounts(UserRepository users, TotpSecretCipher cipher, java.time.Clock clock) {
        this.users = users;
        this.cipher = cipher;
        this.clock = clock;
    }

    /**
     * Creates a user.
     *
     * @throws IllegalArgumentException with a message a user can act on, when the username or password is unacceptable
     */
    @Transactional
    public long create(NewUser user) {
        return createAll(List.of(user)).get(0);
    }

    /**
     * Creates several users in one transaction: all of them or, if any is unacceptable, none. Passwords are
     * hashed in parallel, since Argon2 is deliberately slow.
     */
    @Transactional
    public List<Long> createAll(List<NewUser> newUsers) {
        List<String> usernames = newUsers.stream().map(UserAccounts::validate).toList();
        if (usernames.stream().distinct().count() != usernames.size()) {
            throw new IllegalArgumentException("Username: the same username appears twice");
        }
        for (String username : usernames) {
            if (users.exists(username)) {
                throw new IllegalArgumentException("Username: already taken");
            }
        }
        List<String> hashes = newUsers.parallelStream().map(u -> users.hash(u.password())).toList();
        List<String> pinHashes = newUsers.parallelStream().map(u -> users.hashPin(u.pin())).toList();
        List<Long> ids = new ArrayList<>(newUsers.size());
        for (int i = 0; i < newUsers.size(); i++) {
            String totp = cipher.encrypt(Totp.decode(newUsers.get(i).totpSecret()));
            ids.add(users.insert(usernames.get(i), newUsers.get(i), hashes.get(i), pinHashes.get(i), totp));
        }
        return ids;
    }

    private static String validate(NewUser user) {
        String username = user.username() == null ? "" : user.username().trim().toLowerCase(Locale.ROOT);
        if (!USERNAME.matcher(username).matches()) {
            throw new IllegalArgumentException("Username: use 3 to 100 lower-case letters, digits, dots, hyphens or underscores");
        }
        int length = user.password() == null ? 0 : user.password().codePointCount(0, user.password().length());
        if (length < MIN_PASSWORD || length > MAX_PASSWORD) {
            throw new IllegalArgumentException("Password: must be " + MIN_PASSWORD + " to " + MAX_PASSWORD + " characters long");
        }
        if (CommonPasswords.contains(user.password())) {
            throw new IllegalArgumentException("Password: this password is too common; choose a longer or less predictable one");
        }
        if (user.pin() == null || !PIN.matcher(user.pin()).matches()) {
            throw new IllegalArgumentException("PIN: must be 6 to 12 digits");
        }
        if (user.totpSecret() == null || !validSecret(user.totpSecret())) {
            throw new IllegalArgumentException("Security token: the TOTP secret must be base32 of at least 160 bits");
        }
        if (user.roles().isEmpty()) {
            throw new IllegalArgumentException("Roles: give the user at least one role");
        }
        return username;
    }

    private static boolean validSecret(String base32) {
        try {
            return Totp.decode(base32).length >= Totp.SECRET_BYTES;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    public long count() {
        return users.count();
    }

    /** A user's family name as recorded (the last word of their name), for the misuse rule on searching oneself. */
    public java.util.Optional<String> familyNameOf(String username) {
        return users.displayNameOf(username).map(n -> n.trim().substring(n.trim().lastIndexOf(' ') + 1));
    }

    /** A user's id, if an account has this username: for audit events that name a user without their name. */
    public java.util.Optional<Long> idOf(String username) {
        return users.idOf(username);
    }

    /** The local authority (GSS code) a user works in, for routing what concerns them to that LA's team. */
    public java.util.Optional<String> localAuthorityOf(String username) {
        return users.localAuthorityOf(username);
    }

    /**
     * The viewer a notification about a child is written for: the user as they would see the record if they
     * opened it now (no session, no address), or empty when the account is gone or may not use ContactPoint
     * today. The disclosure policy applied with it decides what the notification may say.
     */
    @Transactional(readOnly = true)
    public java.util.Optional<Viewer> recipient(long userId) {
        return users.active(userId, java.time.LocalDate.now(clock), clock.instant()).map(u -> new Viewer(u.id(),
                u.getUsername(), u.organisationId(), u.organisationName(), u.sector(), u.roles(), u.localAuthority(),
                u.childProtection(), CurrentViewer.allocatingBodies(u), null, null));
    }

    /** How to reach a user, if the account exists. */
    @Transactional(readOnly = true)
    public java.util.Optional<UserContact> contact(long userId) {
        return users.contact(userId);
    }

    /** The enabled members of an LA's management team who hold this sub-role: whom to tell about a record there. */
    @Transactional(readOnly = true)
    public List<UserContact> managementTeam(String localAuthority, Role role) {
        return users.withRole(localAuthority, List.of(role.name()));
    }

    /** The enabled national administrators: whom to tell about what no one authority settles (an overdue transfer). */
    @Transactional(readOnly = true)
    public List<UserContact> nationalAdministrators() {
        return users.withRoleAnywhere(Role.NATIONAL_ADMIN.name());
    }

    /** The enabled users of an organisation who hold this role: whom to tell about what concerns the organisation. */
    @Transactional(readOnly = true)
    public List<UserContact> ofOrganisation(long organisationId, Role role) {
        return users.ofOrganisation(organisationId, role.name());
    }

    /** A user's manager, if one is recorded. */
    @Transactional(readOnly = true)
    public java.util.Optional<UserContact> managerOf(long userId) {
        return users.managerOf(userId).flatMap(users::contact);
    }
}
