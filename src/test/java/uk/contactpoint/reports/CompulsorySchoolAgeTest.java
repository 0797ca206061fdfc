package uk.contactpoint.reports;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.Month;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Compulsory school age on each side of every prescribed day and of the June end date, for birthdays on, before and
 * after them, across leap and common years.
 */
class CompulsorySchoolAgeTest {

    private static LocalDate d(int y, int m, int day) {
        return LocalDate.of(y, m, day);
    }

    @ParameterizedTest
    @ValueSource(ints = {2018, 2019, 2020, 2021, 2022, 2023, 2024, 2025})
    void aFifthBirthdayOnAPrescribedDayStartsItThatDayTheDayBeforeStartsItThenAndTheDayAfterWaitsForTheNext(int year) {
        // 31 March
        assertThat(CompulsorySchoolAge.starts(d(year - 5, 3, 31))).isEqualTo(d(year, 3, 31));
        assertThat(CompulsorySchoolAge.starts(d(year - 5, 3, 30))).isEqualTo(d(year, 3, 31));
        assertThat(CompulsorySchoolAge.starts(d(year - 5, 4, 1))).isEqualTo(d(year, 8, 31));
        // 31 August
        assertThat(CompulsorySchoolAge.starts(d(year - 5, 8, 31))).isEqualTo(d(year, 8, 31));
        assertThat(CompulsorySchoolAge.starts(d(year - 5, 8, 30))).isEqualTo(d(year, 8, 31));
        assertThat(CompulsorySchoolAge.starts(d(year - 5, 9, 1))).isEqualTo(d(year, 12, 31));
        // 31 December
        assertThat(CompulsorySchoolAge.starts(d(year - 5, 12, 31))).isEqualTo(d(year, 12, 31));
        assertThat(CompulsorySchoolAge.starts(d(year - 5, 12, 30))).isEqualTo(d(year, 12, 31));
        assertThat(CompulsorySchoolAge.starts(d(year - 4, 1, 1))).isEqualTo(d(year + 1, 3, 31));
    }

    @ParameterizedTest
    @ValueSource(ints = {2018, 2019, 2020, 2021, 2022, 2023, 2024, 2025})
    void theChildIsOfCompulsorySchoolAgeFromThePrescribedDayNotTheDayBefore(int year) {
        for (LocalDate prescribed : CompulsorySchoolAge.prescribedDays(year)) {
            LocalDate born = prescribed.minusYears(5);
            assertThat(CompulsorySchoolAge.on(born, prescribed.minusDays(1))).as("day before %s", prescribed).isFalse();
            assertThat(CompulsorySchoolAge.on(born, prescribed)).as("on %s", prescribed).isTrue();
            assertThat(CompulsorySchoolAge.on(born, prescribed.plusDays(1))).as("day after %s", prescribed).isTrue();
            LocalDate bornADayLater = born.plusDays(1);
            assertThat(CompulsorySchoolAge.on(bornADayLater, prescribed)).as("5 the day after %s", prescribed).isFalse();
        }
    }

    @Test
    void aBirthdayOn29FebruaryStartsOn31MarchAndEndsInTheSchoolYearOfTheSixteenthBirthday() {
        assertThat(CompulsorySchoolAge.starts(d(2016, 2, 29))).isEqualTo(d(2021, 3, 31));
        assertThat(CompulsorySchoolAge.starts(d(2020, 2, 29))).isEqualTo(d(2025, 3, 31));
        assertThat(CompulsorySchoolAge.starts(d(2019, 2, 28))).isEqualTo(d(2024, 3, 31));
        // 16 on 28 February 2032 (or 1 March): the school year 2031-32 ends in June 2032; last Friday is 25 June.
        assertThat(CompulsorySchoolAge.ends(d(2016, 2, 29))).isEqualTo(d(2032, 6, 25));
        // 16 on 29 February 2036, a leap year: last Friday in June 2036 is 27 June.
        assertThat(CompulsorySchoolAge.ends(d(2020, 2, 29))).isEqualTo(d(2036, 6, 27));
        assertThat(CompulsorySchoolAge.on(d(2016, 2, 29), d(2021, 3, 30))).isFalse();
        assertThat(CompulsorySchoolAge.on(d(2016, 2, 29), d(2021, 3, 31))).isTrue();
    }

    @Test
    void theLastFridayInJuneIsAFridayInTheLastWeekOfJuneEveryYear() {
        for (int year = 1990; year <= 2100; year++) {
            LocalDate f = CompulsorySchoolAge.lastFridayInJune(year);
            assertThat(f.getDayOfWeek()).isEqualTo(DayOfWeek.FRIDAY);
            assertThat(f.getMonth()).isEqualTo(Month.JUNE);
            assertThat(f.plusWeeks(1).getMonth()).as("no later Friday in June %d", year).isEqualTo(Month.JULY);
        }
        assertThat(CompulsorySchoolAge.lastFridayInJune(2024)).isEqualTo(d(2024, 6, 28));
        assertThat(CompulsorySchoolAge.lastFridayInJune(2025)).isEqualTo(d(2025, 6, 27));
        assertThat(CompulsorySchoolAge.lastFridayInJune(2026)).isEqualTo(d(2026, 6, 26));
        assertThat(CompulsorySchoolAge.lastFridayInJune(2027)).isEqualTo(d(2027, 6, 25));
        // 30 June a Friday
        assertThat(CompulsorySchoolAge.lastFridayInJune(2023)).isEqualTo(d(2023, 6, 30));
        assertThat(CompulsorySchoolAge.lastFridayInJune(2028)).isEqualTo(d(2028, 6, 30));
        // 24 June, the earliest possible
        assertThat(CompulsorySchoolAge.lastFridayInJune(2022)).isEqualTo(d(2022, 6, 24));
    }

    @ParameterizedTest
    @ValueSource(ints = {2022, 2023, 2024, 2025, 2026, 2027, 2028})
    void itEndsOnTheLastFridayInJuneOfTheSchoolYearOfTheSixteenthBirthdayNotTheDayAfter(int year) {
        LocalDate lastFriday = CompulsorySchoolAge.lastFridayInJune(year);
        // 16 on 1 September (year - 1): first day of the school year ending in June of this year.
        LocalDate first = d(year - 17, 9, 1);
        // 16 on 31 August (year): last day of that school year.
        LocalDate last = d(year - 16, 8, 31);
        for (LocalDate born : new LocalDate[] {first, last, d(year - 16, 1, 1), d(year - 16, 6, 30), d(year - 16, 7, 1)}) {
            assertThat(CompulsorySchoolAge.ends(born)).as("born %s", born).isEqualTo(lastFriday);
            assertThat(CompulsorySchoolAge.on(born, lastFriday.minusDays(1))).isTrue();
            assertThat(CompulsorySchoolAge.on(born, lastFriday)).isTrue();
            assertThat(CompulsorySchoolAge.on(born, lastFriday.plusDays(1))).isFalse();
        }
        // 16 on 31 August (year - 1): the school year before, which ended a year earlier.
        assertThat(CompulsorySchoolAge.ends(first.minusDays(1))).isEqualTo(CompulsorySchoolAge.lastFridayInJune(year - 1));
        // 16 on 1 September (year): the next school year.
        assertThat(CompulsorySchoolAge.ends(last.plusDays(1))).isEqualTo(CompulsorySchoolAge.lastFridayInJune(year + 1));
        // A child who turns 16 after the last Friday in June but before September is still of age up to that Friday only.
        LocalDate julyBirthday = d(year - 16, 7, 15);
        assertThat(CompulsorySchoolAge.on(julyBirthday, lastFriday)).isTrue();
        assertThat(CompulsorySchoolAge.on(julyBirthday, d(year, 7, 14))).isFalse();
    }

    @Test
    void theRangeOfBirthDatesOnEveryDayIsExactlyTheChildrenOfCompulsorySchoolAge() {
        // Every day of three years (leap 2024 among them) against every date of birth that could be near either end.
        for (LocalDate day = d(2023, 1, 1); day.isBefore(d(2026, 1, 1)); day = day.plusDays(1)) {
            CompulsorySchoolAge.BirthDates range = CompulsorySchoolAge.birthDates(day);
            assertThat(CompulsorySchoolAge.on(range.earliest(), day)).as("earliest on %s", day).isTrue();
            assertThat(CompulsorySchoolAge.on(range.latest(), day)).as("latest on %s", day).isTrue();
            assertThat(CompulsorySchoolAge.on(range.earliest().minusDays(1), day)).as("before earliest on %s", day).isFalse();
            assertThat(CompulsorySchoolAge.on(range.latest().plusDays(1), day)).as("after latest on %s", day).isFalse();
            for (int offset = -400; offset <= 400; offset += 7) {
                LocalDate born = range.earliest().plusDays(offset);
                assertThat(range.contains(born)).isEqualTo(CompulsorySchoolAge.on(born, day));
                born = range.latest().plusDays(offset);
                assertThat(range.contains(born)).isEqualTo(CompulsorySchoolAge.on(born, day));
            }
        }
    }

    @Test
    void aTypicalDayCoversReceptionAgedChildrenWhoHaveTurnedFiveThroughYearEleven() {
        CompulsorySchoolAge.BirthDates range = CompulsorySchoolAge.birthDates(d(2025, 11, 15));
        // Last prescribed day 31 August 2025: born by 31 August 2020. Year 11 ends June 2026: born from 1 September 2009.
        assertThat(range).isEqualTo(new CompulsorySchoolAge.BirthDates(d(2009, 9, 1), d(2020, 8, 31)));
        // The day after the last Friday in June 2026 the oldest year has left.
        assertThat(CompulsorySchoolAge.birthDates(d(2026, 6, 27)).earliest()).isEqualTo(d(2010, 9, 1));
        assertThat(CompulsorySchoolAge.birthDates(d(2026, 6, 26)).earliest()).isEqualTo(d(2009, 9, 1));
    }
}
