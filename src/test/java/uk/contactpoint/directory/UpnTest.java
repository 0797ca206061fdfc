package uk.contactpoint.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class UpnTest {

    @ParameterizedTest
    // B801200005001 is the worked example published with python-stdnum; the others were computed
    // independently from the DfE rule (weights 2..13, mod 23, alphabet without I, O and S).
    @ValueSource(strings = {"B801200005001", "P207000016049", "P938202400001", "A000000000000", "F999999999999"})
    void shouldAcceptKnownValidPermanentUpns(String input) {
        assertThat(new Upn(input).value()).isEqualTo(input);
    }

    @ParameterizedTest
    @ValueSource(strings = {"X20112342501A", "H20112342501Z", "W33012345601T"})
    void shouldAcceptKnownValidTemporaryUpnsEndingInALetter(String input) {
        assertThat(new Upn(input).value()).isEqualTo(input);
    }

    @ParameterizedTest
    @ValueSource(strings = {"b801200005001", " B801 2000 05 001 ", "b 801 200 005 001", "B801200005001\n"})
    void shouldNormaliseToUpperCaseWithoutSpaces(String input) {
        assertThat(new Upn(input).value()).isEqualTo("B801200005001");
    }

    @Test
    void shouldNormaliseATemporaryUpnsFinalLetterToUpperCase() {
        assertThat(new Upn("x20112342501a").value()).isEqualTo("X20112342501A");
    }

    @ParameterizedTest
    @ValueSource(strings = {"A801200005001", "C801200005001", "B801200005002", "B810200005001", "I801200005001"})
    void shouldRejectAUpnWithTheWrongCheckLetter(String input) {
        assertThat(rejectionOf(input)).hasMessage(
                "UPN: the check letter does not match; check each character was typed correctly");
    }

    @ParameterizedTest
    @ValueSource(strings = {"W33012345601I", "W33012345601O", "W33012345601S"})
    void shouldRejectATemporaryUpnEndingInALetterThatIsNeverIssued(String input) {
        assertThat(rejectionOf(input)).hasMessageContaining("cannot end in I, O or S");
    }

    @ParameterizedTest
    @ValueSource(strings = {"X80120000A001", "1801200005001", "BB01200005001", "B8012000050AA"})
    void shouldRejectAUpnWithLettersOrDigitsInTheWrongPlaces(String input) {
        assertThat(rejectionOf(input)).hasMessageContaining("check letter followed by 11 digits");
    }

    @ParameterizedTest
    @ValueSource(strings = {"B80120000500", "B8012000050011", "B"})
    void shouldRejectAUpnOfTheWrongLength(String input) {
        assertThat(rejectionOf(input)).hasMessageContaining("must be 13 characters long");
    }

    @ParameterizedTest
    @ValueSource(strings = {"B801-2000-05001", "B80120000500\u0661", "B801200005001!", "\u0131801200005001"})
    void shouldRejectAUpnContainingAnythingButLettersAndDigits(String input) {
        assertThat(rejectionOf(input)).hasMessageContaining("only letters and digits");
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"  ", "\t"})
    void shouldRejectAMissingOrBlankUpnAsRequired(String input) {
        assertThat(rejectionOf(input)).hasMessageContaining("is required");
    }

    @ParameterizedTest
    @ValueSource(strings = {"A801200005001", "a801200005001", "W33012345601S", "X80120000A001", "B80120000500"})
    void shouldNotEchoTheRejectedUpnInTheMessage(String input) {
        assertThat(rejectionOf(input).getMessage())
                .doesNotContain(input)
                .doesNotContain(input.toUpperCase())
                .doesNotContain(input.substring(1));
    }

    @Test
    void shouldBuildAValidPermanentUpnFromItsParts() {
        assertThat(Upn.of(801, 2000, 5, 1).value()).isEqualTo("B801200005001");
        assertThat(Upn.of(938, 2024, 0, 1).value()).isEqualTo("P938202400001");
    }

    @Test
    void shouldZeroPadEachPartOfABuiltUpn() {
        assertThat(Upn.of(201, 1, 24, 7).value()).isEqualTo("E201000124007");
        assertThat(Upn.of(0, 0, 0, 0).value()).isEqualTo("A000000000000");
    }

    @Test
    void shouldRejectPartsThatDoNotFitTheirWidth() {
        assertThat(rejectionOfParts(1000, 2000, 5, 1)).hasMessageContaining("local authority number");
        assertThat(rejectionOfParts(801, 10000, 5, 1)).hasMessageContaining("establishment number");
        assertThat(rejectionOfParts(801, 2000, 100, 1)).hasMessageContaining("year");
        assertThat(rejectionOfParts(801, 2000, 5, 1000)).hasMessageContaining("serial number");
        assertThat(rejectionOfParts(-1, 2000, 5, 1)).hasMessageContaining("local authority number");
    }

    @Test
    void shouldReturnTheUpnFromToString() {
        assertThat(new Upn("b801200005001")).hasToString("B801200005001");
    }

    @Property
    void everyBuiltUpnRoundTripsThroughLowerCaseAndSpacedInput(
            @ForAll @IntRange(min = 0, max = 999) int laNumber,
            @ForAll @IntRange(min = 0, max = 9999) int establishment,
            @ForAll @IntRange(min = 0, max = 99) int year2,
            @ForAll @IntRange(min = 0, max = 999) int serial) {
        Upn upn = Upn.of(laNumber, establishment, year2, serial);
        String spaced = upn.value().substring(0, 4) + " " + upn.value().substring(4, 8) + " " + upn.value().substring(8);

        assertThat(new Upn(spaced.toLowerCase())).isEqualTo(upn);
    }

    @Property
    void everySingleDigitSubstitutionInABuiltUpnIsRejected(
            @ForAll @IntRange(min = 0, max = 999) int laNumber,
            @ForAll @IntRange(min = 0, max = 9999) int establishment,
            @ForAll @IntRange(min = 0, max = 99) int year2,
            @ForAll @IntRange(min = 0, max = 999) int serial) {
        String valid = Upn.of(laNumber, establishment, year2, serial).value();
        for (int position = 1; position < valid.length(); position++) {
            for (char digit = '0'; digit <= '9'; digit++) {
                if (digit == valid.charAt(position)) {
                    continue;
                }
                String mistyped = valid.substring(0, position) + digit + valid.substring(position + 1);
                assertThatCode(() -> new Upn(mistyped)).isInstanceOf(InvalidValueException.class);
            }
        }
    }

    @Property
    void anyStringEitherValidatesOrIsRejectedWithAnInvalidValueException(@ForAll String input) {
        try {
            Upn upn = new Upn(input);
            assertThat(upn.value()).matches("[A-Z][0-9]{11}[0-9A-Z]");
        } catch (InvalidValueException e) {
            assertThat(e.field()).isEqualTo("UPN");
        }
    }

    private static InvalidValueException rejectionOfParts(int laNumber, int establishment, int year2, int serial) {
        InvalidValueException rejection = catchThrowableOfType(InvalidValueException.class,
                () -> Upn.of(laNumber, establishment, year2, serial));
        assertThat(rejection).as("expected a rejection").isNotNull();
        assertThat(rejection.field()).isEqualTo("UPN");
        return rejection;
    }

    private static InvalidValueException rejectionOf(String input) {
        InvalidValueException rejection = catchThrowableOfType(InvalidValueException.class, () -> new Upn(input));
        assertThat(rejection).as("expected a rejection").isNotNull();
        assertThat(rejection.field()).isEqualTo("UPN");
        assertThat(rejection).hasMessageStartingWith("UPN: ");
        return rejection;
    }
}
