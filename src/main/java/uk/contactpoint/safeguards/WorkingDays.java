package uk.contactpoint.safeguards;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.Month;
import java.time.temporal.TemporalAdjusters;
import java.util.Set;
import java.util.TreeSet;

/**
 * Working days in England (DOMAIN.md section 6): Monday to Friday except the England and Wales bank
 * holidays, computed by rule rather than read from a list, so that no year runs out. The rules are those of
 * the Banking and Financial Dealings Act 1971 and the usual royal proclamations: New Year's Day, Good Friday,
 * Easter Monday, the first Monday of May, the last Mondays of May and August, Christmas Day and Boxing Day,
 * a weekend New Year's Day, Christmas Day or Boxing Day being replaced by the next free weekday. One-off
 * proclamations (a coronation, a royal funeral, a moved May holiday as in 2020 and 2022) are not rules and
 * are not known here: a deadline may then fall one day early, never late by more than that day.
 */
public final class WorkingDays {

    private WorkingDays() {
    }

    /** The date {@code days} working days after {@code from} (which need not itself be a working day). */
    public static LocalDate plus(LocalDate from, int days) {
        if (days < 0) {
            throw new IllegalArgumentException("days must not be negative");
        }
        LocalDate d = from;
        int left = days;
        while (left > 0) {
            d = d.plusDays(1);
            if (isWorkingDay(d)) {
                left--;
            }
        }
        return d;
    }

    public static boolean isWorkingDay(LocalDate d) {
        return d.getDayOfWeek() != DayOfWeek.SATURDAY && d.getDayOfWeek() != DayOfWeek.SUNDAY
                && !bankHolidays(d.getYear()).contains(d);
    }

    /** The England and Wales bank holidays of a year, as the rules give them. */
    public static Set<LocalDate> bankHolidays(int year) {
        Set<LocalDate> days = new TreeSet<>();
        days.add(substitute(LocalDate.of(year, Month.JANUARY, 1), Set.of()));
        LocalDate easter = easterSunday(year);
        days.add(easter.minusDays(2));
        days.add(easter.plusDays(1));
        days.add(LocalDate.of(year, Month.MAY, 1).with(TemporalAdjusters.firstInMonth(DayOfWeek.MONDAY)));
        days.add(LocalDate.of(year, Month.MAY, 1).with(TemporalAdjusters.lastInMonth(DayOfWeek.MONDAY)));
        days.add(LocalDate.of(year, Month.AUGUST, 1).with(TemporalAdjusters.lastInMonth(DayOfWeek.MONDAY)));
        LocalDate christmas = substitute(LocalDate.of(year, Month.DECEMBER, 25), Set.of());
        days.add(christmas);
        days.add(substitute(LocalDate.of(year, Month.DECEMBER, 26), Set.of(christmas)));
        return days;
    }

    /** The day itself if a weekday not already taken, else the next such weekday. */
    private static LocalDate substitute(LocalDate day, Set<LocalDate> taken) {
        LocalDate d = day;
        while (d.getDayOfWeek() == DayOfWeek.SATURDAY || d.getDayOfWeek() == DayOfWeek.SUNDAY || taken.contains(d)) {
            d = d.plusDays(1);
        }
        return d;
    }

    /** Easter Sunday in the Gregorian calendar (the anonymous Gregorian algorithm of Meeus, Jones and Butcher). */
    static LocalDate easterSunday(int year) {
        int a = year % 19;
        int b = year / 100;
        int c = year % 100;
        int d = b / 4;
        int e = b % 4;
        int f = (b + 8) / 25;
        int g = (b - f + 1) / 3;
        int h = (19 * a + b - d - g + 15) % 30;
        int i = c / 4;
        int k = c % 4;
        int l = (32 + 2 * e + 2 * i - h - k) % 7;
        int m = (a + 11 * h + 22 * l) / 451;
        int month = (h + l - 7 * m + 114) / 31;
        int day = (h + l - 7 * m + 114) % 31 + 1;
        return LocalDate.of(year, month, day);
    }
}
