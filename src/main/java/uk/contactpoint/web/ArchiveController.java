package uk.contactpoint.web;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

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
import uk.contactpoint.safeguards.ArchivedRecords;
import uk.contactpoint.safeguards.DisclosedChild;
import uk.contactpoint.safeguards.DisclosurePolicy;

/**
 * The archive (ADR 28): an LA data manager (first year after archiving) or a national administrator (a
 * statutory purpose) opens an archived record by ContactPoint ID with a reason. As with live records the ID
 * travels in the form, never the URL. A record the viewer may not see answers 404 with the form again; anyone
 * else gets 403.
 */
@Controller
class ArchiveController {

    private final CurrentViewer viewers;
    private final ArchivedRecords archive;

    ArchiveController(CurrentViewer viewers, ArchivedRecords archive) {
        this.viewers = viewers;
        this.archive = archive;
    }

    @GetMapping("/archive")
    String form(HttpServletRequest request, Model model) {
        return form(user(request), Map.of(), Map.of(), model);
    }

    private String form(Viewer viewer, Map<String, String> form, Map<String, String> errors, Model model) {
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        model.addAttribute("needsPurpose", ArchivedRecords.needsPurpose(viewer));
        model.addAttribute("purposes", DisclosurePolicy.ArchivePurpose.values());
        return "records/archive";
    }

    @PostMapping("/archive")
    String open(@RequestParam Map<String, String> form, HttpServletRequest request, HttpServletResponse response, Model model) {
        Viewer viewer = user(request);
        Map<String, String> errors = new LinkedHashMap<>();
        ContactPointId id = null;
        String text = form.getOrDefault("contactPointId", "");
        if (text.isBlank()) {
            errors.put("contactPointId", "Enter the child's ContactPoint ID");
        } else {
            try {
                id = new ContactPointId(text);
            } catch (InvalidValueException e) {
                errors.put("contactPointId", "Enter a ContactPoint ID of 12 digits; check each digit was typed correctly");
            }
        }
        DisclosurePolicy.ArchivePurpose purpose = null;
        if (ArchivedRecords.needsPurpose(viewer)) {
            try {
                purpose = DisclosurePolicy.ArchivePurpose.valueOf(form.getOrDefault("purpose", ""));
            } catch (IllegalArgumentException e) {
                errors.put("purpose", "Choose the statutory purpose: child-protection investigation, serious case review or child-death review");
            }
        }
        String reason = form.getOrDefault("reason", "").strip();
        if (reason.isEmpty()) {
            errors.put("reason", "Say why you are opening this archived record");
        }
        if (errors.isEmpty()) {
            try {
                Optional<DisclosedChild> child = archive.open(viewer, id, purpose, reason);
                if (child.isPresent()) {
                    return RecordController.show(child.get(), null, viewer, model);
                }
                errors.put("contactPointId", "No archived record you can see has that ContactPoint ID");
                response.setStatus(HttpStatus.NOT_FOUND.value());
            } catch (IllegalArgumentException e) {
                errors.put("reason", e.getMessage());
            }
        }
        return form(viewer, new LinkedHashMap<>(form), errors, model);
    }

    private Viewer user(HttpServletRequest request) {
        Viewer viewer = viewers.of(request).orElseThrow(() -> new ResponseStatusException(HttpStatus.FORBIDDEN));
        if (!ArchivedRecords.mayUse(viewer)) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN);
        }
        return viewer;
    }
}
