package uk.contactpoint.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class TotpTest {

    private static final byte[] RFC_SECRET = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);

    /** RFC 6238 appendix B, the SHA-1 rows (8 digits). */
    @ParameterizedTest
    @CsvSource({
            "59, 94287082",
            "1111111109, 07081804",
            "1111111111, 14050471",
            "1234567890, 89005924",
            "2000000000, 69279037",
            "20000000000, 65353130"})
    void shouldMatchTheRfc6238Sha1TestVectors(long epochSeconds, String expected) {
        assertThat(Totp.code(RFC_SECRET, Totp.step(Instant.ofEpochSecond(epochSeconds)), 8)).isEqualTo(expected);
    }

    @Test
    void shouldGiveSixDigitCodesThatAreTheLastSixOfTheRfcCodes() {
        assertThat(Totp.code(RFC_SECRET, Totp.step(Instant.ofEpochSecond(59)), 6)).isEqualTo("287082");
        assertThat(Totp.code(RFC_SECRET, Totp.step(Instant.ofEpochSecond(1111111109)), 6)).isEqualTo("081804");
    }

    @Test
    void shouldUseThirtySecondSteps() {
        assertThat(Totp.step(Instant.ofEpochSecond(59))).isEqualTo(1);
        assertThat(Totp.step(Instant.ofEpochSecond(60))).isEqualTo(2);
    }

    @Test
    void shouldMakeRandom160BitBase32SecretsAndSixDigitPins() {
        String secret = Totp.newSecret();
        assertThat(secret).matches("[A-Z2-7]{32}").isNotEqualTo(Totp.newSecret());
        assertThat(Totp.decode(secret)).hasSize(20);
        assertThat(Totp.newPin()).matches("\\d{6}");
    }

    @Test
    void shouldReadBase32InEitherCaseAndWithSpaces() {
        String secret = Totp.newSecret();
        Instant now = Instant.now();
        assertThat(Totp.code(secret.toLowerCase().replaceAll("(.{4})", "$1 "), now)).isEqualTo(Totp.code(secret, now));
        assertThatThrownBy(() -> Totp.decode("not base32!")).isInstanceOf(IllegalArgumentException.class);
    }
}
