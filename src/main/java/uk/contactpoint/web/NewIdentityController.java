package uk.contactpoint.web;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

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
import uk.contactpoint.directory.Gender;
import uk.contactpoint.directory.InvalidValueException;
import uk.contactpoint.safeguards.NewIdentities;

/**
 * A data manager or shielding officer of the child's LA records a new identity (ADR 28): the page shows the
 * record and a form for the new name (and, if they changed, date of birth and sex), the reason and the shield;
 * once recorded, the same page shows the suppressed record with the new record's ContactPoint ID, for the LA's
 * team only. Anyone else gets 403; a record that is not the viewer's LA's, live or suppressed, is 404.
 */
@Controller
class NewIdentityController {

    private final CurrentViewer viewers;
    private final NewIdentities identities;

    NewIdentityController(CurrentViewer viewers, NewIdentities identities) {
        this.viewers = viewers;
        this.identities = identities;
    }

    @GetMapping("/data/children/{contactPointId}/new-identity")
    String page(@PathVariable String contactPointId, HttpServletRequest request, Model model) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("shield", "yes");
        return page(officer(request), id(contactPointId), form, Map.of(), model);
    }

    private String page(Viewer viewer, ContactPointId id, Map<String, String> form, Map<String, String> errors, Model model) {
        NewIdentities.Subject subject = identities.subject(viewer, id)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        model.addAttribute("subject", subject);
        model.addAttribute("child", subject.child());
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        model.addAttribute("genders", Gender.values());
        model.addAttribute("reasons", NewIdentities.Reason.values());
        return "manual/new-identity";
    }

    @PostMapping("/data/children/{contactPointId}/new-identity")
    String record(@PathVariable String contactPointId, @RequestParam Map<String, String> form, HttpServletRequest request,
                  Model model, RedirectAttributes redirect) {
        Viewer viewer = officer(request);
        ContactPointId id = id(contactPointId);
        Map<String, String> errors = new LinkedHashMap<>();
        LocalDate born = FormDates.read(form, "dateOfBirth", "Date of birth", errors);
        Gender gender = enumOf(Gender.class, form.get("gender"));
        NewIdentities.Reason reason = enumOf(NewIdentities.Reason.class, form.get("reason"));
        if (!"yes".equals(form.get("confirm"))) {
            errors.put("confirm", "Confirm that the old record is to be suppressed");
        }
        NewIdentities.NewIdentity identity = new NewIdentities.NewIdentity(blank(form.get("givenName")),
                blank(form.get("middleNames")), blank(form.get("familyName")), born, gender, reason, !"no".equals(form.get("shield")));
        if (errors.isEmpty()) {
            Optional<NewIdentities.Outcome> outcome = identities.record(viewer, id, identity);
            if (outcome.isEmpty()) {
                throw new ResponseStatusException(HttpStatus.NOT_FOUND);
            }
            if (outcome.get() instanceof NewIdentities.Recorded recorded) {
                redirect.addFlashAttribute("done", "New identity recorded: the new record's ContactPoint ID is "
                        + recorded.newIdentity().formatted() + (recorded.shielded() ? " (shielded)" : "")
                        + ". This record is suppressed.");
                return "redirect:/data/children/" + id.value() + "/new-identity";
            }
            errors.putAll(((NewIdentities.Invalid) outcome.get()).problems());
        }
        return page(viewer, id, new LinkedHashMap<>(form), errors, model);
    }

    private Viewer officer(HttpServletRequest request) {
        Viewer viewer = viewers.of(request).orElseThrow(() -> new ResponseStatusException(HttpStatus.FORBIDDEN));
        if (!NewIdentities.records(viewer)) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN);
        }
        return viewer;
    }

    private static <E extends Enum<E>> E enumOf(Class<E> type, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Enum.valueOf(type, value);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static ContactPointId id(String text) {
        try {
            return new ContactPointId(text);
        } catch (InvalidValueException e) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
    }
}
