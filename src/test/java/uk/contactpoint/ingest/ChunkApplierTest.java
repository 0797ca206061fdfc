package uk.contactpoint.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import uk.contactpoint.directory.AddressKey;
import uk.contactpoint.linkage.Identifier;
import uk.contactpoint.linkage.LinkageRecord;
import uk.contactpoint.linkage.Sex;

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

    @Test
    void shouldBlankTheAddressOfRowsAtAnExcludedAddressAndKeepEverythingElse() {
        List<Identifier> nhs = List.of(new Identifier("nhs_number", "9990000018"));
        LinkageRecord refuge = new LinkageRecord("nhs:2", "Ada", "Lovelace", LocalDate.of(2015, 1, 2), Sex.FEMALE,
                "LS6 2AB", "Flat 3, 12 Oak Rd", "Leeds", nhs);
        LinkageRecord nextDoor = new LinkageRecord("nhs:3", "Ben", "Lovelace", LocalDate.of(2013, 1, 2), Sex.MALE,
                "LS6 2AB", "14 Oak Road", "Leeds", List.of());
        List<LinkageRecord> rows = new ArrayList<>(List.of(refuge, nextDoor));

        ChunkApplier.blank(rows, Set.of(AddressKey.of("12 Oak Road", "ls62ab").orElseThrow()));

        assertThat(rows.get(0).postcode()).isNull();
        assertThat(rows.get(0).address()).isNull();
        assertThat(rows.get(0).locality()).isNull();
        assertThat(rows.get(0)).usingRecursiveComparison().ignoringFields("postcode", "address", "locality").isEqualTo(refuge);
        assertThat(rows.get(1)).isEqualTo(nextDoor);
    }
}
