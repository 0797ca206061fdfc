package uk.contactpoint.access.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.FactorGrantedAuthority;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * The first login step: username and password. Unknown users, wrong passwords, locked accounts and
 * lapsed vetting all take one path: the password is always checked against a hash (a dummy hash for an
 * unknown user), and every refusal is the same {@link LoginRefused} message and page. Ten consecutive
 * wrong passwords lock the account for 15 minutes, doubling with each further lockout; while locked,
 * even the right password is refused and wrong ones are not counted.
 *
 * <p>Success grants Spring Security's password factor ({@code FACTOR_PASSWORD}) only: the pages also
 * need the PIN-and-code factor from {@link SecondFactorFilter}.
 */
@Component
public class PasswordStep implements AuthenticationProvider {

    static final int MAX_FAILED_PASSWORDS = 10;
    static final Duration FIRST_LOCK = Duration.ofMinutes(15);
    static final int MAX_USERNAME = 100;
    static final int MAX_PASSWORD_CHECKED = 1024;

    private final UserRepository users;
    private final PasswordEncoder encoder;
    private final Clock clock;
    private final String dummyHash;

    PasswordStep(UserRepository users, PasswordEncoder encoder, Clock clock) {
        this.users = users;
        this.encoder = encoder;
        this.clock = clock;
        this.dummyHash = encoder.encode("no such user: the dummy password of the timing-safe path");
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        String username = authentication.getName() == null ? "" : authentication.getName().trim().toLowerCase(Locale.ROOT);
        String password = authentication.getCredentials() == null ? "" : authentication.getCredentials().toString();
        // Never truncated (ASVS 6.2.8): an overlong password cannot be a stored one, so it simply fails,
        // after the same hash work as any other attempt.
        boolean overlong = password.length() > MAX_PASSWORD_CHECKED;
        Optional<StoredUser> found = username.length() > MAX_USERNAME ? Optional.empty() : users.find(username);
        boolean matches = encoder.matches(overlong ? "" : password, found.map(StoredUser::passwordHash).orElse(dummyHash))
                && !overlong;
        Instant now = clock.instant();
        if (found.isEmpty()) {
            throw new LoginRefused.UnknownUser();
        }
        StoredUser stored = found.get();
        if (stored.lockedAt(now)) {
            throw new LoginRefused.AccountLocked();
        }
        if (!matches) {
            users.passwordFailed(stored.id(), now, MAX_FAILED_PASSWORDS, FIRST_LOCK);
            throw new LoginRefused.WrongPassword();
        }
        users.passwordSucceeded(stored.id());
        ContactPointUser user = new ContactPointUser(stored, LocalDate.now(clock));
        if (user.stop() != null) {
            throw new LoginRefused.NotPermitted(user.stop());
        }
        List<GrantedAuthority> authorities = new ArrayList<>(user.getAuthorities());
        authorities.add(FactorGrantedAuthority.withAuthority(FactorGrantedAuthority.PASSWORD_AUTHORITY).issuedAt(now).build());
        user.eraseCredentials();
        UsernamePasswordAuthenticationToken result = UsernamePasswordAuthenticationToken.authenticated(user, null, authorities);
        result.setDetails(authentication.getDetails());
        return result;
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
