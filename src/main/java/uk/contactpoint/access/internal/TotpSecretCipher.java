package uk.contactpoint.access.internal;

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
 * Encrypts TOTP secrets at rest with AES-256-GCM. Keys come from {@code contactpoint.security.totp-keys}
 * as {@code id:base64key[,id:base64key...]}; the first key encrypts, any listed key decrypts. The key id
 * is stored with the ciphertext ({@code id:base64(nonce|ciphertext|tag)}) and bound to it as associated
 * data, so a key can be rotated by listing a new key first and re-encrypting at leisure.
 */
public final class TotpSecretCipher {

    /** Development key, refused by ProductionGuard under the prod profile. */
    public static final String DEV_KEYS = "dev:ZGV2LW9ubHktdG90cC1rZXktbm90LWZvci1wcm9kISE=";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final String currentId;
    private final Map<String, SecretKey> keys;
    private final SecureRandom random = new SecureRandom();

    public TotpSecretCipher(String configuration) {
        Map<String, SecretKey> parsed = new LinkedHashMap<>();
        for (String entry : configuration == null ? new String[0] : configuration.split(",")) {
            String trimmed = entry.trim();
            int colon = trimmed.indexOf(':');
            if (colon < 1) {
                throw new IllegalArgumentException("contactpoint.security.totp-keys: each key is id:base64");
            }
            byte[] key = Base64.getDecoder().decode(trimmed.substring(colon + 1));
            if (key.length != 32) {
                throw new IllegalArgumentException("contactpoint.security.totp-keys: each key must be 256 bits");
            }
            parsed.put(trimmed.substring(0, colon), new SecretKeySpec(key, "AES"));
        }
        if (parsed.isEmpty()) {
            throw new IllegalArgumentException("contactpoint.security.totp-keys: no key configured");
        }
        this.keys = Map.copyOf(parsed);
        this.currentId = parsed.keySet().iterator().next();
    }

    public String encrypt(byte[] secret) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, keys.get(currentId), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(currentId.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(secret);
            return currentId + ":" + Base64.getEncoder().encodeToString(
                    ByteBuffer.allocate(nonce.length + sealed.length).put(nonce).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** @throws IllegalStateException when the key is unknown or the ciphertext was altered */
    public byte[] decrypt(String stored) {
        int colon = stored.indexOf(':');
        SecretKey key = colon < 1 ? null : keys.get(stored.substring(0, colon));
        if (key == null) {
            throw new IllegalStateException("TOTP secret encrypted under a key that is not configured");
        }
        byte[] all = Base64.getDecoder().decode(stored.substring(colon + 1));
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, all, 0, NONCE_BYTES));
            cipher.updateAAD(stored.substring(0, colon).getBytes(StandardCharsets.UTF_8));
            return cipher.doFinal(all, NONCE_BYTES, all.length - NONCE_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("TOTP secret cannot be decrypted", e);
        }
    }

    /** The id of the key new secrets are encrypted under. */
    public String currentKeyId() {
        return currentId;
    }
}
