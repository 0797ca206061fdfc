package uk.contactpoint.access;

import java.io.Serial;
import java.io.Serializable;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.regex.Pattern;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import uk.contactpoint.access.internal.AccountRepository;
import uk.contactpoint.access.internal.AccountRepository.PendingActivation;
import uk.contactpoint.access.internal.CommonPasswords;
import uk.contactpoint.access.internal.TotpSecretCipher;

/**
 * A new (or reset) user activates their account: the one-time activation code from their administrator,
 * then a password and PIN of their own, then their security token, enrolled by scanning a QR code
 * (an {@code otpauth://} URI) and confirmed by one code from it. Nothing is stored until the code is
 * confirmed; the activation code is consumed in the same update, so it works once. An unknown username
 * and a wrong code get the same answer; five wrong codes void the activation code.
 */
@Service
public class Enrolment {

    static final int MAX_CODE_FAILURES = 5;
    private static final Pattern PIN = Pattern.compile("\\d{6,12}");
    private static final Pattern CODE = Pattern.compile("\\d{" + Totp.DIGITS + "}");
    private static final String ISSUER = "ContactPoint";

    private final AccountRepository accounts;
    private final PasswordEncoder encoder;
    private final TotpSecretCipher cipher;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    Enrolment(AccountRepository accounts, PasswordEncoder encoder, TotpSecretCipher cipher,
              ApplicationEventPublisher events, Clock clock) {
        this.accounts = accounts;
        this.encoder = encoder;
        this.cipher = cipher;
        this.events = events;
        this.clock = clock;
    }

    /** A field the user must correct, and how. */
    public static final class Invalid extends RuntimeException {
        private final String field;

        Invalid(String field, String message) {
            super(message);
            this.field = field;
        }

        public String field() {
            return field;
        }
    }

    /**
     * Everything chosen so far, kept in the user's session between the two pages: hashes and an encrypted
     * secret only, never the password, PIN or plain secret.
     */
    public record Pending(long userId, String username, String codeHash, String passwordHash, String pinHash,
                          String encryptedSecret) implements Serializable {
        @Serial
        private static final long serialVersionUID = 1L;

        @Override
        public String toString() {
            return "Enrolment.Pending[userId=" + userId + "]";
        }
    }

    /**
     * Checks the activation code and the chosen password and PIN, and makes a new token secret.
     *
     * @throws Invalid naming the field to correct; a wrong code is counted
     */
    @Transactional(noRollbackFor = Invalid.class)
    public Pending begin(String username, String activationCode, String password, String passwordAgain, String pin,
                         String pinAgain) {
        String name = username == null ? "" : username.trim().toLowerCase(Locale.ROOT);
        if (name.isEmpty() || name.length() > 100 || activationCode == null || activationCode.isBlank()
                || activationCode.length() > 40) {
            throw new Invalid("username", "Enter your username and the activation code your administrator gave you");
        }
        String codeHash = UserAdministration.sha256(activationCode);
        PendingActivation pending = accounts.pending(name).orElse(null);
        boolean codeOk = pending != null && MessageDigest.isEqual(codeHash.getBytes(StandardCharsets.US_ASCII),
                pending.codeHash().getBytes(StandardCharsets.US_ASCII));
        if (!codeOk) {
            if (pending != null) {
                accounts.activationFailed(pending.userId(), MAX_CODE_FAILURES);
                events.publishEvent(new AccountEvent(name, null, null, null, null, AccountEvent.Kind.ACTIVATION_FAILED,
                        pending.userId(), null));
            }
            throw new Invalid("code", "The username or activation code is not right. After 5 wrong tries the code stops "
                    + "working: ask your administrator for a new one");
        }
        if (pending.expiresAt() == null || pending.expiresAt().isBefore(clock.instant())) {
            throw new Invalid("code", "Your activation code has expired: ask your administrator for a new one");
        }
        int length = password == null ? 0 : password.codePointCount(0, password.length());
        if (length < UserAccounts.MIN_PASSWORD || length > UserAccounts.MAX_PASSWORD) {
            throw new Invalid("password", "Password must be " + UserAccounts.MIN_PASSWORD + " to "
                    + UserAccounts.MAX_PASSWORD + " characters long");
        }
        if (CommonPasswords.contains(password)) {
            throw new Invalid("password", "This password is too common: choose a longer or less predictable one, such as "
                    + "three or four random words");
        }
        if (!password.equals(passwordAgain)) {
            throw new Invalid("passwordAgain", "The passwords do not match");
        }
        if (pin == null || !PIN.matcher(pin).matches()) {
            throw new Invalid("pin", "PIN must be 6 to 12 digits");
        }
        if (!pin.equals(pinAgain)) {
            throw new Invalid("pinAgain", "The PINs do not match");
        }
        String secret = Totp.newSecret();
        return new Pending(pending.userId(), name, codeHash, encoder.encode(password), encoder.encode(pin),
                cipher.encrypt(Totp.decode(secret)));
    }

    /** The secret, in base32, for users who type it into their authenticator instead of scanning. */
    public String secret(Pending pending) {
        return base32(cipher.decrypt(pending.encryptedSecret()));
    }

    /** The Key URI Format of Google Authenticator, which authenticator apps read from the QR code. */
    public String otpauthUri(Pending pending) {
        String label = URLEncoder.encode(ISSUER + ":" + pending.username(), StandardCharsets.UTF_8).replace("+", "%20");
        return "otpauth://totp/" + label + "?secret=" + secret(pending) + "&issuer=" + ISSUER
                + "&algorithm=SHA1&digits=" + Totp.DIGITS + "&period=" + Totp.STEP_SECONDS;
    }

    /**
     * Confirms the token with one of its codes and activates the account.
     *
     * @throws Invalid when the code is not the token's, or the activation code was used or voided meanwhile
     */
    @Transactional
    public void confirm(Pending pending, String code) {
        String clean = code == null ? "" : code.replaceAll("\\s", "");
        if (!CODE.matcher(clean).matches()) {
            throw new Invalid("code", "Enter the 6-digit code your security token shows now");
        }
        byte[] secret = cipher.decrypt(pending.encryptedSecret());
        OptionalLong step = matchingStep(secret, clean, clock.instant());
        if (step.isEmpty()) {
            throw new Invalid("code", "That code is not right: check the token was set up from this page, and enter "
                    + "the code it shows now");
        }
        if (!accounts.activate(pending.userId(), pending.codeHash(), pending.passwordHash(), pending.pinHash(),
                pending.encryptedSecret(), step.getAsLong())) {
            throw new Invalid("code", "Your activation code is no longer valid: ask your administrator for a new one");
        }
        events.publishEvent(new AccountEvent(pending.username(), null, null, null, null, AccountEvent.Kind.ACTIVATED,
                pending.userId(), null));
    }

    private static OptionalLong matchingStep(byte[] secret, String code, Instant now) {
        long current = Totp.step(now);
        for (long step = current - 1; step <= current + 1; step++) {
            if (MessageDigest.isEqual(Totp.code(secret, step, Totp.DIGITS).getBytes(StandardCharsets.US_ASCII),
                    code.getBytes(StandardCharsets.US_ASCII))) {
                return OptionalLong.of(step);
            }
        }
        return OptionalLong.empty();
    }

    static String base32(byte[] bytes) {
        return new org.apache.commons.codec.binary.Base32().encodeToString(bytes).replace("=", "");
    }
}
