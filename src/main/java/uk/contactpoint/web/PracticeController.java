package uk.contactpoint.web;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import uk.contactpoint.access.CurrentViewer;
import uk.contactpoint.access.Role;
import uk.contactpoint.access.UserContact;
import uk.contactpoint.access.Viewer;
import uk.contactpoint.directory.ContactPointId;
import uk.contactpoint.directory.InvalidValueException;
import uk.contactpoint.directory.ServiceType;
import uk.contactpoint.practice.Caseload;
import uk.contactpoint.practice.EntryGround;
import uk.contactpoint.practice.Involvements;
import uk.contactpoint.practice.NewEntry;
import uk.contactpoint.safeguards.ChildRecords;
import uk.contactpoint.safeguards.DisclosedChild;

/**
 * What a practitioner does on a record they opened: record their involvement, end or confirm it, propose
 * themselves as lead professional, mark themselves CAF holder, report an inaccuracy, say they opened it in
 * error; and their lists: My children, lead professional proposals, and (for LA data managers) inaccuracy
 * reports. ContactPoint IDs travel in POST bodies only. After a change the record is shown again, which is
 * a view like any other: audited, with the reason saying what was just done.
 */
@Controller
class PracticeController {

    static final Map<String, String> REPORT_LABELS = linked(
            "NAME", "Name", "DATE_OF_BIRTH", "Date of birth", "GENDER", "Gender", "ADDRESS", "Address or whereabouts",
            "CARERS", "Parents and carers", "SCHOOL_OR_GP", "School or GP practice", "SERVICES", "Practitioners and services",
            "OTHER", "Something else");

    private final CurrentViewer viewers;
    private final Involvements involvements;
    private final Caseload caseload;
    private final ChildRecords records;

    PracticeController(CurrentViewer viewers, Involvements involvements, Caseload caseload, ChildRecords records) {
        this.viewers = viewers;
        this.involvements = involvements;
        this.caseload = caseload;
        this.records = records;
    }

    // ---- record my involvement ----

    @PostMapping("/records/involvement/new")
    String newInvolvement(@RequestParam(defaultValue = "") String contactPointId, HttpServletRequest request, Model model) {
        Viewer viewer = viewer(request);
        Map<String, String> form = new HashMap<>();
        UserContact me = involvements.profile(viewer).orElse(new UserContact(viewer.userId(), "", null, null));
        form.put("phone", me.phone() == null ? "" : me.phone());
        form.put("email", me.email() == null ? "" : me.email());
        form.put("who", "ME");
        FormDates.fill(form, "startDate", LocalDate.now());
        return involvementForm(contactPointId, form, Map.of(), me.displayName(), viewer, model);
    }

    private String involvementForm(String contactPointId, Map<String, String> form, Map<String, String> errors,
                                   String displayName, Viewer viewer, Model model) {
        model.addAttribute("contactPointId", contactPointId);
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        model.addAttribute("displayName", displayName);
        model.addAttribute("organisation", viewer.organisationName());
        model.addAttribute("services", Arrays.stream(ServiceType.values()).filter(s -> !s.sensitive()).toList());
        model.addAttribute("sensitiveServices", Arrays.stream(ServiceType.values()).filter(ServiceType::sensitive).toList());
        return "practice/involvement";
    }

    @PostMapping("/records/involvement")
    String recordInvolvement(@RequestParam Map<String, String> form, HttpServletRequest request, Model model) {
        Viewer viewer = viewer(request);
        String cp = form.getOrDefault("contactPointId", "");
        Map<String, String> errors = new LinkedHashMap<>();
        LocalDate start = FormDates.read(form, "startDate", "Start date", errors);
        if (start == null && !errors.containsKey("startDate-day")) {
            errors.put("startDate-day", "Enter the date you started working with the child");
        }
        ServiceType service = null;
        try {
            service = ServiceType.valueOf(form.getOrDefault("serviceType", ""));
        } catch (IllegalArgumentException e) {
            errors.put("serviceType", "Choose your service");
        }
        boolean team = "TEAM".equals(form.get("who"));
        String teamName = form.getOrDefault("teamName", "").strip();
        if (team && teamName.isEmpty()) {
            errors.put("teamName", "Enter your team's name");
        }
        if (team && form.getOrDefault("phone", "").isBlank()) {
            errors.put("phone", "Enter your team's duty number");
        }
        if (form.getOrDefault("phone", "").isBlank() && form.getOrDefault("email", "").isBlank()) {
            errors.put("phone", "Enter a phone number or an email address so that others can reach you");
        }
        limit(form, "role", "Role", 100, errors);
        limit(form, "teamName", "Team name", 200, errors);
        limit(form, "phone", "Phone", 30, errors);
        limit(form, "email", "Email", 200, errors);
        EntryGround ground = null;
        if (service != null && service.sensitive()) {
            ground = ground(form, errors);
        }
        UserContact me = involvements.profile(viewer).orElse(new UserContact(viewer.userId(), "", null, null));
        ContactPointId id = contactPointId(cp);
        if (!errors.isEmpty()) {
            return involvementForm(cp, form, errors, me.displayName(), viewer, model);
        }
        try {
            involvements.record(viewer, id, new NewEntry(start, service, form.get("role"), team ? teamName : null,
                    form.get("phone"), form.get("email"), "on".equals(form.get("cafHolder")), ground));
        } catch (Involvements.Refused e) {
            return involvementForm(cp, form, Map.of("startDate-day", e.getMessage()), me.displayName(), viewer, model);
        }
        return record(viewer, id, "Returned to the record after recording my involvement",
                team ? "Your team's involvement is recorded" : "Your involvement is recorded", model);
    }

    private static EntryGround ground(Map<String, String> form, Map<String, String> errors) {
        String kind = form.getOrDefault("ground", "");
        if ("CONSENT".equals(kind)) {
            EntryGround.ConsentBy by = null;
            try {
                by = EntryGround.ConsentBy.valueOf(form.getOrDefault("consentBy", ""));
            } catch (IllegalArgumentException e) {
                errors.put("consentBy", "Say who gave consent");
            }
            LocalDate on = FormDates.read(form, "consentOn", "Date of consent", errors);
            if (on == null && !errors.containsKey("consentOn-day")) {
                errors.put("consentOn-day", "Enter the date consent was given");
            } else if (on != null && on.isAfter(LocalDate.now())) {
                errors.put("consentOn-day", "Date of consent must be today or in the past");
            }
            limit(form, "consentScope", "Scope of consent", 200, errors);
            return by == null || on == null || errors.containsKey("consentOn-day") ? null
                    : EntryGround.consent(by, on, form.getOrDefault("consentScope", "").strip());
        }
        if ("SIGNIFICANT_HARM".equals(kind)) {
            String justification = form.getOrDefault("justification", "").strip();
            if (justification.isEmpty()) {
                errors.put("justification", "Give the reason you suspect significant harm");
                return null;
            }
            if (justification.length() > 300) {
                errors.put("justification", "Justification must be 300 characters or fewer");
                return null;
            }
            return EntryGround.significantHarm(justification);
        }
        errors.put("ground", "A sensitive service is recorded only with consent or where you suspect significant harm: choose one");
        return null;
    }

    // ---- my entry: end, confirm, CAF holder, lead professional ----

    /** A page about one of the viewer's entries (end it, become lead professional, consent withdrawn). */
    private static String entryPage(String view, String cp, long involvementId, Map<String, String> form,
                                    Map<String, String> errors, Model model) {
        model.addAttribute("contactPointId", cp);
        model.addAttribute("involvementId", involvementId);
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        return view;
    }

    @PostMapping("/involvements/end/start")
    String endForm(@RequestParam(defaultValue = "") String contactPointId, @RequestParam long involvementId, Model model) {
        Map<String, String> form = new HashMap<>();
        FormDates.fill(form, "endDate", LocalDate.now());
        return entryPage("practice/end", contactPointId, involvementId, form, Map.of(), model);
    }


    @PostMapping("/involvements/end")
    String end(@RequestParam Map<String, String> form, HttpServletRequest request, Model model) {
        Viewer viewer = viewer(request);
        String cp = form.getOrDefault("contactPointId", "");
        long involvementId = involvementId(form);
        Map<String, String> errors = new LinkedHashMap<>();
        LocalDate end = FormDates.read(form, "endDate", "End date", errors);
        if (end == null && errors.isEmpty()) {
            errors.put("endDate-day", "Enter the date your involvement ended");
        }
        ContactPointId id = contactPointId(cp);
        if (errors.isEmpty()) {
            try {
                involvements.end(viewer, involvementId, end);
                return record(viewer, id, "Returned to the record after ending my involvement", "Your involvement has ended", model);
            } catch (Involvements.Refused e) {
                errors.put("endDate-day", e.getMessage());
            }
        }
        return entryPage("practice/end", cp, involvementId, form, errors, model);
    }

    @PostMapping("/involvements/consent/start")
    String consentForm(@RequestParam(defaultValue = "") String contactPointId, @RequestParam long involvementId, Model model) {
        Map<String, String> form = new HashMap<>();
        FormDates.fill(form, "withdrawnOn", LocalDate.now());
        return entryPage("practice/consent-withdrawn", contactPointId, involvementId, form, Map.of(), model);
    }


    @PostMapping("/involvements/consent")
    String consentWithdrawn(@RequestParam Map<String, String> form, HttpServletRequest request, Model model) {
        Viewer viewer = viewer(request);
        String cp = form.getOrDefault("contactPointId", "");
        long involvementId = involvementId(form);
        Map<String, String> errors = new LinkedHashMap<>();
        LocalDate on = FormDates.read(form, "withdrawnOn", "Date consent was withdrawn", errors);
        if (on == null && errors.isEmpty()) {
            errors.put("withdrawnOn-day", "Enter the date consent was withdrawn");
        }
        ContactPointId id = contactPointId(cp);
        if (errors.isEmpty()) {
            try {
                Involvements.Withdrawal outcome = involvements.consentWithdrawn(viewer, involvementId, on, form.get("justification"));
                return record(viewer, id, "Returned to the record after recording that consent was withdrawn",
                        outcome == Involvements.Withdrawal.ENDED ? "Consent withdrawn: your involvement has ended"
                                : "Consent withdrawn: your involvement stands on the significant-harm ground", model);
            } catch (Involvements.Refused e) {
                errors.put("withdrawnOn-day", e.getMessage());
            }
        }
        return entryPage("practice/consent-withdrawn", cp, involvementId, form, errors, model);
    }

    @PostMapping("/involvements/caf")
    String caf(@RequestParam(defaultValue = "") String contactPointId, @RequestParam long involvementId,
               @RequestParam(defaultValue = "false") boolean holder, HttpServletRequest request, Model model) {
        Viewer viewer = viewer(request);
        ContactPointId id = contactPointId(contactPointId);
        try {
            involvements.cafHolder(viewer, involvementId, holder);
            return record(viewer, id, "Returned to the record after changing the CAF holder",
                    holder ? "You are recorded as the CAF holder" : "You are no longer recorded as the CAF holder", model);
        } catch (Involvements.Refused e) {
            return recordWithProblem(viewer, id, e.getMessage(), model);
        }
    }

    @PostMapping("/involvements/confirm")
    String confirm(@RequestParam long involvementId, @RequestParam(defaultValue = "") String contactPointId,
                   HttpServletRequest request, RedirectAttributes redirect, Model model) {
        Viewer viewer = viewer(request);
        try {
            involvements.confirm(viewer, involvementId);
            if (contactPointId.isBlank()) {
                redirect.addFlashAttribute("done", "Confirmed: your involvement will not lapse for another "
                        + involvements.lapseAfterDays() + " days");
            } else {
                return record(viewer, contactPointId(contactPointId), "Returned to the record after confirming my involvement",
                        "Confirmed: your involvement will not lapse for another " + involvements.lapseAfterDays() + " days", model);
            }
        } catch (Involvements.Refused e) {
            redirect.addFlashAttribute("problem", e.getMessage());
        }
        return "redirect:/my-children";
    }

    @PostMapping("/involvements/lead/start")
    String leadForm(@RequestParam(defaultValue = "") String contactPointId, @RequestParam long involvementId, Model model) {
        Map<String, String> form = new HashMap<>();
        form.put("basis", "ASK");
        return entryPage("practice/lead", contactPointId, involvementId, form, Map.of(), model);
    }


    @PostMapping("/involvements/lead")
    String propose(@RequestParam Map<String, String> form, HttpServletRequest request, Model model) {
        Viewer viewer = viewer(request);
        String cp = form.getOrDefault("contactPointId", "");
        long involvementId = involvementId(form);
        Map<String, String> errors = new LinkedHashMap<>();
        LocalDate meeting = null;
        if ("MEETING".equals(form.get("basis"))) {
            meeting = FormDates.read(form, "meetingOn", "Date of the meeting", errors);
            if (meeting == null && errors.isEmpty()) {
                errors.put("meetingOn-day", "Enter the date of the meeting where it was agreed");
            }
        } else if (!"ASK".equals(form.get("basis"))) {
            errors.put("basis", "Choose how it was agreed");
        }
        ContactPointId id = contactPointId(cp);
        if (errors.isEmpty()) {
            try {
                Involvements.ProposalOutcome outcome = involvements.proposeLeadProfessional(viewer, involvementId, meeting);
                return record(viewer, id, "Returned to the record after proposing myself as lead professional",
                        outcome == Involvements.ProposalOutcome.RECORDED ? "You are now the lead professional"
                                : "Your proposal is sent: the current lead professional or the local authority team will confirm it",
                        model);
            } catch (Involvements.Refused e) {
                errors.put(meeting != null ? "meetingOn-day" : "basis", e.getMessage());
            }
        }
        return entryPage("practice/lead", cp, involvementId, form, errors, model);
    }

    @GetMapping("/lead-professional")
    String proposals(HttpServletRequest request, Model model) {
        Viewer viewer = viewer(request);
        model.addAttribute("waiting", involvements.proposalsFor(viewer));
        return "practice/proposals";
    }

    @PostMapping("/lead-professional/decide")
    String decide(@RequestParam long proposalId, @RequestParam(defaultValue = "") String decision,
                  HttpServletRequest request, RedirectAttributes redirect) {
        Viewer viewer = viewer(request);
        try {
            if (!decision.equals("CONFIRM") && !decision.equals("DECLINE")) {
                throw new Involvements.Refused("Choose confirm or decline");
            }
            involvements.decide(viewer, proposalId, decision.equals("CONFIRM"));
            redirect.addFlashAttribute("done", decision.equals("CONFIRM") ? "The proposal is confirmed: the record shows the new lead professional"
                    : "The proposal is declined: the practitioner has been told");
        } catch (Involvements.Refused e) {
            redirect.addFlashAttribute("problem", e.getMessage());
        }
        return "redirect:/lead-professional";
    }

    // ---- report an inaccuracy; opened in error ----

    @PostMapping("/records/inaccuracy/new")
    String reportForm(@RequestParam(defaultValue = "") String contactPointId, Model model) {
        return reportPage(contactPointId, new HashMap<>(), Map.of(), model);
    }

    private static String reportPage(String cp, Map<String, String> form, Map<String, String> errors, Model model) {
        model.addAttribute("contactPointId", cp);
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        model.addAttribute("fields", REPORT_LABELS);
        return "practice/inaccuracy";
    }

    @PostMapping("/records/inaccuracy")
    String report(@RequestParam Map<String, String> form, HttpServletRequest request, Model model) {
        Viewer viewer = viewer(request);
        String cp = form.getOrDefault("contactPointId", "");
        Map<String, String> errors = new LinkedHashMap<>();
        if (!REPORT_LABELS.containsKey(form.getOrDefault("field", ""))) {
            errors.put("field", "Choose what is wrong");
        }
        String description = form.getOrDefault("description", "").strip();
        if (description.isEmpty()) {
            errors.put("description", "Say what is wrong and what it should be");
        } else if (description.length() > 500) {
            errors.put("description", "Description must be 500 characters or fewer");
        }
        ContactPointId id = contactPointId(cp);
        if (errors.isEmpty()) {
            try {
                involvements.reportInaccuracy(viewer, id, form.get("field"), description);
                return record(viewer, id, "Returned to the record after reporting an inaccuracy",
                        "Your report is sent to the local authority ContactPoint team", model);
            } catch (Involvements.Refused e) {
                errors.put("description", e.getMessage());
            }
        }
        return reportPage(cp, form, errors, model);
    }

    @PostMapping("/records/opened-in-error")
    String openedInError(@RequestParam(defaultValue = "") String contactPointId, HttpServletRequest request, Model model) {
        Viewer viewer = viewer(request);
        records.openedInError(viewer, contactPointId(contactPointId));
        return "practice/opened-in-error";
    }

    @GetMapping("/data/inaccuracies")
    String reports(HttpServletRequest request, Model model) {
        Viewer viewer = viewer(request);
        if (!viewer.has(Role.LA_DATA_MANAGER)) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN);
        }
        model.addAttribute("reports", involvements.openReports(viewer));
        model.addAttribute("fields", REPORT_LABELS);
        return "practice/reports";
    }

    @PostMapping("/data/inaccuracies/resolve")
    String resolve(@RequestParam(defaultValue = "0") long reportId, @RequestParam(defaultValue = "") String resolution,
                   HttpServletRequest request, RedirectAttributes redirect) {
        Viewer viewer = viewer(request);
        if (!viewer.has(Role.LA_DATA_MANAGER)) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN);
        }
        try {
            involvements.resolve(viewer, reportId, resolution);
            redirect.addFlashAttribute("done", "The report is marked as dealt with and the practitioner has been told");
        } catch (Involvements.Refused e) {
            redirect.addFlashAttribute("problem", e.getMessage());
        }
        return "redirect:/data/inaccuracies";
    }

    // ---- my children ----

    @GetMapping("/my-children")
    String myChildren(HttpServletRequest request, Model model) {
        Viewer viewer = viewer(request);
        model.addAttribute("mine", caseload.of(viewer));
        model.addAttribute("lapseAfterDays", involvements.lapseAfterDays());
        return "practice/my-children";
    }

    // ---- helpers ----

    private String record(Viewer viewer, ContactPointId id, String reason, String done, Model model) {
        DisclosedChild child = records.open(viewer, id, reason)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        return RecordController.show(child, done, viewer, model);
    }

    private String recordWithProblem(Viewer viewer, ContactPointId id, String problem, Model model) {
        model.addAttribute("problem", problem);
        return record(viewer, id, "Returned to the record after a refused change", null, model);
    }

    private Viewer viewer(HttpServletRequest request) {
        return viewers.of(request).orElseThrow(() -> new ResponseStatusException(HttpStatus.FORBIDDEN));
    }

    private static ContactPointId contactPointId(String value) {
        try {
            return new ContactPointId(value);
        } catch (InvalidValueException e) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "Not a ContactPoint ID");
        }
    }

    private static long involvementId(Map<String, String> form) {
        try {
            return Long.parseLong(form.getOrDefault("involvementId", ""));
        } catch (NumberFormatException e) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "No involvement given");
        }
    }

    private static void limit(Map<String, String> form, String field, String label, int max, Map<String, String> errors) {
        if (form.getOrDefault(field, "").strip().length() > max && !errors.containsKey(field)) {
            errors.put(field, label + " must be " + max + " characters or fewer");
        }
    }

    private static Map<String, String> linked(String... pairs) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], pairs[i + 1]);
        }
        return map;
    }
}
