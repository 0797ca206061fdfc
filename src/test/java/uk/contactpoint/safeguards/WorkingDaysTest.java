package uk.contactpoint.safeguards;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;

class WorkingDaysTest {

    private static LocalDate d(String iso) {
        return LocalDate.parse(iso);
    }

    @Test
    void shouldKnowThe2025BankHolidays() {
        assertThat(WorkingDays.bankHolidays(2025)).containsExactly(d("2025-01-01"), d("2025-04-18"), d("2025-04-21"),
                d("2025-05-05"), d("2025-05-26"), d("2025-08-25"), d("2025-12-25"), d("2025-12-26"));
    }

    @Test
    void shouldMoveBoxingDayOnSaturdayToTheMondayIn2026() {
        assertThat(WorkingDays.bankHolidays(2026)).containsExactly(d("2026-01-01"), d("2026-04-03"), d("2026-04-06"),
                d("2026-05-04"), d("2026-05-25"), d("2026-08-31"), d("2026-12-25"), d("2026-12-28"));
    }

    @Test
    void shouldSubstituteChristmasAndBoxingDayFallingAtTheWeekend() {
        // 2021: Christmas on Saturday, Boxing Day on Sunday: Monday 27 and Tuesday 28 December.
        assertThat(WorkingDays.bankHolidays(2021)).contains(d("2021-12-27"), d("2021-12-28"))
                .doesNotContain(d("2021-12-25"), d("2021-12-26"));
        // 2022: New Year's Day on Saturday: Monday 3 January.
        assertThat(WorkingDays.bankHolidays(2022)).contains(d("2022-01-03"), d("2022-12-26"), d("2022-12-27"));
        // 2028: Christmas on Monday, Boxing Day on Tuesday: no substitute needed.
        assertThat(WorkingDays.bankHolidays(2028)).contains(d("2028-12-25"), d("2028-12-26"));
    }

    @Test
    void shouldComputeEasterForKnownYears() {
        assertThat(WorkingDays.easterSunday(2024)).isEqualTo(d("2024-03-31"));
        assertThat(WorkingDays.easterSunday(2025)).isEqualTo(d("2025-04-20"));
        assertThat(WorkingDays.easterSunday(2026)).isEqualTo(d("2026-04-05"));
        assertThat(WorkingDays.easterSunday(2038)).isEqualTo(d("2038-04-25"));
        assertThat(WorkingDays.easterSunday(2285)).isEqualTo(d("2285-03-22"));
    }

    @Test
    void shouldCountThreeWorkingDaysSkippingWeekendsAndBankHolidays() {
        assertThat(WorkingDays.plus(d("2026-12-01"), 3)).as("Tuesday to Friday").isEqualTo(d("2026-12-04"));
        assertThat(WorkingDays.plus(d("2026-12-03"), 3)).as("over a weekend").isEqualTo(d("2026-12-08"));
        assertThat(WorkingDays.plus(d("2026-12-24"), 3)).as("over Christmas and the substitute Boxing Day")
                .isEqualTo(d("2026-12-31"));
        assertThat(WorkingDays.plus(d("2026-04-02"), 3)).as("over Easter").isEqualTo(d("2026-04-09"));
        assertThat(WorkingDays.plus(d("2026-12-05"), 3)).as("from a Saturday").isEqualTo(d("2026-12-09"));
        assertThat(WorkingDays.plus(d("2026-12-05"), 0)).isEqualTo(d("2026-12-05"));
        assertThat(WorkingDays.isWorkingDay(d("2026-08-31"))).isFalse();
        assertThat(WorkingDays.isWorkingDay(d("2026-09-01"))).isTrue();
        assertThatThrownBy(() -> WorkingDays.plus(d("2026-12-05"), -1)).isInstanceOf(IllegalArgumentException.class);
    }
}
