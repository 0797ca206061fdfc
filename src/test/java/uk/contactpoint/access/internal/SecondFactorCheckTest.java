package uk.contactpoint.access.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.password.PasswordEncoder;

import uk.contactpoint.access.Totp;
import uk.contactpoint.access.internal.SecondFactorCheck.Outcome;

class SecondFactorCheckTest {

    private static final Instant NOW = Instant.parse("2026-03-01T10:00:10Z");
    private static final long STEP = Totp.step(NOW);
    private final UserRepository users = mock(UserRepository.class);
    private final PasswordEncoder encoder = mock(PasswordEncoder.class);
    private final TotpSecretCipher cipher = new TotpSecretCipher("k:" + Base64.getEncoder().encodeToString(new byte[32]));
    private final byte[] secret = Totp.decode(Totp.newSecret());
    private SecondFactorCheck check;

    @BeforeEach
    void setUp() {
        when(encoder.encode(anyString())).thenReturn("DUMMY");
        when(encoder.matches(anyString(), anyString())).thenAnswer(i -> ("hash:" + i.getArgument(0)).equals(i.getArgument(1)));
        when(users.secondFactorSucceeded(anyLong(), anyLong())).thenReturn(true);
        when(users.secondFactorFailed(anyLong(), anyInt())).thenReturn(false);
        check = new SecondFactorCheck(users, encoder, cipher, Clock.fixed(NOW, ZoneOffset.UTC));
        stored(0, false);
    }

    @Test
    void shouldAcceptTheCurrentStepAndOneEitherSide() {
        for (long step = STEP - 1; step <= STEP + 1; step++) {
            assertThat(check.check(1, "12345678", code(step))).as("step %d", step - STEP).isEqualTo(Outcome.ACCEPTED);
            verify(users).secondFactorSucceeded(1, step);
        }
    }

    @Test
    void shouldRejectCodesTwoStepsAwayAndCountTheFailure() {
        assertThat(check.check(1, "12345678", code(STEP - 2))).isEqualTo(Outcome.REJECTED);
        assertThat(check.check(1, "12345678", code(STEP + 2))).isEqualTo(Outcome.REJECTED);
        verify(users, never()).secondFactorSucceeded(anyLong(), anyLong());
    }

    @Test
    void shouldRejectACodeOfAnAlreadyAcceptedStep() {
        stored(STEP, false);

        assertThat(check.check(1, "12345678", code(STEP))).isEqualTo(Outcome.REJECTED);
        assertThat(check.check(1, "12345678", code(STEP - 1))).isEqualTo(Outcome.REJECTED);
        assertThat(check.check(1, "12345678", code(STEP + 1))).isEqualTo(Outcome.ACCEPTED);
    }

    @Test
    void shouldRejectTheRightCodeWithTheWrongPinAndTheRightPinWithNoCode() {
        assertThat(check.check(1, "87654321", code(STEP))).isEqualTo(Outcome.REJECTED);
        assertThat(check.check(1, "12345678", null)).isEqualTo(Outcome.REJECTED);
        assertThat(check.check(1, "12345678", "12345")).isEqualTo(Outcome.REJECTED);
    }

    @Test
    void shouldReportTheLockThatTheFifthFailureSets() {
        when(users.secondFactorFailed(1, SecondFactorCheck.MAX_FAILURES)).thenReturn(true);

        assertThat(check.check(1, "12345678", "000000".equals(code(STEP)) ? "111111" : "000000")).isEqualTo(Outcome.LOCKED);
    }

    @Test
    void shouldNotEvenCheckALockedAccount() {
        stored(0, true);

        assertThat(check.check(1, "12345678", code(STEP))).isEqualTo(Outcome.LOCKED);
        verify(users, never()).secondFactorSucceeded(anyLong(), anyLong());
    }

    @Test
    void shouldAcceptACallersCodeOnceWithoutAPinAndWithoutClearingTheFailureCount() {
        when(users.codeAccepted(anyLong(), anyLong())).thenReturn(true);

        assertThat(check.checkCode(1, code(STEP))).isEqualTo(Outcome.ACCEPTED);
        verify(users).codeAccepted(1, STEP);
        verify(users, never()).secondFactorSucceeded(anyLong(), anyLong());

        stored(STEP, false);
        assertThat(check.checkCode(1, code(STEP))).as("read out twice").isEqualTo(Outcome.REJECTED);
        verify(users).secondFactorFailed(1, SecondFactorCheck.MAX_FAILURES);
    }

    @Test
    void shouldCountAWrongCallersCodeAndNotCheckALockedCaller() {
        when(users.secondFactorFailed(1, SecondFactorCheck.MAX_FAILURES)).thenReturn(true);
        assertThat(check.checkCode(1, "000000".equals(code(STEP)) ? "111111" : "000000")).isEqualTo(Outcome.LOCKED);

        stored(0, true);
        assertThat(check.checkCode(1, code(STEP))).isEqualTo(Outcome.LOCKED);
        verify(users, never()).codeAccepted(anyLong(), anyLong());
    }

    private void stored(long lastStep, boolean locked) {
        when(users.secondFactor(1)).thenReturn(new SecondFactorState("hash:12345678", cipher.encrypt(secret), lastStep, locked));
    }

    private String code(long step) {
        return Totp.code(secret, step, Totp.DIGITS);
    }
}
