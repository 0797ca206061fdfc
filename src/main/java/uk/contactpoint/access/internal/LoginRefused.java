package uk.contactpoint.access.internal;

import java.io.Serial;

import org.springframework.security.authentication.BadCredentialsException;

/**
 * Why a login step was refused. Every reason is a {@link BadCredentialsException} with the same message,
 * so the user sees the same page whatever the reason; only the audit log (which records the class name)
 * tells them apart.
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

    /** Vetting lapsed, organisation not accredited, or the account disabled. */
    public static final class NotPermitted extends LoginRefused {
        @Serial
        private static final long serialVersionUID = 1L;
    }

    /** A wrong PIN or code at the second step. */
    public static final class WrongSecondFactor extends LoginRefused {
        @Serial
        private static final long serialVersionUID = 1L;
    }
}
