package uk.contactpoint.web;

import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

import uk.contactpoint.practice.OfficeHours;

/**
 * Whether it is out of office hours, for the pages that show a record ({@link RecordController#show}): out of
 * hours a masked sensitive service comes with the emergency duty team's number in a warning (ADR 27).
 */
@ControllerAdvice(assignableTypes = {RecordController.class, PracticeController.class, BreakGlassController.class})
class OfficeHoursAdvice {

    private final OfficeHours hours;

    OfficeHoursAdvice(OfficeHours hours) {
        this.hours = hours;
    }

    @ModelAttribute("outOfHours")
    boolean outOfHours() {
        return !hours.open();
    }
}
