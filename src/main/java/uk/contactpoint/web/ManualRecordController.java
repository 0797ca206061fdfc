package uk.contactpoint.web;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
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
import uk.contactpoint.directory.Gender;
import uk.contactpoint.directory.InvalidValueException;
import uk.contactpoint.safeguards.DisclosedChild;
import uk.contactpoint.safeguards.ManualChild;
import uk.contactpoint.safeguards.ManualRecords;

/**
 * LA data managers' pages for records kept by hand (ADR 17): add a child (details, then "check for existing
 * records", then "same child" or "create"), and correct a record of their authority with a reason. The
 * details travel in POST bodies; only a ContactPoint ID appears in a URL (the correction page's address).
 */
@Controller
class ManualRecordController {

    /** The form's text fields, in page order (the date of birth and the sex are separate inputs). */
    static final List<String> TEXT_FIELDS = List.of("givenName", "middleNames", "familyName", "addressLine1",
            "addressLine2", "town", "postcode", "nhsNumber", "upn", "schoolUrn", "gpPracticeCode");

    private final CurrentViewer viewers;
    private final ManualRecords records;

    ManualRecordController(CurrentViewer viewers, ManualRecords records) {
        this.viewers = viewers;
        this.records = records;
    }

    private Viewer manager(HttpServletRequest request) {
        Viewer viewer = viewers.of(request).orElseThrow(() -> new ResponseStatusException(HttpStatus.FORBIDDEN));
        if (!ManualRecords.maintains(viewer)) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN);
        }
        return viewer;
    }

    @GetMapping("/data/children")
    String start(HttpServletRequest request, Model model) {
        Viewer viewer = manager(request);
        model.addAttribute("authority", records.authorityName(viewer));
        model.addAttribute("errors", Map.of());
        return "manual/children";
    }

    /** "Correct a record": from its ContactPoint ID to the correction page. */
    @PostMapping("/data/children/find")
    String find(@RequestParam(defaultValue = "") String contactPointId, HttpServletRequest request, Model model) {
        Viewer viewer = manager(request);
        try {
            return "redirect:/data/children/" + new ContactPointId(contactPointId).value() + "/edit";
        } catch (InvalidValueException e) {
            model.addAttribute("authority", records.authorityName(viewer));
            model.addAttribute("errors", Map.of("contactPointId", "Enter a ContactPoint ID of 12 digits; check each digit was typed correctly"));
            model.addAttribute("contactPointId", contactPointId.length() > 20 ? "" : contactPointId);
            return "manual/children";
        }
    }

    @GetMapping("/data/children/new")
    String newChild(HttpServletRequest request, Model model) {
        manager(request);
        return form(Map.of(), Map.of(), model);
    }

    private static String form(Map<String, String> form, Map<String, String> errors, Model model) {
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        model.addAttribute("genders", Gender.values());
        return "manual/new";
    }

    /** The details entered: validated, then checked against the directory (or, with "change", shown again). */
    @PostMapping("/data/children/new")
    String check(@RequestParam Map<String, String> form, HttpServletRequest request, Model model) {
        Viewer viewer = manager(request);
        Map<String, String> values = formValues(form);
        if (form.containsKey("change")) {
            return form(values, Map.of(), model);
        }
        Map<String, String> errors = new LinkedHashMap<>();
        ManualChild child = child(values, errors);
        child.problems(LocalDate.now(), true).forEach(errors::putIfAbsent);
        if (!errors.isEmpty()) {
            return form(values, errors, model);
        }
        return outcome(records.check(viewer, child), values, model, null);
    }

    /** "None of these is the child: create a new record". */
    @PostMapping("/data/children/new/confirm")
    String confirm(@RequestParam Map<String, String> form, HttpServletRequest request, Model model,
                   RedirectAttributes redirect) {
        Viewer viewer = manager(request);
        Map<String, String> values = formValues(form);
        Map<String, String> errors = new LinkedHashMap<>();
        ManualChild child = child(values, errors);
        if (!errors.isEmpty()) {
            return form(values, errors, model);
        }
        return outcome(records.create(viewer, checkId(form), child), values, model, redirect);
    }

    /** "This is the same child": nothing is created; the user goes on to open that record, with a reason. */
    @PostMapping("/data/children/new/same")
    String same(@RequestParam Map<String, String> form, HttpServletRequest request, Model model,
                RedirectAttributes redirect) {
        Viewer viewer = manager(request);
        ContactPointId chosen;
        try {
            chosen = new ContactPointId(form.getOrDefault("contactPointId", ""));
        } catch (InvalidValueException e) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST);
        }
        return outcome(records.sameChild(viewer, checkId(form), chosen), formValues(form), model, redirect);
    }

    private String outcome(ManualRecords.Outcome outcome, Map<String, String> values, Model model,
                           RedirectAttributes redirect) {
        if (outcome instanceof ManualRecords.Invalid invalid) {
            return form(values, invalid.problems(), model);
        }
        if (outcome instanceof ManualRecords.Checked checked) {
            model.addAttribute("form", values);
            model.addAttribute("checkId", checked.checkId());
            model.addAttribute("candidates", checked.candidates());
            model.addAttribute("notShown", checked.notShown());
            model.addAttribute("again", checked.again());
            model.addAttribute("gender", values.containsKey("gender") ? Gender.valueOf(values.get("gender")).label() : "");
            model.addAttribute("summaryName", String.join(" ", java.util.stream.Stream.of(values.get("givenName"),
                    values.get("middleNames"), values.get("familyName")).filter(x -> !x.isBlank()).map(String::strip).toList()));
            model.addAttribute("summaryDob", dateOfBirth(values, new LinkedHashMap<>()));
            List<String> address = java.util.stream.Stream.of(values.get("addressLine1"), values.get("addressLine2"),
                    values.get("town"), values.get("postcode")).filter(x -> !x.isBlank()).map(String::strip).toList();
            model.addAttribute("summaryAddress", address.isEmpty() ? "Not known" : String.join(", ", address));
            return "manual/check";
        }
        if (outcome instanceof ManualRecords.Created created) {
            redirect.addFlashAttribute("done", "Record created. The child's ContactPoint ID is "
                    + created.contactPointId().formatted() + ".");
            return "redirect:/data/children";
        }
        ManualRecords.SameChild same = (ManualRecords.SameChild) outcome;
        if (same.restricted()) {
            redirect.addFlashAttribute("problem", "Nothing was created. That record is shielded: contact your local "
                    + "authority's shielding officer before doing anything more about this child.");
            return "redirect:/data/children";
        }
        // The reason step of opening a record, with the ID filled in (as from a search result).
        model.addAttribute("errors", Map.of());
        model.addAttribute("contactPointId", same.contactPointId().value());
        model.addAttribute("reasonOrder", RecordController.REASON_ORDER);
        model.addAttribute("reasonLabels", RecordController.REASONS);
        model.addAttribute("done", "Nothing was created. Open the existing record to check or correct it.");
        return "records/open";
    }

    private static long checkId(Map<String, String> form) {
        try {
            return Long.parseLong(form.getOrDefault("checkId", ""));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** The known fields of the form only, each at most 300 characters (longer is refused by validation anyway). */
    private static Map<String, String> formValues(Map<String, String> form) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String field : TEXT_FIELDS) {
            values.put(field, cut(form.get(field)));
        }
        for (String field : List.of("dateOfBirth-day", "dateOfBirth-month", "dateOfBirth-year")) {
            values.put(field, cut(form.get(field)));
        }
        String gender = form.get("gender");
        for (Gender g : Gender.values()) {
            if (g.name().equals(gender)) {
                values.put("gender", gender);
            }
        }
        return values;
    }

    private static String cut(String s) {
        if (s == null) {
            return "";
        }
        return s.length() > 300 ? s.substring(0, 300) : s;
    }

    private static ManualChild child(Map<String, String> v, Map<String, String> errors) {
        return new ManualChild(v.get("givenName"), v.get("middleNames"), v.get("familyName"), dateOfBirth(v, errors),
                v.containsKey("gender") ? Gender.valueOf(v.get("gender")) : null, v.get("addressLine1"),
                v.get("addressLine2"), v.get("town"), v.get("postcode"), v.get("nhsNumber"), v.get("upn"),
                v.get("schoolUrn"), v.get("gpPracticeCode"));
    }

    /** Day, month and year inputs: null when all are empty, null and an error when they are not a real date. */
    static LocalDate dateOfBirth(Map<String, String> form, Map<String, String> errors) {
        return FormDates.read(form, "dateOfBirth", "Date of birth", errors);
    }

    // ---- correct ----

    @GetMapping("/data/children/{contactPointId}/edit")
    String edit(@PathVariable String contactPointId, HttpServletRequest request, Model model) {
        Viewer viewer = manager(request);
        ContactPointId id = id(contactPointId);
        ManualRecords.Editable editable = records.edit(viewer, id)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        return editPage(editable, values(editable.child()), Map.of(), "", editable.version(), model);
    }

    @PostMapping("/data/children/{contactPointId}/edit")
    String amend(@PathVariable String contactPointId, @RequestParam Map<String, String> form,
                 HttpServletRequest request, Model model, RedirectAttributes redirect) {
        Viewer viewer = manager(request);
        ContactPointId id = id(contactPointId);
        Map<String, String> values = formValues(form);
        Map<String, String> errors = new LinkedHashMap<>();
        ManualChild child = child(values, errors);
        int version;
        try {
            version = Integer.parseInt(form.getOrDefault("version", ""));
        } catch (NumberFormatException e) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST);
        }
        String reason = cut(form.get("reason"));
        if (!errors.isEmpty()) {
            // The date was not a real one: report the other fields' problems with it, as the service would.
            child.problems(LocalDate.now(), false).forEach(errors::putIfAbsent);
            if (reason.isBlank()) {
                errors.put("reason", "Say why you are correcting the record (for example, 'birth certificate seen')");
            }
        } else {
            ManualRecords.Correction correction = records.amend(viewer, id, child, version, reason)
                    .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
            if (correction instanceof ManualRecords.Corrected corrected) {
                redirect.addFlashAttribute("done", "Record corrected (" + corrected.fields().size()
                        + (corrected.fields().size() == 1 ? " value" : " values") + "). The old values are kept in its history.");
                return "redirect:/data/children/" + id.value() + "/edit";
            }
            errors.putAll(((ManualRecords.NotCorrected) correction).problems());
        }
        ManualRecords.Editable editable = records.edit(viewer, id)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        return editPage(editable, values, errors, reason, version, model);
    }

    private static ContactPointId id(String text) {
        try {
            return new ContactPointId(text);
        } catch (InvalidValueException e) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
    }

    private static String editPage(ManualRecords.Editable editable, Map<String, String> values, Map<String, String> errors,
                                   String reason, int version, Model model) {
        model.addAttribute("child", editable.child());
        java.time.format.DateTimeFormatter when = java.time.format.DateTimeFormatter.ofPattern("d MMM yyyy HH:mm")
                .withZone(java.time.ZoneId.of("Europe/London"));
        model.addAttribute("history", editable.history().stream().map(a -> Map.of("when", when.format(a.amendedAt()),
                "field", a.field().replace('_', ' '), "was", a.oldValue() == null ? "(empty)" : a.oldValue(),
                "now", a.newValue() == null ? "(empty)" : a.newValue(), "byAndWhy", a.amendedBy() + ": " + a.reason())).toList());
        model.addAttribute("shielded", editable.shielded());
        model.addAttribute("form", values);
        model.addAttribute("errors", errors);
        model.addAttribute("reason", reason);
        model.addAttribute("version", version);
        model.addAttribute("genders", Gender.values());
        return "manual/edit";
    }

    private static Map<String, String> values(DisclosedChild c) {
        Map<String, String> v = new LinkedHashMap<>();
        v.put("givenName", nz(c.name().given()));
        v.put("middleNames", nz(c.name().middle()));
        v.put("familyName", c.name().family());
        v.put("dateOfBirth-day", Integer.toString(c.dateOfBirth().getDayOfMonth()));
        v.put("dateOfBirth-month", Integer.toString(c.dateOfBirth().getMonthValue()));
        v.put("dateOfBirth-year", Integer.toString(c.dateOfBirth().getYear()));
        v.put("gender", c.gender().name());
        if (c.address() != null) {
            v.put("addressLine1", nz(c.address().line1()));
            v.put("addressLine2", nz(c.address().line2()));
            v.put("town", nz(c.address().town()));
            v.put("postcode", c.address().postcode() == null ? "" : c.address().postcode().value());
        }
        return v;
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
