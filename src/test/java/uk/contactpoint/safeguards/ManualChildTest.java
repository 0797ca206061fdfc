package uk.contactpoint.safeguards;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;

import uk.contactpoint.directory.Gender;

/** The rules a child's details typed by hand must meet: the feeds' where they apply, and a new record's own. */
class ManualChildTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 11, 30);

    private static ManualChild child(LocalDate dob, String nhs, String upn, String postcode) {
        return new ManualChild(" Ada ", null, "Lovelace", dob, Gender.FEMALE, postcode == null ? null : "1 Ockham Lane", "  ",
                null, postcode, nhs, upn, null, null);
    }

    @Test
    void shouldAcceptACompleteChildAndTrimBlankToNull() {
        ManualChild c = child(LocalDate.of(2019, 2, 28), "999 000 0018", null, "ls6 2ab");
        assertThat(c.problems(TODAY, true)).isEmpty();
        assertThat(c.givenName()).isEqualTo("Ada");
        assertThat(c.addressLine2()).isNull();
        assertThat(c.nhsNumberValue()).isEqualTo("9990000018");
        assertThat(c.postcodeValue().value()).isEqualTo("LS6 2AB");
    }

    @Test
    void shouldRefuseAFutureBirthAndAChildOf18OrOverOnlyWhenCreating() {
        assertThat(child(TODAY.plusDays(1), null, null, null).problems(TODAY, false))
                .containsEntry("dateOfBirth-day", "Date of birth must be today or in the past");
        ManualChild eighteenToday = child(TODAY.minusYears(18), null, null, null);
        assertThat(eighteenToday.problems(TODAY, true)).containsKey("dateOfBirth-day");
        assertThat(eighteenToday.problems(TODAY, false)).as("a record of a participating young person may be corrected").isEmpty();
        assertThat(child(TODAY.minusYears(18).plusDays(1), null, null, null).problems(TODAY, true)).isEmpty();
        assertThat(child(TODAY.minusYears(26), null, null, null).problems(TODAY, false)).containsKey("dateOfBirth-day");
    }

    @Test
    void shouldCheckIdentifiersWithTheDirectorysRulesWithoutEchoingThem() {
        var problems = child(LocalDate.of(2019, 2, 28), "999 000 0019", "A123", null).problems(TODAY, true);
        assertThat(problems.get("nhsNumber")).startsWith("NHS number:").contains("check digit").doesNotContain("0019");
        assertThat(problems.get("upn")).startsWith("UPN:").doesNotContain("A123");
        assertThat(child(LocalDate.of(2019, 2, 28), "999 000 0019", "A123", null).problems(TODAY, false))
                .as("a correction does not touch identifiers").isEmpty();
    }

    @Test
    void shouldNeedNamesSexAndAFirstAddressLineWhenThereIsAnAddress() {
        ManualChild c = new ManualChild("", null, " ", null, null, null, null, "Leeds", "nonsense", null, null, null, null);
        assertThat(c.problems(TODAY, true)).containsOnlyKeys("givenName", "familyName", "dateOfBirth-day", "gender",
                "addressLine1", "postcode");
        assertThat(c.toString()).doesNotContain("Leeds").doesNotContain("nonsense");
    }
}
