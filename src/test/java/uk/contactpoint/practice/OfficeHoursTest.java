package uk.contactpoint.practice;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

class OfficeHoursTest {

    private static boolean openAt(String instant) {
        return new OfficeHours(Clock.fixed(Instant.parse(instant), ZoneOffset.UTC)).open();
    }

    @Test
    void shouldBeOpenFromNineUntilFiveLondonTimeOnAWeekday() {
        assertThat(openAt("2026-12-01T09:00:00Z")).isTrue();    // Tuesday, GMT
        assertThat(openAt("2026-12-01T16:59:59Z")).isTrue();
        assertThat(openAt("2026-12-01T08:59:59Z")).isFalse();
        assertThat(openAt("2026-12-01T17:00:00Z")).isFalse();
    }

    @Test
    void shouldReadTheHoursInLondonTimeInSummer() {
        assertThat(openAt("2026-07-01T08:30:00Z")).isTrue();    // 09:30 BST
        assertThat(openAt("2026-07-01T16:30:00Z")).isFalse();   // 17:30 BST
        assertThat(openAt("2026-07-01T07:59:00Z")).isFalse();   // 08:59 BST
    }

    @Test
    void shouldBeClosedAtWeekendsAndOnEnglishBankHolidays() {
        assertThat(openAt("2026-12-05T11:00:00Z")).isFalse();   // Saturday
        assertThat(openAt("2026-12-06T11:00:00Z")).isFalse();   // Sunday
        assertThat(openAt("2026-12-25T11:00:00Z")).isFalse();   // Christmas Day, a Friday
        assertThat(openAt("2026-12-28T11:00:00Z")).isFalse();   // Boxing Day's substitute, a Monday
        assertThat(openAt("2027-03-26T11:00:00Z")).isFalse();   // Good Friday 2027
        assertThat(openAt("2026-12-29T11:00:00Z")).isTrue();    // the Tuesday after
    }
}
