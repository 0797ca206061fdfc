package uk.contactpoint.access.internal;

import java.io.Serial;

import org.springframework.security.authentication.BadCredentialsException;

import uk.contactpoint.access.AccessStop;

/**
 * Why a login step was refused. Every reason is a {@link BadCredentialsException} with the same message,
 * so the user sees the same page whatever the reason (unknown user, wrong password, locked account); only
 * the audit log (which records the class name) tells them apart. {@link NotPermitted} alone, which needs the
 * right password, says why access has stopped.
 */
public abstract class LoginRefused extends BadCredentialsException {

    @Serial
    private static final long serialVersionUID = 1L;
    static final String MESSAGE = "Bad credentials";

    LoginRefused() {
        super(MESSAGE);
    }

    /** No account has that username. */
    public static final class UnknownUser extends LoginRefused {
        @Serial
        private static final long serialVersionUID = 1L;
    }

    /** The password did not match. */
    public static final class WrongPassword extends LoginRefused {
        @Serial
        private static final long serialVersionUID = 1L;
    }

    /** The account is locked (too many wrong passwords, or too many wrong second factors). */
    public static final class AccountLocked extends LoginRefused {
        @Serial
        private static final long serialVersionUID = 1L;
    }

    /**
     * The right password, but vetting lapsed, the organisation is not accredited, or the account is
     * suspended. Only this refusal may say why (the user has shown they know the password).
     */
    public static final class NotPermitted extends LoginRefused {
        @Serial
        private static final long serialVersionUID = 1L;
        private final AccessStop stop;

        NotPermitted(AccessStop stop) {
            this.stop = stop;
        }

        public AccessStop stop() {
            return stop;
        }
    }

    /** A wrong PIN or code at the second step. */
    public static final class WrongSecondFactor extends LoginRefused {
        @Serial
        private static final long serialVersionUID = 1L;
    }
}
