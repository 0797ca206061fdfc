package uk.contactpoint.access;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-256-GCM under keys from configuration, {@code id:base64key[,id:base64key...]}: the first key encrypts,
 * any listed key decrypts. The key id is stored with the ciphertext ({@code id:base64(nonce|ciphertext|tag)})
 * and bound to it as associated data, with a context the caller names (what the value is, whose it is), so a
 * key can be rotated by listing a new key first and re-encrypting at leisure, and a ciphertext copied to
 * another row does not decrypt there. TOTP secrets (access) and shielded fields (safeguards) each hold their
 * own ring under their own keys.
 */
public final class KeyRing {

    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String property;
    private final String currentId;
    private final Map<String, SecretKey> keys;

    /**
     * @param property the configuration property the keys come from, named in every error
     * @throws IllegalArgumentException when the configuration is empty or a key is not {@code id:base64} of 32 bytes
     */
    public KeyRing(String property, String configuration) {
        this.property = property;
        Map<String, SecretKey> parsed = new LinkedHashMap<>();
        for (String entry : configuration == null ? new String[0] : configuration.split(",")) {
            String trimmed = entry.trim();
            if (trimmed.isEmpty()) {
                continue;
            }
            int colon = trimmed.indexOf(':');
            if (colon < 1) {
                throw new IllegalArgumentException(property + ": each key is id:base64");
            }
            byte[] key;
            try {
                key = Base64.getDecoder().decode(trimmed.substring(colon + 1));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(property + ": key " + trimmed.substring(0, colon) + " is not base64");
            }
            if (key.length != 32) {
                throw new IllegalArgumentException(property + ": each key must be 256 bits");
            }
            if (parsed.put(trimmed.substring(0, colon), new SecretKeySpec(key, "AES")) != null) {
                throw new IllegalArgumentException(property + ": key id " + trimmed.substring(0, colon) + " is listed twice");
            }
        }
        if (parsed.isEmpty()) {
            throw new IllegalArgumentException(property + ": no key configured");
        }
        this.keys = Map.copyOf(parsed);
        this.currentId = parsed.keySet().iterator().next();
    }

    /** Encrypts under the current key, bound to a context (empty for none). */
    public String encrypt(byte[] plaintext, String context) {
        return currentId + ":" + seal(keys.get(currentId), plaintext, aad(currentId, context));
    }

    /**
     * Decrypts what {@link #encrypt} made with the same context.
     *
     * @throws IllegalStateException when the key is not configured, or the ciphertext or its context was altered
     */
    public byte[] decrypt(String stored, String context) {
        String id = keyId(stored);
        SecretKey key = id == null ? null : keys.get(id);
        if (key == null) {
            throw new IllegalStateException("Encrypted under a key that is not configured in " + property
                    + (id == null ? "" : " (key id " + id + ")"));
        }
        try {
            return open(key, stored.substring(id.length() + 1), aad(id, context));
        } catch (IllegalStateException e) {
            throw new IllegalStateException("Cannot be decrypted with key " + id + " of " + property
                    + ": the key is wrong or the value was altered", e);
        }
    }

    /**
     * AES-256-GCM under a key the caller holds (not one of a ring's): base64(nonce|ciphertext|tag), bound to
     * {@code aad}. For envelopes of keys wrapping keys (the audit's personal values, ADR 30).
     */
    public static String seal(SecretKey key, byte[] plaintext, byte[] aad) {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(aad);
            byte[] sealed = cipher.doFinal(plaintext);
            return Base64.getEncoder().encodeToString(ByteBuffer.allocate(nonce.length + sealed.length).put(nonce).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Opens what {@link #seal} made.
     *
     * @throws IllegalStateException when the key is wrong or the value or its {@code aad} was altered
     */
    public static byte[] open(SecretKey key, String sealed, byte[] aad) {
        try {
            byte[] all = Base64.getDecoder().decode(sealed);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, all, 0, NONCE_BYTES));
            cipher.updateAAD(aad);
            return cipher.doFinal(all, NONCE_BYTES, all.length - NONCE_BYTES);
        } catch (GeneralSecurityException | IllegalArgumentException | IndexOutOfBoundsException e) {
            throw new IllegalStateException("Cannot be decrypted: the key is wrong or the value was altered", e);
        }
    }

    /** The id of the key a stored value was encrypted under, or null when it names none. */
    public static String keyId(String stored) {
        int colon = stored == null ? -1 : stored.indexOf(':');
        return colon < 1 ? null : stored.substring(0, colon);
    }

    /** The id of the key new values are encrypted under. */
    public String currentKeyId() {
        return currentId;
    }

    private static byte[] aad(String id, String context) {
        // the bare key id when there is no context: what TOTP secrets have always been bound to
        return (context == null || context.isEmpty() ? id : id + "|" + context).getBytes(StandardCharsets.UTF_8);
    }
}
