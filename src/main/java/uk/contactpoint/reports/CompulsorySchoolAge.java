package uk.contactpoint.reports;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.Month;
import java.time.temporal.TemporalAdjusters;
import java.util.List;

/**
 * Compulsory school age (DOMAIN.md section 10, Education Act 1996 s.8): it starts on the first prescribed day (31
 * August, 31 December, 31 March) on or after the 5th birthday, and ends on the last Friday in June of the school
 * year (1 September to 31 August) in which the child turns 16. Both days are included.
 *
 * <p>A child born on 29 February has a 5th and a 16th birthday on 28 February in a common year here; the law's 1 March
 * would give the same result, because neither day is a prescribed day (the next is 31 March either way) and both lie
 * in the same school year.
 */
public final class CompulsorySchoolAge {

    private CompulsorySchoolAge() {
    }

    /** The dates of birth of the children of compulsory school age on one day: from {@code earliest} to {@code latest}, both included. */
    public record BirthDates(LocalDate earliest, LocalDate latest) {

        public boolean contains(LocalDate dateOfBirth) {
            return !dateOfBirth.isBefore(earliest) && !dateOfBirth.isAfter(latest);
        }
    }

    /** The first day of compulsory school age: the first prescribed day on or after the 5th birthday. */
    public static LocalDate starts(LocalDate dateOfBirth) {
        LocalDate fifth = dateOfBirth.plusYears(5);
        for (LocalDate prescribed : prescribedDays(fifth.getYear())) {
            if (!prescribed.isBefore(fifth)) {
                return prescribed;
            }
        }
        throw new IllegalStateException("31 December is a prescribed day: unreachable");
    }

    /** The last day of compulsory school age: the last Friday in June of the school year in which the child turns 16. */
    public static LocalDate ends(LocalDate dateOfBirth) {
        LocalDate sixteenth = dateOfBirth.plusYears(16);
        int schoolYearEnds = sixteenth.getMonthValue() >= 9 ? sixteenth.getYear() + 1 : sixteenth.getYear();
        return lastFridayInJune(schoolYearEnds);
    }

    /** Whether a child born on {@code dateOfBirth} is of compulsory school age on {@code day}. */
    public static boolean on(LocalDate dateOfBirth, LocalDate day) {
        return !day.isBefore(starts(dateOfBirth)) && !day.isAfter(ends(dateOfBirth));
    }

    /**
     * The dates of birth of the children of compulsory school age on {@code day}, as one range (both ends move
     * forward with the date of birth), so that a report selects them by an index on the date of birth.
     */
    public static BirthDates birthDates(LocalDate day) {
        // Started: the 5th birthday falls on or before the last prescribed day on or before this day.
        LocalDate lastPrescribed = null;
        for (int year = day.getYear(); lastPrescribed == null; year--) {
            List<LocalDate> days = prescribedDays(year);
            for (int i = days.size() - 1; i >= 0; i--) {
                if (!days.get(i).isAfter(day)) {
                    lastPrescribed = days.get(i);
                    break;
                }
            }
        }
        LocalDate latest = lastPrescribed.minusYears(5);
        // Not ended: the school year of the 16th birthday ends in a year whose last Friday in June is not before this day.
        int endYear = day.isAfter(lastFridayInJune(day.getYear())) ? day.getYear() + 1 : day.getYear();
        LocalDate earliest = LocalDate.of(endYear - 17, Month.SEPTEMBER, 1);
        return new BirthDates(earliest, latest);
    }

    /** The last Friday in June of a year. */
    public static LocalDate lastFridayInJune(int year) {
        return LocalDate.of(year, Month.JUNE, 30).with(TemporalAdjusters.previousOrSame(DayOfWeek.FRIDAY));
    }

    /** The prescribed days of a calendar year, in order. */
    static List<LocalDate> prescribedDays(int year) {
        return List.of(LocalDate.of(year, Month.MARCH, 31), LocalDate.of(year, Month.AUGUST, 31),
                LocalDate.of(year, Month.DECEMBER, 31));
    }
}
