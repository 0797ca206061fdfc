package uk.contactpoint.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import java.io.IOException;
import java.io.StringReader;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import uk.contactpoint.directory.ServiceType;
import uk.contactpoint.ingest.FeedRecord.Consent;
import uk.contactpoint.linkage.Identifier;
import uk.contactpoint.linkage.LinkageRecord;
import uk.contactpoint.linkage.Sex;

/** Each feed with good rows and one row per kind of reject, read from hand-written CSV. */
class FeedReaderTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 3, 15);
    private static final String NHS = "9993018147";
    private static final String NHS_BAD_CHECK_DIGIT = "9993018148";
    private static final String UPN = "J383200120007";
    private static final String UPN_BAD_CHECK_LETTER = "K383200120007";
    private static final String LONG = "x".repeat(FeedValidator.MAX_LENGTH + 1);

    private static List<FeedRow> read(FeedSource source, String... rows) throws IOException {
        StringBuilder text = new StringBuilder(String.join(",", source.header())).append('\n');
        for (String row : rows) {
            text.append(row).append('\n');
        }
        List<FeedRow> out = new ArrayList<>();
        try (FeedReader reader = FeedReader.of(source, new StringReader(text.toString()), TODAY)) {
            FeedRow row;
            while ((row = reader.next()) != null) {
                out.add(row);
            }
        }
        return out;
    }

    private static Map<Long, String> rejects(List<FeedRow> rows) {
        Map<Long, String> out = new LinkedHashMap<>();
        for (FeedRow row : rows) {
            if (row instanceof Reject reject) {
                out.put(reject.row(), reject.field());
            }
        }
        return out;
    }

    private static FeedRecord record(List<FeedRow> rows, long row) {
        return (FeedRecord) rows.stream().filter(r -> r.row() == row).findFirst().orElseThrow();
    }

    @Test
    void shouldReadBirthsAndRejectEachMalformedRowWithItsField() throws IOException {
        String tail = ",Leeds General Infirmary,Jane,Smith,John,Smith,\"1 High Street, Flat 2\",,Leeds,ls1 4ap,2025-06-20";
        List<FeedRow> rows = read(FeedSource.BIRTHS,
                " R1 ,Amelia,Rose,Smith,F,2025-06-01" + tail,
                "R2,,,Smith,,2025-06-01,Leeds,Jane,Smith,,,1 High Street,,Leeds,,2025-06-20",
                "R3,Amelia,,Smith,F,2025-13-05" + tail,
                "R4,Amelia,,Smith,F,2025-02-30" + tail,
                "R5,Amelia,,Smith,F,2025-06-01,Leeds,Jane,Smith,John,Smith,1 High Street,,Leeds,LS1 4AP",
                "R6,Amelia,,,F,2025-06-01" + tail,
                "R7,Amelia,,Smith,X,2025-06-01" + tail,
                "R8,Amelia,,Smith,F,2026-04-01" + tail,
                "R9,Amelia,,Smith,F,2000-01-01" + tail,
                "R10,Amelia,,Smith,F,2025-06-01," + LONG + ",Jane,Smith,John,Smith,1 High Street,,Leeds,LS1 4AP,2025-06-20",
                "R11,Amelia,,Smith,F,2025-06-01,Leeds,Jane,Smith,,,1 High Street,,Leeds,NOT A POSTCODE,2025-06-20",
                "R12,Amelia,,Smith,F,2025-06-01,Leeds,Jane,Smith,,,1 High Street,,Leeds,LS1 4AP,20/06/2025");

        assertThat(rejects(rows)).containsExactly(
                entry(3L, "date_of_birth"), entry(4L, "date_of_birth"), entry(5L, "row"), entry(6L, "child_surname"),
                entry(7L, "sex"), entry(8L, "date_of_birth"), entry(9L, "date_of_birth"), entry(10L, "place_of_birth"),
                entry(12L, "registration_date"));

        FeedRecord first = record(rows, 1);
        assertThat(first.sourceRecordId()).isEqualTo("R1");
        assertThat(first.name().forename()).isEqualTo("Amelia");
        assertThat(first.name().middleNames()).isEqualTo("Rose");
        assertThat(first.dateOfBirth()).isEqualTo(LocalDate.of(2025, 6, 1));
        assertThat(first.sex()).isEqualTo(Sex.FEMALE);
        assertThat(first.address().line1()).isEqualTo("1 High Street, Flat 2");
        assertThat(first.address().postcode()).isEqualTo("LS1 4AP");
        assertThat(first.address().postcodeIsUk()).isTrue();
        assertThat(first.birth().placeOfBirth()).isEqualTo("Leeds General Infirmary");
        assertThat(first.birth().fatherSurname()).isEqualTo("Smith");
        assertThat(first.birth().registrationDate()).isEqualTo(LocalDate.of(2025, 6, 20));

        // Missing forename, sex and postcode are gaps that linkage copes with, not rejects.
        FeedRecord gaps = record(rows, 2);
        assertThat(gaps.name().forename()).isNull();
        assertThat(gaps.sex()).isEqualTo(Sex.UNKNOWN);
        assertThat(gaps.address().postcode()).isNull();
        assertThat(gaps.birth().fatherForename()).isNull();

        FeedRecord oddPostcode = record(rows, 11);
        assertThat(oddPostcode.address().postcode()).isEqualTo("NOT A POSTCODE");
        assertThat(oddPostcode.address().postcodeIsUk()).isFalse();
    }

    @Test
    void shouldGiveRejectReasonsASupplierCanActOnWithoutEchoingTheValue() throws IOException {
        List<FeedRow> rows = read(FeedSource.BIRTHS,
                "R3,Amelia,,Smith,F,2025-13-05,Leeds,Jane,Smith,,,1 High Street,,Leeds,LS1 4AP,2025-06-20",
                "R5,Amelia,,Smith,F,2025-06-01,Leeds,Jane,Smith,,,1 High Street,,Leeds,LS1 4AP");

        assertThat(rows).containsExactly(
                new Reject(1, "date_of_birth",
                        "is not a real date: use yyyy-MM-dd, with a month 01-12 and a day that exists in that month"),
                new Reject(2, "row", "has 15 fields where the births header has 16: check for a lost field or an "
                        + "unquoted comma"));
        assertThat(rows.toString()).doesNotContain("2025-13-05").doesNotContain("Amelia");
    }

    @Test
    void shouldReadTheSchoolCensusAndRejectABadUpn() throws IOException {
        String tail = ",2014-09-10,M,2 Park Road,,Leeds,LS6 2AA,107000,2019-09-01";
        List<FeedRow> rows = read(FeedSource.SCHOOL_CENSUS,
                UPN.toLowerCase() + ",William,James,Brown,Bill,Green" + tail,
                UPN_BAD_CHECK_LETTER + ",William,,Brown,,," + tail.substring(1),
                UPN + ",William,,Brown,,,2014-09-10,M,2 Park Road,,Leeds,LS6 2AA,,2019-09-01",
                UPN + ",William,,Brown,,,2014-09-10,M,2 Park Road,,Leeds,LS6 2AA,107000,2019-02-30",
                "J3832,William,,Brown,,," + tail.substring(1));

        assertThat(rejects(rows)).containsExactly(entry(2L, "upn"), entry(3L, "school_urn"), entry(4L, "entry_date"),
                entry(5L, "upn"));
        FeedRecord pupil = record(rows, 1);
        assertThat(pupil.upn().value()).isEqualTo(UPN);
        assertThat(pupil.name().preferredForename()).isEqualTo("Bill");
        assertThat(pupil.name().formerSurname()).isEqualTo("Green");
        assertThat(pupil.school().urn()).isEqualTo("107000");
        assertThat(pupil.school().entryDate()).isEqualTo(LocalDate.of(2019, 9, 1));
        assertThat(((Reject) rows.get(1)).reason()).contains("check letter does not match");
    }

    @Test
    void shouldReadChildBenefitAndNeverShowTheClaimantsNationalInsuranceNumber() throws IOException {
        List<FeedRow> rows = read(FeedSource.CHILD_BENEFIT,
                "C1,Jane,Smith,QQ123456C,1 High Street,,Leeds,LS1 4AP,Amelia,,Smith,2016-05-04,F",
                "C2,Jane,Smith,QQ123456C,1 High Street,,Leeds,LS1 4AP,Amelia,,Smith,2016-02-30,F",
                "C3,Jane,Smith,QQ123456C,1 High Street,,Leeds,LS1 4AP,Amelia,,Smith,2016-05-04,F,extra",
                "C4,Jane,Smith,QQ123456C,1 High Street,,Leeds,LS1 4AP,Amelia,,Smith,2016-05-04,female");

        assertThat(rejects(rows)).containsExactly(entry(2L, "date_of_birth"), entry(3L, "row"), entry(4L, "sex"));
        FeedRecord claim = record(rows, 1);
        assertThat(claim.claimant().nationalInsuranceNumber()).isEqualTo("QQ123456C");
        assertThat(claim.claimant().surname()).isEqualTo("Smith");
        assertThat(claim.sourceRecordId()).isEqualTo("C1");
        assertThat(claim.toString()).doesNotContain("QQ123456C");
        assertThat(claim.claimant().toString()).doesNotContain("QQ123456C").doesNotContain("Jane");
        // A parent's identifier is no evidence about the child: linkage never sees it.
        LinkageRecord linkage = claim.toLinkageRecord();
        assertThat(linkage.identifiers()).extracting(Identifier::value).doesNotContain("QQ123456C");
    }

    @Test
    void shouldReadNhsDemographicsAndRejectAFailedCheckDigit() throws IOException {
        List<FeedRow> rows = read(FeedSource.NHS_DEMOGRAPHICS,
                "999 301 8147,Amelia,,Smith,2016-05-04,F,1 High Street,,Leeds,LS1 4AP,B86001,2016-06-01,",
                NHS_BAD_CHECK_DIGIT + ",Amelia,,Smith,2016-05-04,F,1 High Street,,Leeds,LS1 4AP,B86001,2016-06-01,",
                NHS + ",Amelia,,Smith,2016-05-04,F,,,,,,,2025-11-30",
                NHS + ",Amelia,,Smith,2016-05-04,F,,,,,,,2025-11-31",
                ",Amelia,,Smith,2016-05-04,F,,,,,,,");

        assertThat(rejects(rows)).containsExactly(entry(2L, "nhs_number"), entry(4L, "date_of_death"),
                entry(5L, "nhs_number"));
        FeedRecord registered = record(rows, 1);
        assertThat(registered.nhsNumber().value()).isEqualTo(NHS);
        assertThat(registered.gp().practiceCode()).isEqualTo("B86001");
        assertThat(registered.gp().registrationDate()).isEqualTo(LocalDate.of(2016, 6, 1));
        assertThat(registered.dateOfDeath()).isNull();
        FeedRecord dead = record(rows, 3);
        assertThat(dead.dateOfDeath()).isEqualTo(LocalDate.of(2025, 11, 30));
        assertThat(dead.address()).isNull();
        assertThat(dead.gp()).isNull();
        assertThat(((Reject) rows.get(1)).reason()).contains("check digit does not match");
    }

    @Test
    void shouldReadLaServicesAndRejectBadFlagsTypesConsentAndDates() throws IOException {
        String child = ",Amelia,,Smith,2012-05-04,F,1 High Street,,Leeds,LS1 4AP,";
        String org = ",E08000035-SC,Leeds Social Care,Sam Jones,Team North,Social worker,01632 960000,s@example.org,";
        List<FeedRow> rows = read(FeedSource.LA_SERVICES,
                "L1" + child + "SOCIAL_CARE" + org + "2025-01-01,,Y,N,N,",
                "L2" + child + "MENTAL_HEALTH" + org + "2025-01-01,2025-06-01,N,N,Y,SIGNIFICANT_HARM",
                "L3" + child + "ASTROLOGY" + org + "2025-01-01,,Y,N,N,",
                "L4" + child + "SOCIAL_CARE" + org + "2025-01-01,,X,N,N,",
                "L5" + child + "SEXUAL_HEALTH" + org + "2025-01-01,,N,N,Y,FRIEND",
                "L6" + child + "SOCIAL_CARE" + org + "2025-01-01,2024-12-31,N,N,N,",
                "L7" + child + "SUBSTANCE_MISUSE" + org + "2025-01-01,,N,N,Y,",
                "L8" + child + "SOCIAL_CARE" + org + ",,N,N,N,",
                "L9" + child + "SOCIAL_CARE" + org + "2025-01-01,,N,,N,");

        assertThat(rejects(rows)).containsExactly(entry(3L, "service_type"), entry(4L, "lead_professional"),
                entry(5L, "consent"), entry(6L, "end_date"), entry(7L, "consent"), entry(8L, "start_date"),
                entry(9L, "caf_holder"));
        FeedRecord lead = record(rows, 1);
        assertThat(lead.involvement().serviceType()).isEqualTo(ServiceType.SOCIAL_CARE);
        assertThat(lead.involvement().organisationCode()).isEqualTo("E08000035-SC");
        assertThat(lead.involvement().organisationName()).isEqualTo("Leeds Social Care");
        assertThat(lead.involvement().practitionerName()).isEqualTo("Sam Jones");
        assertThat(lead.involvement().teamName()).isEqualTo("Team North");
        assertThat(lead.involvement().role()).isEqualTo("Social worker");
        assertThat(lead.involvement().phone()).isEqualTo("01632 960000");
        assertThat(lead.involvement().email()).isEqualTo("s@example.org");
        assertThat(lead.involvement().startDate()).isEqualTo(LocalDate.of(2025, 1, 1));
        assertThat(lead.involvement().endDate()).isNull();
        assertThat(lead.involvement().leadProfessional()).isTrue();
        assertThat(lead.involvement().cafHolder()).isFalse();
        assertThat(lead.involvement().sensitive()).isFalse();
        assertThat(lead.involvement().consent()).isNull();
        FeedRecord sensitive = record(rows, 2);
        assertThat(sensitive.involvement().sensitive()).isTrue();
        assertThat(sensitive.involvement().consent()).isEqualTo(Consent.SIGNIFICANT_HARM);
        assertThat(sensitive.involvement().endDate()).isEqualTo(LocalDate.of(2025, 6, 1));
    }

    @Test
    void shouldStandardiseAGoodRecordForLinkage() throws IOException {
        FeedRecord record = record(read(FeedSource.NHS_DEMOGRAPHICS,
                NHS + ",Amelia,Rose,Smith,2016-05-04,F,1 High Street,Flat 2,Leeds,ls14ap,B86001,2016-06-01,"), 1);

        LinkageRecord linkage = record.toLinkageRecord();

        assertThat(linkage.id()).isEqualTo("nhs-demographics:1");
        assertThat(linkage.givenName()).isEqualTo("Amelia");
        assertThat(linkage.familyName()).isEqualTo("Smith");
        assertThat(linkage.dateOfBirth()).isEqualTo(LocalDate.of(2016, 5, 4));
        assertThat(linkage.sex()).isEqualTo(Sex.FEMALE);
        assertThat(linkage.postcode()).isEqualTo("LS1 4AP");
        assertThat(linkage.address()).isEqualTo("1 High Street Flat 2");
        assertThat(linkage.locality()).isEqualTo("Leeds");
        assertThat(linkage.identifiers()).containsExactly(new Identifier("nhs_number", NHS));
        assertThat(record.toString()).doesNotContain("Amelia").doesNotContain(NHS).doesNotContain("LS1");
    }

    @Test
    void shouldRefuseAFileWhoseHeaderLacksAColumn() {
        String header = String.join(",", FeedSource.NHS_DEMOGRAPHICS.header()).replace(",gp_practice_code", "");

        assertThatThrownBy(() -> FeedReader.of(FeedSource.NHS_DEMOGRAPHICS, new StringReader(header + "\n"), TODAY))
                .isInstanceOf(FeedRefusedException.class)
                .hasMessageContaining("missing column(s) gp_practice_code")
                .hasMessageContaining("expected exactly: nhs_number,forename,");
    }

    @Test
    void shouldRefuseAnotherFeedsFileAndAnEmptyFile() {
        String births = String.join(",", FeedSource.BIRTHS.header());

        assertThatThrownBy(() -> FeedReader.of(FeedSource.SCHOOL_CENSUS, new StringReader(births + "\n"), TODAY))
                .isInstanceOf(FeedRefusedException.class)
                .hasMessageContaining("not the school-census feed's")
                .hasMessageContaining("missing column(s) upn");
        assertThatThrownBy(() -> FeedReader.of(FeedSource.BIRTHS, new StringReader(""), TODAY))
                .isInstanceOf(FeedRefusedException.class)
                .hasMessageContaining("is empty");
    }

    @Test
    void shouldRefuseColumnsInAnotherOrder() {
        List<String> swapped = new ArrayList<>(FeedSource.CHILD_BENEFIT.header());
        swapped.set(0, "claimant_forename");
        swapped.set(1, "claim_id");

        assertThatThrownBy(() -> FeedReader.of(FeedSource.CHILD_BENEFIT,
                new StringReader(String.join(",", swapped) + "\n"), TODAY))
                .isInstanceOf(FeedRefusedException.class)
                .hasMessageContaining("another order");
    }

    @Test
    void shouldFindEachSourceByItsCommandLineName() {
        assertThat(FeedSource.fromCliName("School-Census")).contains(FeedSource.SCHOOL_CENSUS);
        assertThat(FeedSource.fromCliName("la-services")).contains(FeedSource.LA_SERVICES);
        assertThat(FeedSource.fromCliName("gro")).isEmpty();
    }
}
