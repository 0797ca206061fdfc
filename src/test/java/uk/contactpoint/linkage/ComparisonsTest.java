package uk.contactpoint.linkage;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;

/** One pair per comparison level, so each level is known to be reachable and means what its name says. */
class ComparisonsTest {

    private final Standardiser standardiser = new Standardiser();

    private Standardised names(String given, String family) {
        return standardiser.standardise(new LinkageRecord("x", given, family, null, null, null, null, null, null));
    }

    private Standardised born(LocalDate dob) {
        return standardiser.standardise(new LinkageRecord("x", null, null, dob, null, null, null, null, null));
    }

    private Standardised at(String postcode, String address, String locality) {
        return standardiser.standardise(new LinkageRecord("x", null, null, null, null, postcode, address, locality,
                null));
    }

    private Standardised ids(Identifier... identifiers) {
        return standardiser.standardise(new LinkageRecord("x", null, null, null, null, null, null, null,
                List.of(identifiers)));
    }

    private static String givenLevel(Standardised a, Standardised b) {
        int level = Comparisons.given(a, b);
        return level == Comparisons.NULL ? "null" : Comparisons.LEVELS[Comparisons.GIVEN][level];
    }

    private static String familyLevel(Standardised a, Standardised b) {
        int level = Comparisons.family(a, b);
        return level == Comparisons.NULL ? "null" : Comparisons.LEVELS[Comparisons.FAMILY][level];
    }

    @Test
    void shouldGradeGivenNames() {
        assertThat(givenLevel(names("Oliver", "Smith"), names("OLIVER", "Smith"))).isEqualTo("exact");
        assertThat(givenLevel(names("Martha", "Smith"), names("Marhta", "Smith"))).isEqualTo("jaro_winkler_0.95");
        assertThat(givenLevel(names("Jon", "Smith"), names("John", "Smith"))).isEqualTo("jaro_winkler_0.88");
        assertThat(givenLevel(names("Bob", "Smith"), names("Robert", "Smith"))).isEqualTo("variant_or_nickname");
        assertThat(givenLevel(names("Ann", "Smith"), names("Lucy Ann", "Smith"))).isEqualTo("forename_is_middle_name");
        assertThat(givenLevel(names("Zofia", "Smith"), names("Sophia", "Smith"))).isEqualTo("phonetic");
        assertThat(givenLevel(names("J", "Smith"), names("Jessica", "Smith"))).isEqualTo("initial");
        assertThat(givenLevel(names("Smith", "Oliver"), names("Oliver", "Smith"))).isEqualTo("swapped_with_family_name");
        assertThat(givenLevel(names("Oliver", "Smith"), names("George", "Smith"))).isEqualTo("else");
        assertThat(givenLevel(names(null, "Smith"), names("George", "Smith"))).isEqualTo("null");
    }

    @Test
    void shouldNotCountTheFamilyNameTwiceWhenNamesAreSwapped() {
        long pattern = Comparisons.pattern(names("Smith", "Oliver"), names("Oliver", "Smith"));

        assertThat(Comparisons.level(pattern, Comparisons.FAMILY)).isEqualTo(Comparisons.NULL);
    }

    @Test
    void shouldGradeFamilyNames() {
        assertThat(familyLevel(names("A", "O'Brien"), names("A", "OBRIEN"))).isEqualTo("exact");
        assertThat(familyLevel(names("A", "Ako T"), names("A", "Akot"))).isEqualTo("exact");
        assertThat(familyLevel(names("A", "Robinson"), names("A", "Robinsen"))).isEqualTo("jaro_winkler_0.95");
        assertThat(familyLevel(names("A", "Robbins-McLain"), names("A", "McLain"))).isEqualTo("shared_token");
        assertThat(familyLevel(names("A", "Thompson"), names("A", "Thomsen"))).isEqualTo("jaro_winkler_0.88");
        assertThat(familyLevel(names("A", "Adams"), names("A", "Adamson"))).isIn("variant", "jaro_winkler_0.88");
        assertThat(familyLevel(names("A", "Allen"), names("A", "Allon"))).isIn("variant", "jaro_winkler_0.88");
        assertThat(familyLevel(names("A", "Dixon"), names("A", "Dickson"))).isEqualTo("phonetic");
        assertThat(familyLevel(names("A", "Smith"), names("A", "Jones"))).isEqualTo("else");
    }

    @Test
    void shouldFindSurnameVariantsTheSimilarityMisses() {
        // allen ~ allan is in the table; a pair the table knows but Jaro-Winkler rates low reaches "variant"
        Standardised a = names("A", "Allen");
        Standardised b = names("A", "Allan");
        assertThat(Comparisons.family(a, b)).isLessThan(6);
    }

    @Test
    void shouldGradeDatesOfBirth() {
        LocalDate d = LocalDate.of(2015, 3, 4);
        assertThat(Comparisons.dob(born(d), born(d))).isEqualTo(0);
        assertThat(Comparisons.dob(born(d), born(LocalDate.of(2015, 4, 3)))).isEqualTo(1);
        assertThat(Comparisons.dob(born(d), born(LocalDate.of(2015, 3, 8)))).isEqualTo(2);
        assertThat(Comparisons.dob(born(d), born(LocalDate.of(2016, 3, 4)))).isEqualTo(2);
        assertThat(Comparisons.dob(born(d), born(LocalDate.of(2015, 2, 20)))).isEqualTo(3);
        assertThat(Comparisons.dob(born(d), born(LocalDate.of(2014, 9, 20)))).isEqualTo(4);
        assertThat(Comparisons.dob(born(d), born(LocalDate.of(2011, 9, 20)))).isEqualTo(Comparisons.DOB_ELSE);
        assertThat(Comparisons.dob(born(d), born(null))).isEqualTo(Comparisons.NULL);
    }

    @Test
    void shouldGradePostcodesByUnitSectorAndDistrictAndOthersAsText() {
        assertThat(Comparisons.postcode(at("LS1 4AP", null, null), at("ls14ap", null, null))).isEqualTo(0);
        assertThat(Comparisons.postcode(at("LS1 4AP", null, null), at("LS1 4BX", null, null))).isEqualTo(1);
        assertThat(Comparisons.postcode(at("LS1 4AP", null, null), at("LS1 6QT", null, null))).isEqualTo(2);
        assertThat(Comparisons.postcode(at("LS1 4AP", null, null), at("LS2 4AP", null, null))).isEqualTo(3);
        assertThat(Comparisons.postcode(at("LS1 4AP", null, null), at("M1 1AA", null, null))).isEqualTo(4);
        assertThat(Comparisons.postcode(at("2600", null, null), at("2600", null, null))).isEqualTo(0);
        assertThat(Comparisons.postcode(at("2600", null, null), at("2060", null, null))).isEqualTo(3);
        assertThat(Comparisons.postcode(at("2600", null, null), at("4000", null, null))).isEqualTo(4);
    }

    @Test
    void shouldGradeAddressesAndLocalities() {
        assertThat(Comparisons.address(at(null, "12 High Street", null), at(null, "12 high st.", null))).isEqualTo(1);
        assertThat(Comparisons.address(at(null, "12 High Street", null), at(null, "12, High Street", null))).isEqualTo(0);
        assertThat(Comparisons.address(at(null, "12 High Street", null), at(null, "Flat 3, Rose Court", null)))
                .isEqualTo(3);
        assertThat(Comparisons.locality(at(null, null, "Leeds"), at(null, null, "LEEDS"))).isEqualTo(0);
        assertThat(Comparisons.locality(at(null, null, "Bradford"), at(null, null, "Bradfrod"))).isEqualTo(1);
        assertThat(Comparisons.locality(at(null, null, "Leeds"), at(null, null, "York"))).isEqualTo(2);
    }

    @Test
    void shouldGradeIdentifiersOfTheSameKindOnly() {
        Identifier nhs = new Identifier("nhs_number", "9434765919");
        assertThat(Comparisons.identifier(ids(nhs), ids(new Identifier("nhs_number", "943 476 5919")))).isEqualTo(0);
        assertThat(Comparisons.identifier(ids(new Identifier("ref", "5316859")), ids(new Identifier("ref", "5316895"))))
                .isEqualTo(1);
        assertThat(Comparisons.identifier(ids(new Identifier("ref", "5316859")), ids(new Identifier("ref", "1234567"))))
                .isEqualTo(2);
        assertThat(Comparisons.identifier(ids(nhs), ids(new Identifier("upn", "9434765919")))).isEqualTo(Comparisons.NULL);
    }

    @Test
    void shouldNotReadSequentialIdsAsATypo() {
        // twins registered together get consecutive numbers from some suppliers
        assertThat(Comparisons.identifier(ids(new Identifier("ref", "1000234")), ids(new Identifier("ref", "1000235"))))
                .isEqualTo(2);
    }
}
