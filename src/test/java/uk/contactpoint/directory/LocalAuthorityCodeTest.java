package uk.contactpoint.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.Locale;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class LocalAuthorityCodeTest {

    @ParameterizedTest
    // Hartlepool (unitary), Birmingham (metropolitan), Westminster (London borough), Hampshire (county).
    @ValueSource(strings = {"E06000001", "E08000025", "E09000033", "E10000014"})
    void shouldAcceptTheCodeOfEachKindOfUpperTierAuthority(String input) {
        assertThat(new LocalAuthorityCode(input).value()).isEqualTo(input);
    }

    @ParameterizedTest
    @ValueSource(strings = {"e09000033", " E09000033 ", "e09000033\n"})
    void shouldNormaliseToUpperCaseWithoutSurroundingSpace(String input) {
        assertThat(new LocalAuthorityCode(input).value()).isEqualTo("E09000033");
    }

    @ParameterizedTest
    // A lower-tier district, a Welsh and a Scottish council, a ward, a region, wrong lengths, a register alias.
    @ValueSource(strings = {"E07000223", "W06000015", "S12000036", "E05000644", "E12000007", "E0900003", "E090000330",
            "WSM", "E11000001", "EO9000033"})
    void shouldRejectAnythingButAnEnglishUpperTierGssCode(String input) {
        assertThat(rejectionOf(input)).hasMessageContaining("English upper-tier authority");
    }

    @ParameterizedTest
    @ValueSource(strings = {"E09 000033", "E09-000033", "E09\u0660\u0660\u0660\u0660\u0663\u0663"})
    void shouldRejectACodeContainingSeparatorsOrNonLatinDigits(String input) {
        assertThat(rejectionOf(input)).hasMessageContaining("only letters and digits");
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"  ", "\t"})
    void shouldRejectAMissingOrBlankCodeAsRequired(String input) {
        assertThat(rejectionOf(input)).hasMessageContaining("is required");
    }

    @ParameterizedTest
    @ValueSource(strings = {"E07000223", "W06000015", "e05000644", "E0900012"})
    void shouldNotEchoTheRejectedCodeInTheMessage(String input) {
        assertThat(rejectionOf(input).getMessage())
                .doesNotContain(input)
                .doesNotContain(input.toUpperCase());
    }

    @Test
    void shouldReturnTheCodeFromToString() {
        assertThat(new LocalAuthorityCode("e09000033")).hasToString("E09000033");
    }

    @Property
    void everyUpperTierPrefixFollowedBySixDigitsIsAccepted(
            @ForAll("upperTierPrefixes") String prefix,
            @ForAll @IntRange(min = 0, max = 999_999) int number) {
        String code = prefix + String.format(Locale.ROOT, "%06d", number);

        assertThat(new LocalAuthorityCode(code.toLowerCase()).value()).isEqualTo(code);
    }

    @Provide
    Arbitrary<String> upperTierPrefixes() {
        return Arbitraries.of("E06", "E08", "E09", "E10");
    }

    @Property
    void anyStringEitherValidatesOrIsRejectedWithAnInvalidValueException(@ForAll String input) {
        try {
            LocalAuthorityCode code = new LocalAuthorityCode(input);
            assertThat(code.value()).matches("E(06|08|09|10)[0-9]{6}");
        } catch (InvalidValueException e) {
            assertThat(e.field()).isEqualTo("Local authority code");
        }
    }

    private static InvalidValueException rejectionOf(String input) {
        InvalidValueException rejection = catchThrowableOfType(InvalidValueException.class,
                () -> new LocalAuthorityCode(input));
        assertThat(rejection).as("expected a rejection").isNotNull();
        assertThat(rejection.field()).isEqualTo("Local authority code");
        assertThat(rejection).hasMessageStartingWith("Local authority code: ");
        return rejection;
    }
}
