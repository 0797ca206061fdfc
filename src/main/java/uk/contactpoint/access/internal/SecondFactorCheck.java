package uk.contactpoint.access.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.OptionalLong;
import java.util.regex.Pattern;

import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

import uk.contactpoint.access.Totp;

/**
 * Checks the second factor, PIN and TOTP code together, for one user id (the user of the first step).
 * Both are always checked, so a reply never tells which was wrong. A code is accepted for the current
 * time step or one either side, and only for a step later than the last accepted one: a code cannot be
 * used twice. Five consecutive failures lock the account.
 */
@Component
class SecondFactorCheck {

    static final int MAX_FAILURES = 5;
    static final int WINDOW_STEPS = 1;
    private static final Pattern PIN = Pattern.compile("\\d{6,12}");
    private static final Pattern CODE = Pattern.compile("\\d{" + Totp.DIGITS + "}");

    enum Outcome { ACCEPTED, REJECTED, LOCKED }

    private final UserRepository users;
    private final PasswordEncoder encoder;
    private final TotpSecretCipher cipher;
    private final Clock clock;
    private final String dummyPinHash;

    SecondFactorCheck(UserRepository users, PasswordEncoder encoder, TotpSecretCipher cipher, Clock clock) {
        this.users = users;
        this.encoder = encoder;
        this.cipher = cipher;
        this.clock = clock;
        this.dummyPinHash = encoder.encode("000000000000");
    }

    /**
     * The second step by security key: the same lockout as PIN and code (five failures of either kind
     * lock the account), and a locked account's key is not even checked.
     */
    Outcome checkKey(long userId, java.util.function.BooleanSupplier keyVerifies) {
        if (users.secondFactor(userId).locked()) {
            return Outcome.LOCKED;
        }
        if (keyVerifies.getAsBoolean()) {
            users.secondFactorSucceededByKey(userId);
            return Outcome.ACCEPTED;
        }
        return users.secondFactorFailed(userId, MAX_FAILURES) ? Outcome.LOCKED : Outcome.REJECTED;
    }

    Outcome check(long userId, String pin, String code) {
        SecondFactorState state = users.secondFactor(userId);
        if (state.locked()) {
            return Outcome.LOCKED;
        }
        String cleanPin = pin == null ? "" : pin.trim();
        String cleanCode = code == null ? "" : code.replace(" ", "").trim();
        boolean pinShaped = PIN.matcher(cleanPin).matches();
        boolean pinOk = encoder.matches(pinShaped ? cleanPin : "x",
                state.pinHash() == null ? dummyPinHash : state.pinHash()) && pinShaped && state.pinHash() != null;
        OptionalLong step = state.totpSecret() != null && CODE.matcher(cleanCode).matches()
                ? matchingStep(cipher.decrypt(state.totpSecret()), cleanCode, state.lastStep())
                : OptionalLong.empty();
        if (pinOk && step.isPresent() && users.secondFactorSucceeded(userId, step.getAsLong())) {
            return Outcome.ACCEPTED;
        }
        return users.secondFactorFailed(userId, MAX_FAILURES) ? Outcome.LOCKED : Outcome.REJECTED;
    }

    /**
     * A caller's token code read out on the phone (mediated access): the same window, the same once-only
     * rule (it shares the last accepted step with login) and the same lockout count as the login's code,
     * without a PIN. Success does not clear the failure count: it proves the token, not a login.
     */
    Outcome checkCode(long userId, String code) {
        SecondFactorState state = users.secondFactor(userId);
        if (state.locked()) {
            return Outcome.LOCKED;
        }
        String cleanCode = code == null ? "" : code.replace(" ", "").trim();
        OptionalLong step = state.totpSecret() != null && CODE.matcher(cleanCode).matches()
                ? matchingStep(cipher.decrypt(state.totpSecret()), cleanCode, state.lastStep())
                : OptionalLong.empty();
        if (step.isPresent() && users.codeAccepted(userId, step.getAsLong())) {
            return Outcome.ACCEPTED;
        }
        return users.secondFactorFailed(userId, MAX_FAILURES) ? Outcome.LOCKED : Outcome.REJECTED;
    }

    private OptionalLong matchingStep(byte[] secret, String code, long lastStep) {
        long now = Totp.step(clock.instant());
        OptionalLong match = OptionalLong.empty();
        for (long step = now - WINDOW_STEPS; step <= now + WINDOW_STEPS; step++) {
            boolean equal = MessageDigest.isEqual(Totp.code(secret, step, Totp.DIGITS).getBytes(StandardCharsets.US_ASCII),
                    code.getBytes(StandardCharsets.US_ASCII));
            if (equal && step > lastStep) {
                match = OptionalLong.of(step);
            }
        }
        return match;
    }
}
