package uk.contactpoint.access.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

import uk.contactpoint.TestFixtures;
import uk.contactpoint.access.Role;
import uk.contactpoint.directory.OrganisationKind;
import uk.contactpoint.directory.Sector;

/** The lockout counters in the database: password lockouts double, the second-factor counter is separate. */
@SpringBootTest
@ActiveProfiles("test")
class LockoutIT {

    @Autowired
    UserRepository users;
    @Autowired
    TestFixtures fixtures;

    @Test
    void shouldLockForFifteenMinutesThenDoubleWithEachRepeatedLockout() {
        long id = newUser();
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);

        assertThat(fail(id, now, 9)).isFalse();
        assertThat(fail(id, now, 1)).isTrue();
        assertThat(lockedUntil(id)).isEqualTo(now.plus(Duration.ofMinutes(15)));
        assertThat(fail(id, now, 10)).isTrue();
        assertThat(lockedUntil(id)).isEqualTo(now.plus(Duration.ofMinutes(30)));
        assertThat(fail(id, now, 10)).isTrue();
        assertThat(lockedUntil(id)).isEqualTo(now.plus(Duration.ofMinutes(60)));
    }

    @Test
    void shouldStartTheCountAgainAfterTheRightPassword() {
        long id = newUser();
        Instant now = Instant.now();

        fail(id, now, 9);
        users.passwordSucceeded(id);

        assertThat(fail(id, now, 9)).isFalse();
        assertThat(users.find(username(id)).orElseThrow().lockedUntil()).isNull();
    }

    @Test
    void shouldLockAfterFiveSecondFactorFailuresWithoutTouchingThePasswordCounter() {
        long id = newUser();

        for (int i = 0; i < 4; i++) {
            assertThat(users.secondFactorFailed(id, SecondFactorCheck.MAX_FAILURES)).isFalse();
        }
        assertThat(users.secondFactorFailed(id, SecondFactorCheck.MAX_FAILURES)).isTrue();

        StoredUser stored = users.find(username(id)).orElseThrow();
        assertThat(stored.secondFactorLocked()).isTrue();
        assertThat(stored.lockedUntil()).isNull();
        assertThat(users.secondFactorSucceeded(id, Long.MAX_VALUE)).as("no login while locked").isFalse();
    }

    @Test
    void shouldAcceptEachTimeStepOnce() {
        long id = newUser();

        assertThat(users.secondFactorSucceeded(id, 1000)).isTrue();
        assertThat(users.secondFactorSucceeded(id, 1000)).isFalse();
        assertThat(users.secondFactorSucceeded(id, 999)).isFalse();
        assertThat(users.secondFactorSucceeded(id, 1001)).isTrue();
    }

    private boolean fail(long id, Instant now, int times) {
        boolean locked = false;
        for (int i = 0; i < times; i++) {
            locked = users.passwordFailed(id, now, PasswordStep.MAX_FAILED_PASSWORDS, PasswordStep.FIRST_LOCK);
        }
        return locked;
    }

    private Instant lockedUntil(long id) {
        return users.find(username(id)).orElseThrow().lockedUntil();
    }

    private final java.util.Map<Long, String> names = new java.util.HashMap<>();

    private long newUser() {
        String username = fixtures.user(Set.of(Role.PRACTITIONER),
                fixtures.organisation(OrganisationKind.SERVICE, Sector.HEALTH, "Clinic"), false);
        long id = users.find(username).orElseThrow().id();
        names.put(id, username);
        return id;
    }

    private String username(long id) {
        return names.get(id);
    }
}
