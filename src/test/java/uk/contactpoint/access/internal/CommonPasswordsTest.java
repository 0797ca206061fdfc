package uk.contactpoint.access.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CommonPasswordsTest {

    @Test
    void shouldShipAListOfSeveralThousand() {
        assertThat(CommonPasswords.size()).isGreaterThan(3000);
    }

    @Test
    void shouldRecogniseWellKnownPasswordsWhateverTheCase() {
        assertThat(CommonPasswords.contains("password")).isTrue();
        assertThat(CommonPasswords.contains("Password1")).isTrue();
        assertThat(CommonPasswords.contains("QWERTY123")).isTrue();
        assertThat(CommonPasswords.contains("12345678")).isTrue();
        assertThat(CommonPasswords.contains("iloveyou")).isTrue();
        assertThat(CommonPasswords.contains("liverpool1")).isTrue();
    }

    @Test
    void shouldLetAnUncommonPassphraseThrough() {
        assertThat(CommonPasswords.contains("correct horse battery staple")).isFalse();
        assertThat(CommonPasswords.contains("gravel otter lantern 42")).isFalse();
        assertThat(CommonPasswords.contains(null)).isFalse();
    }
}
