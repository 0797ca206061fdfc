package uk.contactpoint.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

class SealedValuesTest {

    @Test
    void shouldGiveBackEveryValueAsItWentInSeparatorsAndNonesIncluded() {
        String[] values = {"Flat 2: 10 High Street", null, "", "-", "3:abc", "Ünïcödé town", null};

        String encoded = SealedValues.encode(values);

        assertThat(SealedValues.decode(encoded, values.length)).containsExactly(values);
        assertThat(SealedValues.decode(SealedValues.encode())).isEmpty();
    }

    @Test
    void shouldRefuseTextItDidNotMakeOrTheWrongNumberOfValues() {
        assertThatThrownBy(() -> SealedValues.decode("forename=Zebedee;")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SealedValues.decode("9:short")).isInstanceOf(IllegalArgumentException.class);
        String two = SealedValues.encode("a", "b");
        assertThatThrownBy(() -> SealedValues.decode(two, 3)).isInstanceOf(IllegalArgumentException.class);
        assertThat(Arrays.asList(SealedValues.decode(two, 2))).containsExactly("a", "b");
    }
}
