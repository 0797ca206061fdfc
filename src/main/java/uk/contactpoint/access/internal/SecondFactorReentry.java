package uk.contactpoint.access.internal;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import uk.contactpoint.access.Reauthentication;

/**
 * The second factor typed again by a signed-in user (break-glass), checked by {@link SecondFactorCheck} with
 * login's window, once-only rule and lockout.
 */
@Component
public class SecondFactorReentry {

    private final SecondFactorCheck secondFactor;

    SecondFactorReentry(SecondFactorCheck secondFactor) {
        this.secondFactor = secondFactor;
    }

    @Transactional
    public Reauthentication.Result check(long userId, String pin, String code) {
        return result(secondFactor.check(userId, pin, code));
    }

    /** A security key instead of PIN and code: the same lockout counts a key that does not verify. */
    @Transactional
    public Reauthentication.Result checkKey(long userId, java.util.function.BooleanSupplier keyVerifies) {
        return result(secondFactor.checkKey(userId, keyVerifies));
    }

    private static Reauthentication.Result result(SecondFactorCheck.Outcome outcome) {
        return switch (outcome) {
            case ACCEPTED -> Reauthentication.Result.ACCEPTED;
            case REJECTED -> Reauthentication.Result.REJECTED;
            case LOCKED -> Reauthentication.Result.LOCKED;
        };
    }
}
