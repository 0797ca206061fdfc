package uk.contactpoint.web;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

import uk.contactpoint.access.CurrentViewer;
import uk.contactpoint.access.Viewer;
import uk.contactpoint.directory.ContactPointId;
import uk.contactpoint.directory.InvalidValueException;
import uk.contactpoint.safeguards.ChildRecords;
import uk.contactpoint.safeguards.DisclosedChild;
import uk.contactpoint.safeguards.DisclosedInvolvement;
import uk.contactpoint.safeguards.ViewCap;

/**
 * Opening a record by ContactPoint ID with a reason. The record is rendered in the response to the POST,
 * so the ID never appears in a URL (and so never in access logs or browser history).
 */
@Controller
class RecordController {

    static final int MAX_REASON = 200;

    private final CurrentViewer viewers;
    private final ChildRecords records;
    private final ViewCap cap;

    RecordController(CurrentViewer viewers, ChildRecords records, ViewCap cap) {
        this.viewers = viewers;
        this.records = records;
        this.cap = cap;
    }

    /** Why a practitioner opens a record: a choice, and a few words of their own if they wish. */
    static final Map<String, String> REASONS = Map.of(
            "WORKING_WITH_CHILD", "I am working with this child",
            "CHILD_PROTECTION", "Child protection enquiry",
            "CONTACT_PRACTITIONER", "Trying to contact a practitioner",
            "MISSING_EDUCATION", "Missing from education",
            "OTHER", "Another reason");
    static final java.util.List<String> REASON_ORDER = java.util.List.of("WORKING_WITH_CHILD", "CHILD_PROTECTION",
            "CONTACT_PRACTITIONER", "MISSING_EDUCATION", "OTHER");

    @GetMapping("/records/open")
    String form(Model model) {
        model.addAttribute("errors", Map.of());
        reasons(model);
        return "records/open";
    }

    /** From a search result: the reason step for that child (the id travels in the form, never the URL). */
    @PostMapping("/records/start")
    String start(@RequestParam(defaultValue = "") String contactPointId, HttpServletRequest request, Model model) {
        viewers.of(request).orElseThrow(() -> new ResponseStatusException(HttpStatus.FORBIDDEN));
        model.addAttribute("errors", Map.of());
        model.addAttribute("contactPointId", contactPointId.length() > 20 ? "" : contactPointId);
        reasons(model);
        return "records/open";
    }

    private static void reasons(Model model) {
        model.addAttribute("reasonOrder", REASON_ORDER);
        model.addAttribute("reasonLabels", REASONS);
    }

    @PostMapping("/records/open")
    String open(@RequestParam(defaultValue = "") String contactPointId, @RequestParam(defaultValue = "") String reason,
                @RequestParam(defaultValue = "") String reasonChoice, @RequestParam(defaultValue = "") String reasonDetail,
                HttpServletRequest request, Model model) {
        Viewer viewer = viewers.of(request).orElseThrow(() -> new ResponseStatusException(HttpStatus.FORBIDDEN));
        reasons(model);
        if (reason.isBlank() && REASONS.containsKey(reasonChoice)) {
            reason = REASONS.get(reasonChoice) + (reasonDetail.isBlank() ? "" : ": " + reasonDetail.strip());
        } else if (reason.isBlank() && !reasonDetail.isBlank() && reasonChoice.isBlank()) {
            reason = reasonDetail.strip();
        }
        model.addAttribute("reasonChoice", reasonChoice);
        model.addAttribute("reasonDetail", reasonDetail);
        Map<String, String> errors = new LinkedHashMap<>();
        ContactPointId id = null;
        if (contactPointId.isBlank()) {
            errors.put("contactPointId", "Enter the child's ContactPoint ID");
        } else {
            try {
                id = new ContactPointId(contactPointId);
            } catch (InvalidValueException e) {
                errors.put("contactPointId", "Enter a ContactPoint ID of 12 digits; check each digit was typed correctly");
            }
        }
        if (reason.isBlank()) {
            errors.put("reason", "Choose why you are opening this record");
        } else if (reason.length() > MAX_REASON) {
            errors.put("reason", "Reason must be " + MAX_REASON + " characters or fewer");
        }
        if (errors.isEmpty()) {
            Optional<DisclosedChild> child;
            try {
                child = records.open(viewer, id, reason);
            } catch (ViewCap.Reached e) {
                model.addAttribute("contactPointId", id.value());
                model.addAttribute("message", e.getMessage());
                model.addAttribute("errors", Map.of());
                return "records/capped";
            }
            if (child.isPresent()) {
                return show(child.get(), null, viewer, model);
            }
            errors.put("contactPointId", "No record you can see has that ContactPoint ID");
        }
        model.addAttribute("errors", errors);
        model.addAttribute("contactPointId", contactPointId);
        model.addAttribute("reason", reason);
        return "records/open";
    }

    /** Beyond the daily cap: ask the manager to approve this one record. */
    @PostMapping("/records/approval")
    String ask(@RequestParam(defaultValue = "") String contactPointId, @RequestParam(defaultValue = "") String reason,
               HttpServletRequest request, Model model) {
        Viewer viewer = viewers.of(request).orElseThrow(() -> new ResponseStatusException(HttpStatus.FORBIDDEN));
        ContactPointId id;
        try {
            id = new ContactPointId(contactPointId);
        } catch (InvalidValueException e) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST);
        }
        try {
            cap.ask(viewer, id, reason);
        } catch (IllegalArgumentException e) {
            model.addAttribute("contactPointId", id.value());
            model.addAttribute("errors", Map.of("reason", e.getMessage()));
            return "records/capped";
        }
        model.addAttribute("contactPointId", id.value());
        model.addAttribute("asked", true);
        model.addAttribute("errors", Map.of());
        return "records/capped";
    }

    @GetMapping("/approvals")
    String approvals(HttpServletRequest request, Model model) {
        Viewer viewer = viewers.of(request).orElseThrow(() -> new ResponseStatusException(HttpStatus.FORBIDDEN));
        model.addAttribute("requests", cap.waitingFor(viewer));
        return "records/approvals";
    }

    @PostMapping("/approvals/decide")
    String decide(@RequestParam long requestId, @RequestParam(defaultValue = "") String decision, HttpServletRequest request,
                  org.springframework.web.servlet.mvc.support.RedirectAttributes redirect) {
        Viewer viewer = viewers.of(request).orElseThrow(() -> new ResponseStatusException(HttpStatus.FORBIDDEN));
        try {
            cap.decide(viewer, requestId, "APPROVE".equals(decision));
            redirect.addFlashAttribute("done", "APPROVE".equals(decision) ? "Approved: they can open that record today" : "Declined");
        } catch (IllegalArgumentException e) {
            redirect.addFlashAttribute("problem", e.getMessage());
        }
        return "redirect:/approvals";
    }

    /** The record page for a child as the viewer may see it, with a success message after a change (or null). */
    static String show(DisclosedChild child, String done, Viewer viewer, Model model) {
        model.addAttribute("child", child);
        model.addAttribute("maskedLabel", DisclosedInvolvement.MASKED_LABEL);
        model.addAttribute("done", done);
        model.addAttribute("practitioner", viewer.has(uk.contactpoint.access.Role.PRACTITIONER));
        model.addAttribute("breakGlassAllowed", uk.contactpoint.safeguards.BreakGlass.permitted(viewer));
        // the history of responsible authorities is the LA team's (the page itself checks it is the child's LA's)
        model.addAttribute("laTeam", uk.contactpoint.transfers.LeftEngland.lists(viewer));
        return "records/record";
    }
}
