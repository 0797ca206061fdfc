package uk.contactpoint.access.internal;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Optional;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import uk.contactpoint.access.AccessStop;
import uk.contactpoint.access.Callers;

/**
 * The account of a caller asking for a mediated search, read afresh on every call, and the check of the
 * code they read from their token (through {@link SecondFactorCheck}, so replay and lockout are login's).
 */
@Component
public class CallerDirectory {

    /** A caller's account as the mediated search needs it; {@code stop} is null when nothing stops them. */
    public record Account(ContactPointUser user, AccessStop stop, boolean locked, String phone) {
        @Override
        public String toString() {
            return "Account[id=" + user.id() + ", stop=" + stop + ", locked=" + locked + "]";
        }
    }

    private final UserRepository users;
    private final SecondFactorCheck secondFactor;
    private final Clock clock;

    CallerDirectory(UserRepository users, SecondFactorCheck secondFactor, Clock clock) {
        this.users = users;
        this.secondFactor = secondFactor;
        this.clock = clock;
    }

    public Optional<Account> find(String username) {
        return users.find(username).map(s -> new Account(new ContactPointUser(s, LocalDate.now(clock)),
                s.stop(LocalDate.now(clock)).orElse(null), s.lockedAt(clock.instant()), users.phoneOf(s.id()).orElse(null)));
    }

    @Transactional
    public Callers.CodeResult checkCode(long userId, String code) {
        return switch (secondFactor.checkCode(userId, code)) {
            case ACCEPTED -> Callers.CodeResult.ACCEPTED;
            case REJECTED -> Callers.CodeResult.REJECTED;
            case LOCKED -> Callers.CodeResult.LOCKED;
        };
    }
}
