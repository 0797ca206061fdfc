package uk.contactpoint.synthetic;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

import uk.contactpoint.directory.NhsNumber;

class FixtureNhsNumbersTest {

    @Test
    void shouldNeverDrawANumberADemoPopulationHoldsOrTheSameNumberTwice() {
        Set<String> demo = new HashSet<>();
        for (int i = 0; i < DemoPopulation.MAX_CHILDREN; i++) {
            demo.add(SyntheticIdentifiers.nhsNumber(i));
        }
        Set<String> drawn = new HashSet<>();
        for (int i = 0; i < 20_000; i++) {
            NhsNumber number = FixtureNhsNumbers.next();
            assertThat(number.isSynthetic()).isTrue();
            assertThat(demo.contains(number.value())).as("a demo number: %s", number).isFalse();
            assertThat(drawn.add(number.value())).as("drawn twice: %s", number).isTrue();
        }
    }
}
