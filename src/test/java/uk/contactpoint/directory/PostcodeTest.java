package uk.contactpoint.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.StringLength;
import net.jqwik.api.constraints.UpperChars;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class PostcodeTest {

    @ParameterizedTest
    @ValueSource(strings = {"SW1A 1AA", "EC1A 1BB", "W1A 0AX", "M1 1AE", "B33 8TH", "CR2 6XH", "DN55 1PT", "N1P 4AA"})
    void shouldAcceptRealPostcodesOfEveryOutwardShape(String input) {
        assertThat(new Postcode(input).value()).isEqualTo(input);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "sw1a1aa      | SW1A 1AA",
            "'  Sw1A 1aA '| SW1A 1AA",
            "SW1A  1AA    | SW1A 1AA",
            "S W 1 A 1 A A| SW1A 1AA",
            "m11ae        | M1 1AE",
            "ec1a\t1bb    | EC1A 1BB",
    })
    void shouldNormaliseToUpperCaseWithOneSpaceBeforeTheInwardCode(String input, String expected) {
        assertThat(new Postcode(input).value()).isEqualTo(expected);
    }

    @Test
    void shouldNormaliseANonBreakingSpaceFromPastedText() {
        assertThat(new Postcode("SW1A\u00a01AA").value()).isEqualTo("SW1A 1AA");
    }

    @ParameterizedTest
    @ValueSource(strings = {"SW1A", "SW1A 1A", "SW1A 1AAA", "1SW 1AA", "ABC 1AA", "SW1A AAA", "SW1A 11A", "SWA 1AA",
            "SW12A 1AA"})
    void shouldRejectSomethingThatIsNotAFullPostcode(String input) {
        assertThat(rejectionOf(input)).hasMessageContaining("must be a full UK postcode");
    }

    @ParameterizedTest
    @ValueSource(strings = {"SW1A-1AA", "SW1A 1AA.", "SW1A 1\u00c5A", "\u0131P1 1AA"})
    void shouldRejectAPostcodeContainingPunctuationOrNonLatinLetters(String input) {
        assertThat(rejectionOf(input)).hasMessageContaining("only letters, digits and spaces");
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"   ", "\n"})
    void shouldRejectAMissingOrBlankPostcodeAsRequired(String input) {
        assertThat(rejectionOf(input)).hasMessageContaining("is required");
    }

    @ParameterizedTest
    @ValueSource(strings = {"B33 8T", "CR2 6XHH", "DN55-1PT", "LS99 9ZZZ", "ZZ9Z 9Z"})
    void shouldNotEchoTheRejectedPostcodeInTheMessage(String input) {
        assertThat(rejectionOf(input).getMessage())
                .doesNotContain(input)
                .doesNotContain(input.replace(" ", ""));
    }

    @ParameterizedTest
    @CsvSource({
            "SW1A 1AA, SW1A, SW1A 1, SW",
            "M1 1AE,   M1,   M1 1,   M",
            "B33 8TH,  B33,  B33 8,  B",
            "EC1A 1BB, EC1A, EC1A 1, EC",
            "W1A 0AX,  W1A,  W1A 0,  W",
            "DN55 1PT, DN55, DN55 1, DN",
    })
    void shouldSplitAPostcodeIntoOutwardCodeDistrictSectorAndArea(
            String postcode, String outward, String sector, String area) {
        Postcode parsed = new Postcode(postcode);

        assertThat(parsed.outward()).isEqualTo(outward);
        assertThat(parsed.district()).isEqualTo(outward);
        assertThat(parsed.sector()).isEqualTo(sector);
        assertThat(parsed.area()).isEqualTo(area);
    }

    @Test
    void shouldReturnTheNormalisedPostcodeFromToString() {
        assertThat(new Postcode("sw1a1aa")).hasToString("SW1A 1AA");
    }

    @Property
    void everyWellFormedPostcodeNormalisesTheSameWayWhateverItsSpacingAndCase(
            @ForAll @UpperChars @StringLength(min = 1, max = 2) String area,
            @ForAll @IntRange(min = 0, max = 9) int districtDigit,
            @ForAll @IntRange(min = 0, max = 9) int sectorDigit,
            @ForAll @UpperChars @StringLength(2) String unit) {
        String outward = area + districtDigit;
        String canonical = outward + " " + sectorDigit + unit;

        Postcode postcode = new Postcode(" " + (outward + sectorDigit + unit).toLowerCase() + " ");

        assertThat(postcode.value()).isEqualTo(canonical);
        assertThat(postcode.area()).isEqualTo(area);
        assertThat(postcode.outward()).isEqualTo(outward);
        assertThat(postcode.sector()).isEqualTo(outward + " " + sectorDigit);
    }

    @Property
    void anyStringEitherValidatesOrIsRejectedWithAnInvalidValueException(@ForAll String input) {
        try {
            Postcode postcode = new Postcode(input);
            assertThat(new Postcode(postcode.value())).isEqualTo(postcode);
        } catch (InvalidValueException e) {
            assertThat(e.field()).isEqualTo("Postcode");
        }
    }

    private static InvalidValueException rejectionOf(String input) {
        InvalidValueException rejection = catchThrowableOfType(InvalidValueException.class,
                () -> new Postcode(input));
        assertThat(rejection).as("expected a rejection").isNotNull();
        assertThat(rejection.field()).isEqualTo("Postcode");
        assertThat(rejection).hasMessageStartingWith("Postcode: ");
        return rejection;
    }
}
