package uk.contactpoint.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.junit.jupiter.api.Test;

class KeyRingTest {

    private static final String K1 = "k1:AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";
    private static final String K2 = "k2:HyAhIiMkJSYnKCkqKywtLi8wMTIzNDU2Nzg5Ojs8PT4=";
    private static final byte[] VALUE = "7 Quarry Street".getBytes(StandardCharsets.UTF_8);

    @Test
    void shouldEncryptUnderTheFirstKeyWithAFreshNonceAndDecryptInTheSameContext() {
        KeyRing ring = new KeyRing("test.keys", K2 + "," + K1);

        String sealed = ring.encrypt(VALUE, "child:1");

        assertThat(sealed).startsWith("k2:").doesNotContain("Quarry");
        assertThat(KeyRing.keyId(sealed)).isEqualTo("k2");
        assertThat(ring.decrypt(sealed, "child:1")).isEqualTo(VALUE);
        assertThat(ring.encrypt(VALUE, "child:1")).isNotEqualTo(sealed);
    }

    @Test
    void shouldRefuseTheCiphertextOfOneRowInAnother() {
        KeyRing ring = new KeyRing("test.keys", K1);
        String sealed = ring.encrypt(VALUE, "child:1");

        assertThatThrownBy(() -> ring.decrypt(sealed, "child:2")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("test.keys");
        assertThatThrownBy(() -> ring.decrypt(sealed, "")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void shouldDecryptUnderAnOlderKeyStillListedAndNameAKeyNoLongerListed() {
        String underOld = new KeyRing("test.keys", K1).encrypt(VALUE, "carer:9");

        assertThat(new KeyRing("test.keys", K2 + "," + K1).decrypt(underOld, "carer:9")).isEqualTo(VALUE);
        assertThatThrownBy(() -> new KeyRing("test.keys", K2).decrypt(underOld, "carer:9"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("not configured").hasMessageContaining("k1");
    }

    @Test
    void shouldRefuseAlteredCiphertextAndAWrongKeyUnderTheSameId() {
        KeyRing ring = new KeyRing("test.keys", K1);
        String sealed = ring.encrypt(VALUE, "x");
        byte[] raw = Base64.getDecoder().decode(sealed.substring(3));
        raw[raw.length - 1] ^= 1;

        assertThatThrownBy(() -> ring.decrypt("k1:" + Base64.getEncoder().encodeToString(raw), "x"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("wrong or the value was altered");
        assertThatThrownBy(() -> new KeyRing("test.keys", "k1:" + K2.substring(3)).decrypt(sealed, "x"))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> ring.decrypt("k1:not base64!", "x")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> ring.decrypt("no key id", "x")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void shouldRefuseMissingShortMalformedOrRepeatedKeysNamingTheProperty() {
        assertThatThrownBy(() -> new KeyRing("test.keys", "")).hasMessage("test.keys: no key configured");
        assertThatThrownBy(() -> new KeyRing("test.keys", null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new KeyRing("test.keys", "k1:" + Base64.getEncoder().encodeToString(new byte[16])))
                .hasMessageContaining("256 bits");
        assertThatThrownBy(() -> new KeyRing("test.keys", "nokeyid")).hasMessageContaining("id:base64");
        assertThatThrownBy(() -> new KeyRing("test.keys", "k1:%%%")).hasMessageContaining("not base64");
        assertThatThrownBy(() -> new KeyRing("test.keys", K1 + "," + K1)).hasMessageContaining("listed twice");
    }
}
