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

/**
 * Opening a record by ContactPoint ID with a reason. The record is rendered in the response to the POST,
 * so the ID never appears in a URL (and so never in access logs or browser history).
 */
@Controller
class RecordController {

    static final int MAX_REASON = 200;

    private final CurrentViewer viewers;
    private final ChildRecords records;

    RecordController(CurrentViewer viewers, ChildRecords records) {
        this.viewers = viewers;
        this.records = records;
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
            Optional<DisclosedChild> child = records.open(viewer, id, reason);
            if (child.isPresent()) {
                model.addAttribute("child", child.get());
                model.addAttribute("maskedLabel", DisclosedInvolvement.MASKED_LABEL);
                return "records/record";
            }
            errors.put("contactPointId", "No record you can see has that ContactPoint ID");
        }
        model.addAttribute("errors", errors);
        model.addAttribute("contactPointId", contactPointId);
        model.addAttribute("reason", reason);
        return "records/open";
    }
}
