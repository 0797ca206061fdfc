package uk.contactpoint.web;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import uk.contactpoint.access.CurrentViewer;
import uk.contactpoint.access.UserAdministration;
import uk.contactpoint.access.Viewer;
import uk.contactpoint.audit.AccessHistory;
import uk.contactpoint.audit.AuditEvent;
import uk.contactpoint.audit.MisuseAlerts;
import uk.contactpoint.directory.ChildRecord;
import uk.contactpoint.directory.ContactPointId;
import uk.contactpoint.directory.Directory;
import uk.contactpoint.directory.InvalidValueException;

/** Oversight for LA auditors: the misuse alert queue and a child's access history (with CSV export). */
@Controller
class OversightController {

    private final CurrentViewer viewers;
    private final MisuseAlerts alerts;
    private final AccessHistory history;
    private final Directory directory;

    OversightController(CurrentViewer viewers, MisuseAlerts alerts, AccessHistory history, Directory directory) {
        this.viewers = viewers;
        this.alerts = alerts;
        this.history = history;
        this.directory = directory;
    }

    private Viewer auditor(HttpServletRequest request) {
        Viewer viewer = viewers.of(request).orElseThrow(() -> new ResponseStatusException(HttpStatus.FORBIDDEN));
        if (!MisuseAlerts.reviews(viewer)) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN);
        }
        return viewer;
    }

    @GetMapping("/oversight/alerts")
    String queue(HttpServletRequest request, Model model) {
        model.addAttribute("alerts", alerts.queue(auditor(request)));
        return "oversight/alerts";
    }

    @PostMapping("/oversight/alerts/{id}/decide")
    String decide(@PathVariable long id, @RequestParam(defaultValue = "") String decision, @RequestParam(defaultValue = "") String note,
                  HttpServletRequest request, RedirectAttributes redirect) {
        Viewer auditor = auditor(request);
        MisuseAlerts.Decision d;
        try {
            d = MisuseAlerts.Decision.valueOf(decision);
        } catch (IllegalArgumentException e) {
            redirect.addFlashAttribute("problem", "Choose dismiss, escalate or suspend");
            return "redirect:/oversight/alerts";
        }
        try {
            alerts.decide(auditor, id, d, note);
            redirect.addFlashAttribute("done", "Alert " + id + ": " + d.name().toLowerCase() + (d == MisuseAlerts.Decision.SUSPEND
                    ? "ed. The user's sessions have ended and their manager has been told." : "ed."));
        } catch (UserAdministration.AccessDenied e) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN);
        } catch (IllegalArgumentException e) {
            redirect.addFlashAttribute("problem", e.getMessage());
        }
        return "redirect:/oversight/alerts";
    }

    @GetMapping("/oversight/children")
    String historyForm(HttpServletRequest request, Model model) {
        auditor(request);
        model.addAttribute("errors", Map.of());
        return "oversight/history";
    }

    private Optional<ChildRecord> child(Viewer auditor, String contactPointId, Map<String, String> errors) {
        ContactPointId id;
        try {
            id = new ContactPointId(contactPointId);
        } catch (InvalidValueException e) {
            errors.put("contactPointId", "Enter a ContactPoint ID of 12 digits");
            return Optional.empty();
        }
        Optional<ChildRecord> child = directory.find(id).filter(c -> c.responsibleLa() != null
                && c.responsibleLa().code().value().equals(auditor.localAuthority()));
        if (child.isEmpty()) {
            errors.put("contactPointId", "No child your local authority is responsible for has that ContactPoint ID");
        }
        return child;
    }

    @PostMapping("/oversight/children")
    String historyOf(@RequestParam(defaultValue = "") String contactPointId, HttpServletRequest request, Model model) {
        Viewer auditor = auditor(request);
        Map<String, String> errors = new LinkedHashMap<>();
        Optional<ChildRecord> child = child(auditor, contactPointId, errors);
        model.addAttribute("errors", errors);
        model.addAttribute("contactPointId", contactPointId);
        child.ifPresent(c -> {
            List<AuditEvent> events = history.of(auditor, c.id());
            model.addAttribute("events", events);
        });
        return "oversight/history";
    }

    @PostMapping("/oversight/children/export")
    ResponseEntity<byte[]> export(@RequestParam(defaultValue = "") String contactPointId, HttpServletRequest request) {
        Viewer auditor = auditor(request);
        Optional<ChildRecord> child = child(auditor, contactPointId, new LinkedHashMap<>());
        if (child.isEmpty()) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        byte[] csv = AccessHistory.csv(history.export(auditor, child.get().id())).getBytes(StandardCharsets.UTF_8);
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename("access-history.csv").build().toString())
                .contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                .body(csv);
    }
}
