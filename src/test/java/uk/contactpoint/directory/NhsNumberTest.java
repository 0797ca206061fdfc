package uk.contactpoint.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Chars;
import net.jqwik.api.constraints.NumericChars;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class NhsNumberTest {

    @ParameterizedTest
    @ValueSource(strings = {"9434765919", "4010232137", "1000000001", "9999999999"})
    void shouldAcceptKnownValidNhsNumbers(String input) {
        assertThat(new NhsNumber(input).value()).isEqualTo(input);
    }

    @ParameterizedTest
    @ValueSource(strings = {"943 476 5919", "943-476-5919", "  943 476 5919\t", "943\u00a0476\u00a05919", "94347 65919"})
    void shouldNormaliseSpacesAndHyphensBetweenDigits(String input) {
        assertThat(new NhsNumber(input).value()).isEqualTo("9434765919");
    }

    @Test
    void shouldRejectAnNhsNumberWithABadCheckDigit() {
        assertThat(rejectionOf("943 476 5910")).hasMessage(
                "NHS number: the check digit does not match; check each digit was typed correctly");
    }

    @ParameterizedTest
    @ValueSource(strings = {"1234567890", "1234567891", "999 123 4560", "9990000000"})
    void shouldRejectAnNhsNumberWhoseCheckDigitComputesToTen(String input) {
        assertThat(rejectionOf(input)).hasMessageContaining("no check digit can make it valid");
    }

    @ParameterizedTest
    @ValueSource(strings = {"943476591", "94347659190", "943 476 591", "9"})
    void shouldRejectAnNhsNumberOfTheWrongLength(String input) {
        assertThat(rejectionOf(input)).hasMessageContaining("must be 10 digits long");
    }

    @ParameterizedTest
    @ValueSource(strings = {"943476591X", "NHS 9434765919", "943.476.5919", "-9434765919", "94347659\u0661\u0669"})
    void shouldRejectAnythingOtherThanDigitsSeparatedBySpacesOrHyphens(String input) {
        assertThat(rejectionOf(input)).hasMessageContaining("only digits");
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"   ", "\n"})
    void shouldRejectAMissingOrBlankNhsNumberAsRequired(String input) {
        assertThat(rejectionOf(input)).hasMessageContaining("is required");
    }

    @ParameterizedTest
    @ValueSource(strings = {"9434765910", "943 476 5910", "1234567890", "94347659", "943476591X"})
    void shouldNotEchoTheRejectedNhsNumberInTheMessage(String input) {
        assertThat(rejectionOf(input).getMessage())
                .doesNotContain(input)
                .doesNotContain(input.replace(" ", ""));
    }

    @Test
    void shouldGenerateValidSyntheticNumbersInThe999Range() {
        RandomGenerator random = new SplittableRandom(3L);
        for (int n = 0; n < 1_000; n++) {
            NhsNumber number = NhsNumber.synthetic(random);
            assertThat(number.value()).startsWith("999").hasSize(10);
            assertThat(number.isSynthetic()).isTrue();
            assertThat(new NhsNumber(number.value())).isEqualTo(number);
        }
    }

    @Test
    void shouldNotTreatAnIssuableNumberAsSynthetic() {
        assertThat(new NhsNumber("9434765919").isSynthetic()).isFalse();
    }

    @Test
    void shouldFormatAsThreeThreeFour() {
        assertThat(new NhsNumber("9434765919").formatted()).isEqualTo("943 476 5919");
    }

    @Test
    void shouldReturnThePlainDigitsFromToString() {
        assertThat(new NhsNumber("943-476-5919")).hasToString("9434765919");
    }

    @Property
    void everySyntheticNumberRoundTripsThroughItsFormattedForm(@ForAll long seed) {
        NhsNumber number = NhsNumber.synthetic(new SplittableRandom(seed));

        assertThat(new NhsNumber(number.formatted())).isEqualTo(number);
        assertThat(number.isSynthetic()).isTrue();
    }

    @Property
    void anyStringEitherValidatesToTenDigitsOrIsRejectedWithAnInvalidValueException(@ForAll String input) {
        assertValidOrRejected(input);
    }

    @Property
    void anyStringOfDigitsAndSeparatorsEitherValidatesOrIsRejectedWithAnInvalidValueException(
            @ForAll @NumericChars @Chars({' ', '-'}) @StringLength(max = 16) String input) {
        assertValidOrRejected(input);
    }

    private static void assertValidOrRejected(String input) {
        try {
            NhsNumber number = new NhsNumber(input);
            assertThat(number.value()).matches("[0-9]{10}");
            assertThat(new NhsNumber(number.value())).isEqualTo(number);
        } catch (InvalidValueException e) {
            assertThat(e.field()).isEqualTo("NHS number");
        }
    }

    private static InvalidValueException rejectionOf(String input) {
        InvalidValueException rejection = catchThrowableOfType(InvalidValueException.class,
                () -> new NhsNumber(input));
        assertThat(rejection).as("expected a rejection").isNotNull();
        assertThat(rejection.field()).isEqualTo("NHS number");
        assertThat(rejection).hasMessageStartingWith("NHS number: ");
        return rejection;
    }
}
