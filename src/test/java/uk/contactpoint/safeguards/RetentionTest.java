package uk.contactpoint.safeguards;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;

/** The day a record leaves the live directory, as the retention page shows it (the job's rule, RetentionIT). */
class RetentionTest {

    @Test
    void shouldArchiveOnThe18thBirthdayOrA29FebruaryChildOn1March() {
        assertThat(Retention.archivesOn(LocalDate.of(2010, 7, 4), null, null)).isEqualTo(LocalDate.of(2028, 7, 4));
        assertThat(Retention.archivesOn(LocalDate.of(2008, 2, 29), null, null)).isEqualTo(LocalDate.of(2026, 3, 1));
    }

    @Test
    void shouldArchiveAYearAfterDeathOrAtTheEndOfAnExtension() {
        assertThat(Retention.archivesOn(LocalDate.of(2010, 7, 4), LocalDate.of(2024, 2, 29), null)).isEqualTo(LocalDate.of(2025, 3, 1));
        assertThat(Retention.archivesOn(LocalDate.of(2010, 7, 4), LocalDate.of(2025, 5, 6), LocalDate.of(2030, 1, 1)))
                .as("death wins over an extension").isEqualTo(LocalDate.of(2026, 5, 6));
        assertThat(Retention.archivesOn(LocalDate.of(2006, 7, 4), null, LocalDate.of(2027, 9, 30))).isEqualTo(LocalDate.of(2027, 9, 30));
    }
}
