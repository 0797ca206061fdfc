package uk.contactpoint.web;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import uk.contactpoint.access.CurrentViewer;
import uk.contactpoint.access.Viewer;
import uk.contactpoint.directory.ContactPointId;
import uk.contactpoint.directory.InvalidValueException;
import uk.contactpoint.safeguards.ManualRecords;
import uk.contactpoint.safeguards.Retention;

/**
 * An LA data manager records a child's death or keeps a participating young person's record live after 18
 * (ADR 24). The ContactPoint ID is in the path, as on the other record-maintenance pages of data managers.
 */
@Controller
class RetentionController {

    static final Map<String, String> REASONS = Map.of(
            "AGED_18_OR_19", "Aged 18 or 19 and consents to stay on",
            "CARE_LEAVER", "A care leaver receiving leaving-care services",
            "LEARNING_DIFFICULTY", "Under 25 with a learning difficulty, receiving services");

    private final CurrentViewer viewers;
    private final Retention retention;

    RetentionController(CurrentViewer viewers, Retention retention) {
        this.viewers = viewers;
        this.retention = retention;
    }

    @GetMapping("/data/children/{contactPointId}/retention")
    String page(@PathVariable String contactPointId, HttpServletRequest request, Model model) {
        return page(manager(request), id(contactPointId), new LinkedHashMap<>(), Map.of(), model);
    }

    private String page(Viewer viewer, ContactPointId id, Map<String, String> form, Map<String, String> errors, Model model) {
        Retention.State state;
        try {
            state = retention.state(viewer, id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        } catch (IllegalArgumentException e) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN);
        }
        model.addAttribute("state", state);
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        model.addAttribute("reasons", Retention.EXTENSION_REASONS);
        model.addAttribute("reasonLabels", REASONS);
        return "manual/retention";
    }

    @PostMapping("/data/children/{contactPointId}/death")
    String death(@PathVariable String contactPointId, @RequestParam Map<String, String> form, HttpServletRequest request,
                 Model model, RedirectAttributes redirect) {
        Viewer viewer = manager(request);
        ContactPointId id = id(contactPointId);
        Map<String, String> errors = new LinkedHashMap<>();
        LocalDate died = FormDates.read(form, "diedOn", "Date of death", errors);
        if (died == null && errors.isEmpty()) {
            errors.put("diedOn-day", "Enter the date of death");
        }
        if (errors.isEmpty()) {
            try {
                retention.recordDeath(viewer, id, died);
                redirect.addFlashAttribute("done", "Death recorded. The record stays live for a year; the practitioners working with the child have been told.");
                return "redirect:/data/children/" + id.value() + "/retention";
            } catch (IllegalArgumentException e) {
                errors.put("diedOn-day", e.getMessage());
            }
        }
        return page(viewer, id, new LinkedHashMap<>(form), errors, model);
    }

    @PostMapping("/data/children/{contactPointId}/extension")
    String extension(@PathVariable String contactPointId, @RequestParam Map<String, String> form, HttpServletRequest request,
                     Model model, RedirectAttributes redirect) {
        Viewer viewer = manager(request);
        ContactPointId id = id(contactPointId);
        Map<String, String> errors = new LinkedHashMap<>();
        boolean withdraw = "withdraw".equals(form.get("action"));
        LocalDate until = withdraw ? null : FormDates.read(form, "until", "End of the extension", errors);
        LocalDate review = withdraw ? null : FormDates.read(form, "reviewOn", "Review date", errors);
        if (!withdraw && until == null && !errors.containsKey("until-day")) {
            errors.put("until-day", "Enter the day the record should leave the live directory");
        }
        if (errors.isEmpty()) {
            try {
                retention.extend(viewer, id, until, form.get("reason"), review);
                redirect.addFlashAttribute("done", withdraw ? "Extension withdrawn: the record is archived at the next nightly run if the young person is 18 or over."
                        : "Extension recorded.");
                return "redirect:/data/children/" + id.value() + "/retention";
            } catch (IllegalArgumentException e) {
                errors.put(e.getMessage().startsWith("Choose") ? "reason" : e.getMessage().startsWith("Set a review") ? "reviewOn-day" : "until-day",
                        e.getMessage());
            }
        }
        return page(viewer, id, new LinkedHashMap<>(form), errors, model);
    }

    private Viewer manager(HttpServletRequest request) {
        Viewer viewer = viewers.of(request).orElseThrow(() -> new ResponseStatusException(HttpStatus.FORBIDDEN));
        if (!ManualRecords.maintains(viewer)) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN);
        }
        return viewer;
    }

    private static ContactPointId id(String text) {
        try {
            return new ContactPointId(text);
        } catch (InvalidValueException e) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
    }
}
