package uk.contactpoint.access.internal;

import uk.contactpoint.access.KeyRing;

/**
 * Encrypts TOTP secrets at rest with AES-256-GCM. Keys come from {@code contactpoint.security.totp-keys}
 * as {@code id:base64key[,id:base64key...]}; the first key encrypts, any listed key decrypts. The key id
 * is stored with the ciphertext ({@code id:base64(nonce|ciphertext|tag)}) and bound to it as associated
 * data, so a key can be rotated by listing a new key first and re-encrypting at leisure.
 */
public final class TotpSecretCipher {

    /** Development key, refused by ProductionGuard under the prod profile. */
    public static final String DEV_KEYS = "dev:ZGV2LW9ubHktdG90cC1rZXktbm90LWZvci1wcm9kISE=";

    private final KeyRing keys;

    public TotpSecretCipher(String configuration) {
        this.keys = new KeyRing("contactpoint.security.totp-keys", configuration);
    }

    public String encrypt(byte[] secret) {
        return keys.encrypt(secret, "");
    }

    /** @throws IllegalStateException when the key is unknown or the ciphertext was altered */
    public byte[] decrypt(String stored) {
        return keys.decrypt(stored, "");
    }

    /** The id of the key new secrets are encrypted under. */
    public String currentKeyId() {
        return keys.currentKeyId();
    }
}
