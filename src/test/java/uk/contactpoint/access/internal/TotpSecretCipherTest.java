package uk.contactpoint.access.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;

import org.junit.jupiter.api.Test;

class TotpSecretCipherTest {

    private static final String OLD = "k1:" + Base64.getEncoder().encodeToString(new byte[32]);
    private static final String NEW = "k2:" + Base64.getEncoder().encodeToString("0123456789abcdef0123456789abcdef".getBytes());
    private final byte[] secret = "12345678901234567890".getBytes();

    @Test
    void shouldEncryptWithTheFirstKeyAndStoreItsIdWithTheCiphertext() {
        TotpSecretCipher cipher = new TotpSecretCipher(NEW + "," + OLD);

        String sealed = cipher.encrypt(secret);

        assertThat(sealed).startsWith("k2:").doesNotContain("1234567890");
        assertThat(cipher.decrypt(sealed)).isEqualTo(secret);
        assertThat(cipher.encrypt(secret)).as("a fresh nonce each time").isNotEqualTo(sealed);
    }

    @Test
    void shouldStillDecryptUnderAnOlderKeyAfterRotation() {
        String underOld = new TotpSecretCipher(OLD).encrypt(secret);

        TotpSecretCipher rotated = new TotpSecretCipher(NEW + "," + OLD);

        assertThat(rotated.decrypt(underOld)).isEqualTo(secret);
        assertThat(rotated.currentKeyId()).isEqualTo("k2");
    }

    @Test
    void shouldRefuseAlteredCiphertextAKeyIdSwapAndAnUnknownKey() {
        TotpSecretCipher cipher = new TotpSecretCipher(NEW + "," + OLD);
        String sealed = cipher.encrypt(secret);
        byte[] raw = Base64.getDecoder().decode(sealed.substring(3));
        raw[raw.length - 1] ^= 1;

        assertThatThrownBy(() -> cipher.decrypt("k2:" + Base64.getEncoder().encodeToString(raw)))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> cipher.decrypt("k1:" + sealed.substring(3))).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new TotpSecretCipher(OLD).decrypt(sealed)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void shouldRefuseMissingOrShortKeys() {
        assertThatThrownBy(() -> new TotpSecretCipher("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TotpSecretCipher("k1:" + Base64.getEncoder().encodeToString(new byte[16])))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
