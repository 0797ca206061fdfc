package uk.contactpoint.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ChunkApplierTest {

    @Test
    void shouldSayMiddleNamesDifferOnlyWhenBothGiveThemAndNoneSharesAnInitial() {
        assertThat(ChunkApplier.middleNamesDiffer("Oliver", "Leon")).isTrue();
        assertThat(ChunkApplier.middleNamesDiffer("Charlie Frederick", "Dougie")).isTrue();
        assertThat(ChunkApplier.middleNamesDiffer("Daisy", "daisy")).isFalse();
        assertThat(ChunkApplier.middleNamesDiffer("Daisy", "D")).isFalse();
        assertThat(ChunkApplier.middleNamesDiffer("Anne-Marie", "Mary")).isFalse();
        assertThat(ChunkApplier.middleNamesDiffer("Hasnain Alaric", "Alaric")).isFalse();
        assertThat(ChunkApplier.middleNamesDiffer(null, "Leon")).isFalse();
        assertThat(ChunkApplier.middleNamesDiffer("Leon", "  ")).isFalse();
    }
}
