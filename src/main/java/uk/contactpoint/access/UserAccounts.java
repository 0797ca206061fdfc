package uk.contactpoint.access;

import java.util.ArrayList;
import java.util.List;
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
        List<Long> ids = new ArrayList<>(newUsers.size());
        for (int i = 0; i < newUsers.size(); i++) {
            ids.add(users.insert(usernames.get(i), newUsers.get(i), hashes.get(i)));
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
        if (user.roles().isEmpty()) {
            throw new IllegalArgumentException("Roles: give the user at least one role");
        }
        return username;
    }

    public long count() {
        return users.count();
    }
}
