package uk.contactpoint.access.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.Optional;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.FactorGrantedAuthority;
import org.springframework.security.crypto.password.PasswordEncoder;

import uk.contactpoint.access.CurrentViewer;
import uk.contactpoint.access.Role;

/**
 * The structure of the password step: unknown user, wrong password, locked account and lapsed vetting
 * all hash once and end in the same exception message, which the login page turns into one response.
 */
class PasswordStepTest {

    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
    private final UserRepository users = mock(UserRepository.class);
    private final PasswordEncoder encoder = mock(PasswordEncoder.class);
    private PasswordStep step;

    @BeforeEach
    void setUp() {
        when(encoder.encode(anyString())).thenReturn("DUMMY");
        when(encoder.matches(anyString(), anyString())).thenAnswer(i -> ("hash:" + i.getArgument(0)).equals(i.getArgument(1)));
        step = new PasswordStep(users, encoder, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @Test
    void shouldRefuseUnknownWrongLockedAndLapsedAlikeAfterExactlyOneHashCheck() {
        when(users.find("ghost")).thenReturn(Optional.empty());
        when(users.find("wrong")).thenReturn(Optional.of(user(1, "wrong", null, false, true)));
        when(users.find("locked")).thenReturn(Optional.of(user(2, "locked", NOW.plusSeconds(60), false, true)));
        when(users.find("token-locked")).thenReturn(Optional.of(user(3, "token-locked", null, true, true)));
        when(users.find("lapsed")).thenReturn(Optional.of(user(4, "lapsed", null, false, false)));

        BadCredentialsException ghost = refuse("ghost", "secret-password");
        BadCredentialsException wrong = refuse("wrong", "not-the-password");
        BadCredentialsException locked = refuse("locked", "secret-password");
        BadCredentialsException tokenLocked = refuse("token-locked", "secret-password");
        BadCredentialsException lapsed = refuse("lapsed", "secret-password");

        assertThat(ghost).isInstanceOf(LoginRefused.UnknownUser.class);
        assertThat(wrong).isInstanceOf(LoginRefused.WrongPassword.class);
        assertThat(locked).isInstanceOf(LoginRefused.AccountLocked.class);
        assertThat(tokenLocked).isInstanceOf(LoginRefused.AccountLocked.class);
        assertThat(lapsed).isInstanceOf(LoginRefused.NotPermitted.class);
        assertThat(java.util.List.of(ghost, wrong, locked, tokenLocked, lapsed))
                .extracting(Throwable::getMessage).containsOnly(LoginRefused.MESSAGE);
        // The dummy hash for the unknown user; one hash check per attempt, whatever the outcome.
        verify(encoder).matches("secret-password", "DUMMY");
        verify(encoder, times(5)).matches(anyString(), anyString());
    }

    @Test
    void shouldCountOnlyWrongPasswordsOfUnlockedAccounts() {
        when(users.find("wrong")).thenReturn(Optional.of(user(1, "wrong", null, false, true)));
        when(users.find("locked")).thenReturn(Optional.of(user(2, "locked", NOW.plusSeconds(60), false, true)));

        refuse("wrong", "not-the-password");
        refuse("locked", "not-the-password");

        verify(users).passwordFailed(1, NOW, 10, Duration.ofMinutes(15));
        verify(users, never()).passwordFailed(eq(2L), any(), anyInt(), any());
    }

    @Test
    void shouldLetTheRightPasswordInAgainOnceALockHasRunOut() {
        when(users.find("was-locked")).thenReturn(Optional.of(user(5, "was-locked", NOW.minusSeconds(1), false, true)));

        Authentication result = step.authenticate(UsernamePasswordAuthenticationToken.unauthenticated("Was-Locked ", "secret-password"));

        assertThat(result.isAuthenticated()).isTrue();
        verify(users).passwordSucceeded(5);
    }

    @Test
    void shouldGrantThePasswordFactorOnlyNeverTheSecondFactor() {
        when(users.find("fine")).thenReturn(Optional.of(user(6, "fine", null, false, true)));

        Authentication result = step.authenticate(UsernamePasswordAuthenticationToken.unauthenticated("fine", "secret-password"));

        assertThat(result.getAuthorities()).extracting(GrantedAuthority::getAuthority)
                .contains(FactorGrantedAuthority.PASSWORD_AUTHORITY, "ROLE_PRACTITIONER")
                .doesNotContain(CurrentViewer.SECOND_FACTOR);
        assertThat(result.getCredentials()).isNull();
        assertThat(CurrentViewer.fullySignedIn(result)).isFalse();
    }

    @Test
    void shouldRefuseAUserWhoseOrganisationIsNotAccreditedLikeLapsedVetting() {
        when(users.find("unaccredited")).thenReturn(Optional.of(user(7, "unaccredited", null, false, true, false)));

        assertThat(refuse("unaccredited", "secret-password")).isInstanceOf(LoginRefused.NotPermitted.class)
                .hasMessage(LoginRefused.MESSAGE);
    }

    @Test
    void shouldNotLookUpOverlongUsernames() {
        refuse("x".repeat(500), "secret-password");

        verify(users, never()).find(anyString());
        verify(users, never()).passwordFailed(anyLong(), any(), anyInt(), any());
    }

    private BadCredentialsException refuse(String username, String password) {
        return catchThrowableOfType(BadCredentialsException.class,
                () -> step.authenticate(UsernamePasswordAuthenticationToken.unauthenticated(username, password)));
    }

    private static StoredUser user(long id, String username, Instant lockedUntil, boolean secondFactorLocked, boolean vetted) {
        return user(id, username, lockedUntil, secondFactorLocked, vetted, true);
    }

    private static StoredUser user(long id, String username, Instant lockedUntil, boolean secondFactorLocked,
                                   boolean vetted, boolean accredited) {
        LocalDate date = vetted ? LocalDate.of(2025, 6, 1) : LocalDate.of(2020, 1, 1);
        return new StoredUser(id, username, "hash:secret-password", "Name", 10, "Org", "SOCIAL_CARE", "SERVICE", "T1",
                "E08000035", false, date, date, date, true, EnumSet.of(Role.PRACTITIONER), lockedUntil, secondFactorLocked,
                accredited, null, true);
    }
}
