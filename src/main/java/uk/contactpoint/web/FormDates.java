package uk.contactpoint.web;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Map;

/** The GOV.UK date input: three fields {@code name-day}, {@code name-month}, {@code name-year}. */
final class FormDates {

    private FormDates() {
    }

    /**
     * The date in the three fields: null when all are empty; null and an error keyed {@code name-day} (where the
     * error summary links) when they are not a real date.
     */
    static LocalDate read(Map<String, String> form, String name, String label, Map<String, String> errors) {
        String day = form.getOrDefault(name + "-day", "").trim();
        String month = form.getOrDefault(name + "-month", "").trim();
        String year = form.getOrDefault(name + "-year", "").trim();
        if ((day + month + year).isEmpty()) {
            return null;
        }
        try {
            return LocalDate.of(Integer.parseInt(year), Integer.parseInt(month), Integer.parseInt(day));
        } catch (NumberFormatException | DateTimeException e) {
            errors.put(name + "-day", label + " must be a real date, for example 27 3 2025");
            return null;
        }
    }

    /** Puts a date into the three fields of a form map (to pre-fill a date input). */
    static void fill(Map<String, String> form, String name, LocalDate date) {
        form.put(name + "-day", Integer.toString(date.getDayOfMonth()));
        form.put(name + "-month", Integer.toString(date.getMonthValue()));
        form.put(name + "-year", Integer.toString(date.getYear()));
    }
}
