package uk.contactpoint.access.internal;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Locale;

import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Service;

/** Loads users for the password step of login. */
@Service
class ContactPointUserDetailsService implements UserDetailsService {

    private final UserRepository users;
    private final Clock clock;

    ContactPointUserDetailsService(UserRepository users, Clock clock) {
        this.users = users;
        this.clock = clock;
    }

    @Override
    public UserDetails loadUserByUsername(String username) {
        return users.find(username == null ? "" : username.trim().toLowerCase(Locale.ROOT))
                .map(u -> new ContactPointUser(u, LocalDate.now(clock)))
                .orElseThrow(() -> new UsernameNotFoundException("No such user"));
    }
}
