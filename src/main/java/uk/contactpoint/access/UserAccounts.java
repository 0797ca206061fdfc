package uk.contactpoint.access;

import java.util.Locale;
import java.util.regex.Pattern;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import uk.contactpoint.access.internal.UserRepository;

/** Creates and counts user accounts. Passwords are hashed with Argon2id before they reach the database. */
@Service
public class UserAccounts {

    private static final Pattern USERNAME = Pattern.compile("[a-z0-9][a-z0-9._-]{2,99}");
    static final int MIN_PASSWORD = 8;
    static final int MAX_PASSWORD = 256;

    private final UserRepository users;

    UserAccounts(UserRepository users) {
        this.users = users;
    }

    /**
     * Creates a user.
     *
     * @throws IllegalArgumentException with a message a user can act on, when the username or password is unacceptable
     */
    @Transactional
    public long create(NewUser user) {
        String username = user.username() == null ? "" : user.username().trim().toLowerCase(Locale.ROOT);
        if (!USERNAME.matcher(username).matches()) {
            throw new IllegalArgumentException("Username: use 3 to 100 lower-case letters, digits, dots, hyphens or underscores");
        }
        int length = user.password() == null ? 0 : user.password().codePointCount(0, user.password().length());
        if (length < MIN_PASSWORD || length > MAX_PASSWORD) {
            throw new IllegalArgumentException("Password: must be " + MIN_PASSWORD + " to " + MAX_PASSWORD + " characters long");
        }
        if (user.roles().isEmpty()) {
            throw new IllegalArgumentException("Roles: give the user at least one role");
        }
        if (users.exists(username)) {
            throw new IllegalArgumentException("Username: already taken");
        }
        return users.insert(username, user);
    }

    public long count() {
        return users.count();
    }
}
