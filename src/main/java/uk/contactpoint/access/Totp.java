package uk.contactpoint.access;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Locale;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.apache.commons.codec.binary.Base32;

/**
 * Time-based one-time passwords (RFC 6238 with HMAC-SHA-1, 30-second steps, T0 = 0) and the random
 * secrets and PINs of the second login factor. Checked against the RFC's appendix B test vectors.
 */
public final class Totp {

    public static final int STEP_SECONDS = 30;
    public static final int DIGITS = 6;
    /** 160 bits, the size RFC 4226 recommends (the HMAC-SHA-1 output size). */
    public static final int SECRET_BYTES = 20;
    private static final SecureRandom RANDOM = new SecureRandom();

    private Totp() {
    }

    /** The time step that holds an instant. */
    public static long step(Instant at) {
        return Math.floorDiv(at.getEpochSecond(), STEP_SECONDS);
    }

    /** The code of a time step, {@code digits} long with leading zeros (RFC 4226 dynamic truncation). */
    public static String code(byte[] secret, long step, int digits) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(secret, "HmacSHA1"));
            byte[] counter = new byte[8];
            for (int i = 7; i >= 0; i--) {
                counter[i] = (byte) (step & 0xff);
                step >>>= 8;
            }
            byte[] hash = mac.doFinal(counter);
            int offset = hash[hash.length - 1] & 0x0f;
            int binary = ((hash[offset] & 0x7f) << 24) | ((hash[offset + 1] & 0xff) << 16)
                    | ((hash[offset + 2] & 0xff) << 8) | (hash[offset + 3] & 0xff);
            int modulus = 1;
            for (int i = 0; i < digits; i++) {
                modulus *= 10;
            }
            String code = Integer.toString(binary % modulus);
            return "0".repeat(digits - code.length()) + code;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The current 6-digit code of a base32 secret, as an authenticator app shows it. */
    public static String code(String base32Secret, Instant at) {
        return code(decode(base32Secret), step(at), DIGITS);
    }

    /** A new random 160-bit secret, base32 without padding (what authenticator apps take). */
    public static String newSecret() {
        byte[] secret = new byte[SECRET_BYTES];
        RANDOM.nextBytes(secret);
        return new Base32().encodeToString(secret).replace("=", "");
    }

    /** A new random 6-digit PIN. */
    public static String newPin() {
        return String.format(Locale.ROOT, "%06d", RANDOM.nextInt(1_000_000));
    }

    /** The bytes of a base32 secret (case and spaces ignored). */
    public static byte[] decode(String base32Secret) {
        String clean = base32Secret.replace(" ", "").toUpperCase(Locale.ROOT);
        if (!clean.matches("[A-Z2-7]+=*")) {
            throw new IllegalArgumentException("TOTP secret: not base32");
        }
        return new Base32().decode(clean);
    }
}
