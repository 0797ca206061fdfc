package uk.contactpoint.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Chars;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.NumericChars;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class ContactPointIdTest {

    private static final String KNOWN_VALID = "123456789018";

    @Test
    void shouldAcceptAKnownValidId() {
        assertThat(new ContactPointId(KNOWN_VALID).value()).isEqualTo(KNOWN_VALID);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1234 5678 9018", "1234-5678-9018", " 1234  5678 - 9018 ", "1-2-3-4-5-6-7-8-9-0-1-8",
            "1234\u00a05678\u00a09018"})
    void shouldNormaliseSpacesAndHyphensBetweenDigitsToTwelvePlainDigits(String input) {
        assertThat(new ContactPointId(input).value()).isEqualTo(KNOWN_VALID);
    }

    @Test
    void shouldTreatDifferentlyFormattedInputsOfTheSameIdAsEqual() {
        assertThat(new ContactPointId("1234 5678 9018")).isEqualTo(new ContactPointId(KNOWN_VALID));
    }

    @Test
    void shouldComputeTheDammCheckDigitOverTheFirstElevenDigits() {
        // Expected values computed independently with the published Damm table; 572 -> 4 is the textbook case.
        assertThat(ContactPointId.fromSequence(0).value()).isEqualTo("100000000001");
        assertThat(ContactPointId.fromSequence(1).value()).isEqualTo("100000000017");
        assertThat(ContactPointId.fromSequence(21_415_926_535L).value()).isEqualTo("314159265352");
        assertThat(ContactPointId.fromSequence(89_999_999_999L).value()).isEqualTo("999999999999");
    }

    @Test
    void shouldRejectAnIdWithABadCheckDigitWithAnActionableMessage() {
        InvalidValueException rejection = rejectionOf("1234 5678 9010");

        assertThat(rejection).hasMessage(
                "ContactPoint ID: the check digit does not match; check each digit was typed correctly");
    }

    @ParameterizedTest
    @ValueSource(strings = {"12345678901A", "1234 5678 901B", "one two three", "123456789O18", "+123456789018",
            "12345678901\u0668", "-123456789018", "123456789018-", "1234_5678_9018"})
    void shouldRejectAnythingOtherThanDigitsSeparatedBySpacesOrHyphens(String input) {
        assertThat(rejectionOf(input)).hasMessageContaining("only digits").message().doesNotContain(input.strip());
    }

    @ParameterizedTest
    @ValueSource(strings = {"12345678901", "1234567890181", "1234 5678 901", "1"})
    void shouldRejectAnIdOfTheWrongLength(String input) {
        assertThat(rejectionOf(input)).hasMessageContaining("must be 12 digits long");
    }

    @Test
    void shouldRejectAnIdStartingWithZero() {
        assertThat(rejectionOf("0234 5678 9018")).hasMessageContaining("cannot start with 0");
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {" ", "\t", "\u00a0\n"})
    void shouldRejectAMissingOrBlankIdAsRequired(String input) {
        assertThat(rejectionOf(input)).hasMessageContaining("is required");
    }

    @ParameterizedTest
    @ValueSource(strings = {"1234 5678 9010", "987654321098", "9876-5432-1X98", "98765432109"})
    void shouldNotEchoTheRejectedValueInTheMessage(String input) {
        String message = rejectionOf(input).getMessage();

        assertThat(message).startsWith("ContactPoint ID: ")
                .doesNotContain(input)
                .doesNotContain(input.replaceAll("[ -]", ""));
    }

    @Test
    void shouldRejectEverySingleCharacterSubstitutionOfGeneratedIds() {
        RandomGenerator random = new SplittableRandom(20_080_601L);
        int rejections = 0;
        for (int n = 0; n < 300; n++) {
            String valid = ContactPointId.generate(random).value();
            for (int position = 0; position < valid.length(); position++) {
                for (char replacement : "0123456789A".toCharArray()) {
                    if (replacement == valid.charAt(position)) {
                        continue;
                    }
                    String mistyped = valid.substring(0, position) + replacement + valid.substring(position + 1);
                    assertRejected(mistyped, valid);
                    rejections++;
                }
            }
        }
        assertThat(rejections).isEqualTo(300 * 12 * 10);
    }

    @Test
    void shouldRejectEverySwapOfTwoAdjacentDifferingDigitsOfGeneratedIds() {
        RandomGenerator random = new SplittableRandom(1_234_567L);
        int rejections = 0;
        for (int n = 0; n < 300; n++) {
            String valid = ContactPointId.generate(random).value();
            for (int position = 0; position + 1 < valid.length(); position++) {
                char first = valid.charAt(position);
                char second = valid.charAt(position + 1);
                if (first == second) {
                    continue;
                }
                String swapped = valid.substring(0, position) + second + first + valid.substring(position + 2);
                assertRejected(swapped, valid);
                rejections++;
            }
        }
        // Guards against the loop silently testing nothing.
        assertThat(rejections).isGreaterThan(300 * 9);
    }

    @Test
    void shouldGenerateValidIdsThatStartWithANonZeroDigit() {
        RandomGenerator random = new SplittableRandom(7L);
        for (int n = 0; n < 1_000; n++) {
            ContactPointId id = ContactPointId.generate(random);
            assertThat(id.value()).matches("[1-9][0-9]{11}");
            assertThat(new ContactPointId(id.value())).isEqualTo(id);
        }
    }

    @Test
    void shouldGenerateTheSameIdsFromTheSameSeed() {
        assertThat(generateFromSeed(99L)).isEqualTo(generateFromSeed(99L))
                .doesNotHaveDuplicates();
    }

    @Test
    void shouldDeriveTheBodyOfASequenceIdFromTheSequenceNumber() {
        assertThat(ContactPointId.fromSequence(42).value()).startsWith("10000000042");
    }

    @ParameterizedTest
    @ValueSource(longs = {-1L, 90_000_000_000L, Long.MAX_VALUE, Long.MIN_VALUE})
    void shouldRejectASequenceNumberOutOfRange(long n) {
        InvalidValueException rejection = catchThrowableOfType(InvalidValueException.class,
                () -> ContactPointId.fromSequence(n));

        assertThat(rejection.field()).isEqualTo("ContactPoint ID");
        assertThat(rejection).hasMessageContaining("sequence number must be between 0 and 89999999999");
    }

    @Test
    void shouldFormatInGroupsOfFour() {
        assertThat(new ContactPointId(KNOWN_VALID).formatted()).isEqualTo("1234 5678 9018");
    }

    @Test
    void shouldReturnThePlainDigitsFromToString() {
        assertThat(new ContactPointId("1234-5678-9018")).hasToString(KNOWN_VALID);
    }

    @Property
    void everyGeneratedIdRoundTripsThroughItsFormattedForm(@ForAll long seed) {
        ContactPointId id = ContactPointId.generate(new SplittableRandom(seed));

        assertThat(new ContactPointId(id.formatted())).isEqualTo(id);
    }

    @Property
    void everySequenceNumberInRangeGivesAValidIdWithThatBody(
            @ForAll @LongRange(min = 0, max = 89_999_999_999L) long n) {
        ContactPointId id = ContactPointId.fromSequence(n);

        assertThat(id.value().substring(0, 11)).isEqualTo(Long.toString(10_000_000_000L + n));
        assertThat(new ContactPointId(id.formatted())).isEqualTo(id);
    }

    @Property
    void anyStringEitherValidatesToTwelveDigitsOrIsRejectedWithAnInvalidValueException(@ForAll String input) {
        assertValidOrRejected(input);
    }

    @Property
    void anyStringOfDigitsAndSeparatorsEitherValidatesOrIsRejectedWithAnInvalidValueException(
            @ForAll @NumericChars @Chars({' ', '-'}) @StringLength(max = 20) String input) {
        assertValidOrRejected(input);
    }

    private static void assertValidOrRejected(String input) {
        try {
            ContactPointId id = new ContactPointId(input);
            assertThat(id.value()).matches("[1-9][0-9]{11}");
            assertThat(new ContactPointId(id.value())).isEqualTo(id);
        } catch (InvalidValueException e) {
            assertThat(e.field()).isEqualTo("ContactPoint ID");
        }
    }

    private static void assertRejected(String mistyped, String original) {
        assertThatCode(() -> new ContactPointId(mistyped))
                .as("%s is a single mistake away from %s and must be rejected", mistyped, original)
                .isInstanceOf(InvalidValueException.class);
    }

    private static List<ContactPointId> generateFromSeed(long seed) {
        RandomGenerator random = new SplittableRandom(seed);
        List<ContactPointId> ids = new ArrayList<>();
        for (int n = 0; n < 50; n++) {
            ids.add(ContactPointId.generate(random));
        }
        return ids;
    }

    private static InvalidValueException rejectionOf(String input) {
        InvalidValueException rejection = catchThrowableOfType(InvalidValueException.class,
                () -> new ContactPointId(input));
        assertThat(rejection).as("expected a rejection").isNotNull();
        assertThat(rejection.field()).isEqualTo("ContactPoint ID");
        assertThat(rejection).hasMessageStartingWith("ContactPoint ID: ");
        return rejection;
    }
}
