package uk.contactpoint.linkage;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;

class StandardisationTest {

    private final Standardiser standardiser = new Standardiser();

    private Standardised standardise(String given, String family) {
        return standardiser.standardise(new LinkageRecord("1", given, family, null, null, null, null, null, null));
    }

    @Test
    void shouldFoldCasePunctuationAndDiacritics() {
        assertThat(Text.fold("  ZOË-Ann  ")).isEqualTo("zoe ann");
        assertThat(Text.fold("O'Brien")).isEqualTo("obrien");
        assertThat(Text.fold("Søren Łukasz")).isEqualTo("soren lukasz");
        assertThat(Text.fold(" - ")).isNull();
        assertThat(Text.fold(null)).isNull();
    }

    @Test
    void shouldSplitForenameFromMiddleNamesAndDropTitles() {
        Standardised s = standardise("Miss Mary-Jane  Alice", "Smith");

        assertThat(s.forename).isEqualTo("mary");
        assertThat(s.givenTokens).containsExactly("mary", "jane", "alice");
    }

    @Test
    void shouldKeepEverySurnameTokenOfDoubleBarrelledNames() {
        Standardised s = standardise("Amy", "Robbins-McLain");

        assertThat(s.familyTokens).containsExactly("robbins", "mclain");
        assertThat(s.family).isEqualTo("robbinsmclain");
        assertThat(s.familyTokenCodes).hasSize(2);
    }

    @Test
    void shouldGiveSoundAlikeNamesTheSamePhoneticCode() {
        assertThat(standardise("Catherine", "Smith").forenameCode).isEqualTo(standardise("Kathryn", "Smyth").forenameCode);
        assertThat(standardise("A", "Smith").familyCode).isEqualTo(standardise("A", "Smyth").familyCode);
    }

    @Test
    void shouldKnowNicknamesAndVariantsFromTheReferenceTables() {
        NameVariants variants = NameVariants.get();

        assertThat(variants.forenameVariants(variants.id("bob"), variants.id("robert"))).isTrue();
        assertThat(variants.forenameVariants(variants.id("robert"), variants.id("bob"))).isTrue();
        assertThat(variants.forenameVariants(variants.id("bob"), variants.id("alice"))).isFalse();
        assertThat(variants.surnameVariants(variants.id("allen"), variants.id("allon"))).isTrue();
        assertThat(variants.id("no-such-name-here")).isEqualTo(NameVariants.NONE);
    }

    @Test
    void shouldNormaliseUkPostcodesAndKeepOthersAsText() {
        Standardised uk = standardiser.standardise(new LinkageRecord("1", null, null, null, null, " ls1 4ap", null,
                null, null));
        Standardised other = standardiser.standardise(new LinkageRecord("1", null, null, null, null, "2600", null,
                null, null));

        assertThat(uk.postcode).isEqualTo("LS1 4AP");
        assertThat(uk.ukPostcode).isTrue();
        assertThat(uk.outward).isEqualTo("LS1");
        assertThat(uk.sector).isEqualTo("LS14");
        assertThat(other.postcode).isEqualTo("2600");
        assertThat(other.ukPostcode).isFalse();
    }

    @Test
    void shouldTreatAPlaceholderDateOfBirthAsMissing() {
        Standardised placeholder = standardiser.standardise(new LinkageRecord("1", null, null, LocalDate.of(1900, 1, 1),
                null, null, null, null, null));
        Standardised real = standardiser.standardise(new LinkageRecord("1", null, null, LocalDate.of(2015, 3, 4),
                null, null, null, null, null));

        assertThat(placeholder.hasDob()).isFalse();
        assertThat(real.hasDob()).isTrue();
        assertThat(real.dobDigits).isEqualTo("20150304");
    }

    @Test
    void shouldFlagFirstOfJanuaryAsAPlaceholderWhenFarTooFrequent() {
        List<LinkageRecord> records = new java.util.ArrayList<>();
        for (int i = 0; i < 400; i++) {
            records.add(new LinkageRecord("r" + i, null, null, LocalDate.of(2010, 1, 1).plusDays(i % 300 + 1), null,
                    null, null, null, null));
        }
        for (int i = 0; i < 40; i++) {
            records.add(new LinkageRecord("j" + i, null, null, LocalDate.of(2000 + i % 10, 1, 1), null, null, null,
                    null, null));
        }
        Standardised[] s = records.stream().map(standardiser::standardise).toArray(Standardised[]::new);

        RecordLinker.Placeholders placeholders = RecordLinker.Placeholders.find(s);
        placeholders.apply(s);

        assertThat(placeholders.janFirst()).isTrue();
        assertThat(s[400].hasDob()).isFalse();
        assertThat(s[0].hasDob()).isTrue();
    }

    @Test
    void shouldNotFlagFirstOfJanuaryWhenItIsAsCommonAsAnyDay() {
        List<LinkageRecord> records = new java.util.ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            records.add(new LinkageRecord("r" + i, null, null, LocalDate.of(2010, 1, 1).plusDays(i % 1500), null,
                    null, null, null, null));
        }
        Standardised[] s = records.stream().map(standardiser::standardise).toArray(Standardised[]::new);

        assertThat(RecordLinker.Placeholders.find(s).janFirst()).isFalse();
    }

    @Test
    void shouldValidateNhsNumbersByModulus11AndOtherIdentifiersByForm() {
        assertThat(new Identifier("nhs_number", "943 476 5919").validity()).isEqualTo(Identifier.Validity.VERIFIED);
        assertThat(new Identifier("nhs_number", "9434765918").validity()).isEqualTo(Identifier.Validity.INVALID);
        assertThat(new Identifier("NHS", "12345").validity()).isEqualTo(Identifier.Validity.INVALID);
        assertThat(new Identifier("upn", "A801200100123").validity()).isEqualTo(Identifier.Validity.PLAUSIBLE);
        assertThat(new Identifier("soc_sec_id", "0000000").validity()).isEqualTo(Identifier.Validity.INVALID);
        assertThat(new Identifier("upn", " ").validity()).isEqualTo(Identifier.Validity.INVALID);
        assertThat(new Identifier("nhs_number", "9434765919").toString()).doesNotContain("9434765919");
    }

    @Test
    void shouldParseDatesStrictlyAndCountUnreadableOnesAsMissing() {
        DateParser iso = DateParser.of(DateParser.ISO);
        DateParser compact = DateParser.of("yyyyMMdd");
        DateParser british = DateParser.of("dd/MM/yyyy");
        DateParser named = DateParser.of("d MMM yyyy");

        assertThat(iso.parse(" 2015-03-04 ")).isEqualTo(LocalDate.of(2015, 3, 4));
        assertThat(iso.parse("2015-02-30")).isNull();
        assertThat(iso.parse("2015-3-4")).isNull();
        assertThat(iso.parse("")).isNull();
        assertThat(compact.parse("19940201")).isEqualTo(LocalDate.of(1994, 2, 1));
        assertThat(compact.parse("1994021")).isNull();
        assertThat(british.parse("04/03/2015")).isEqualTo(LocalDate.of(2015, 3, 4));
        assertThat(named.parse("4 Mar 2015")).isEqualTo(LocalDate.of(2015, 3, 4));
        assertThat(named.parse("31 Feb 2015")).isNull();
    }

    @Test
    void shouldReadSexInAnyCaseAndTreatTheRestAsUnknown() {
        assertThat(Sex.parse(" m ")).isEqualTo(Sex.MALE);
        assertThat(Sex.parse("Female")).isEqualTo(Sex.FEMALE);
        assertThat(Sex.parse("U")).isEqualTo(Sex.UNKNOWN);
        assertThat(Sex.parse(null)).isEqualTo(Sex.UNKNOWN);
    }

    @Test
    void shouldMeasureStringsAsJaroWinklerAndOneEdit() {
        assertThat(Text.jaroWinkler("martha", "marhta")).isCloseTo(0.961, org.assertj.core.data.Offset.offset(0.001));
        assertThat(Text.jaroWinkler("dixon", "dicksonx")).isCloseTo(0.813, org.assertj.core.data.Offset.offset(0.001));
        assertThat(Text.jaroWinkler("abc", "xyz")).isZero();
        assertThat(Text.oneEdit("20150304", "20150340")).isTrue();
        assertThat(Text.oneEdit("smith", "smth")).isTrue();
        assertThat(Text.oneEdit("smith", "smiths")).isTrue();
        assertThat(Text.oneEdit("smith", "smyth")).isTrue();
        assertThat(Text.oneEdit("smith", "smiht")).isTrue();
        assertThat(Text.oneEdit("smith", "simth")).isTrue();
        assertThat(Text.oneEdit("smith", "smith")).isFalse();
        assertThat(Text.oneEdit("smith", "jones")).isFalse();
        assertThat(Text.oneEdit("abcd", "badc")).isFalse();
    }
}
