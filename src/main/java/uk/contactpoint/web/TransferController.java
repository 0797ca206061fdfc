package uk.contactpoint.web;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;

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
import uk.contactpoint.access.Viewer;
import uk.contactpoint.directory.ContactPointId;
import uk.contactpoint.directory.InvalidValueException;
import uk.contactpoint.safeguards.Shielding;
import uk.contactpoint.transfers.LeftEngland;
import uk.contactpoint.transfers.Transfers;

/**
 * Transfers between local authorities (ADR 42): the receiving LA's queue, one request with accept and decline, the
 * national administrators' escalated requests, a record's history of responsible authorities, and the list of the
 * LA's children who left England with its CSV export.
 */
@Controller
class TransferController {

    private final CurrentViewer viewers;
    private final Transfers transfers;
    private final LeftEngland leftEngland;

    TransferController(CurrentViewer viewers, Transfers transfers, LeftEngland leftEngland) {
        this.viewers = viewers;
        this.transfers = transfers;
        this.leftEngland = leftEngland;
    }

    @GetMapping("/transfers")
    String queue(HttpServletRequest request, Model model) {
        Viewer viewer = viewer(request);
        if (!Transfers.uses(viewer)) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN);
        }
        model.addAttribute("queue", transfers.queue(viewer));
        model.addAttribute("workingDays", transfers.workingDays());
        return "transfers/queue";
    }

    @GetMapping("/transfers/{id}")
    String detail(@PathVariable long id, HttpServletRequest request, Model model) {
        Viewer viewer = decider(request);
        return detail(viewer, id, Map.of(), Map.of(), model);
    }

    @PostMapping("/transfers/{id}/accept")
    String accept(@PathVariable long id, @RequestParam Map<String, String> form, HttpServletRequest request, Model model,
                  RedirectAttributes redirect) {
        Viewer viewer = decider(request);
        Map<String, String> problems = new LinkedHashMap<>();
        Transfers.ShieldChoice shield = null;
        Shielding.ReasonCategory reason = null;
        LocalDate reviewDate = null;
        String choice = form.getOrDefault("shield", "");
        if (!choice.isBlank()) {
            try {
                shield = Transfers.ShieldChoice.valueOf(choice);
            } catch (IllegalArgumentException e) {
                problems.put("shield", "Choose whether the shield stays or is lifted");
            }
        }
        String reasonText = form.getOrDefault("reason", "");
        if (shield == Transfers.ShieldChoice.KEEP && !reasonText.isBlank()) {
            try {
                reason = Shielding.ReasonCategory.valueOf(reasonText);
            } catch (IllegalArgumentException e) {
                problems.put("reason", "Choose why the record is shielded");
            }
        }
        String dateText = form.getOrDefault("reviewDate", "").strip();
        if (shield == Transfers.ShieldChoice.KEEP && !dateText.isEmpty()) {
            try {
                reviewDate = LocalDate.parse(dateText);
            } catch (DateTimeParseException e) {
                problems.put("reviewDate", "Enter the review date as year-month-day, for example 2027-06-30");
            }
        }
        if (problems.isEmpty()) {
            Transfers.Acceptance acceptance = new Transfers.Acceptance(shield, reason, form.get("requestedBy"), reviewDate,
                    form.get("liftWhy"));
            problems.putAll(decide(() -> transfers.accept(viewer, id, acceptance)));
        }
        if (problems.isEmpty()) {
            redirect.addFlashAttribute("done", "Accepted: your authority is now responsible for this child."
                    + (shield == Transfers.ShieldChoice.LIFT ? " The shield stays until a second shielding officer approves lifting it under Shielding." : ""));
            return "redirect:/transfers/" + id;
        }
        return detail(viewer, id, problems, form, model);
    }

    @PostMapping("/transfers/{id}/decline")
    String decline(@PathVariable long id, @RequestParam(defaultValue = "") String declineReason, HttpServletRequest request,
                   Model model, RedirectAttributes redirect) {
        Viewer viewer = decider(request);
        Map<String, String> problems = decide(() -> transfers.decline(viewer, id, declineReason));
        if (problems.isEmpty()) {
            redirect.addFlashAttribute("done", "Declined: responsibility stays with the sending authority, who are shown your reason.");
            return "redirect:/transfers/" + id;
        }
        return detail(viewer, id, problems, Map.of("declineReason", declineReason), model);
    }

    private Map<String, String> decide(java.util.function.Supplier<Map<String, String>> decision) {
        try {
            return decision.get();
        } catch (Transfers.NotAllowed e) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
    }

    private String detail(Viewer viewer, long id, Map<String, String> errors, Map<String, String> form, Model model) {
        Transfers.Detail detail;
        try {
            detail = transfers.detail(viewer, id);
        } catch (Transfers.NotAllowed e) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        model.addAttribute("detail", detail);
        model.addAttribute("errors", errors);
        model.addAttribute("form", form);
        model.addAttribute("reasons", Shielding.ReasonCategory.values());
        model.addAttribute("names", new NameOf(transfers));
        return "transfers/detail";
    }

    /** Authority names for the history table. */
    record NameOf(Transfers transfers) {
        public String of(uk.contactpoint.directory.LocalAuthorityCode code) {
            return transfers.name(code);
        }
    }

    @GetMapping("/data/children/{contactPointId}/responsibility")
    String history(@PathVariable String contactPointId, HttpServletRequest request, Model model) {
        Viewer viewer = lister(request);
        ContactPointId id;
        try {
            id = new ContactPointId(contactPointId);
        } catch (InvalidValueException e) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        model.addAttribute("history", transfers.history(viewer, id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND)));
        model.addAttribute("contactPointId", id.value());
        model.addAttribute("names", new NameOf(transfers));
        return "transfers/history";
    }

    @GetMapping("/data/left-england")
    String leftEngland(HttpServletRequest request, Model model) {
        Viewer viewer = lister(request);
        model.addAttribute("listing", leftEngland.page(viewer));
        model.addAttribute("limit", LeftEngland.PAGE_LIMIT);
        model.addAttribute("exportLimit", LeftEngland.EXPORT_LIMIT);
        return "transfers/left-england";
    }

    @PostMapping("/data/left-england/export")
    ResponseEntity<byte[]> exportLeftEngland(HttpServletRequest request) {
        Viewer viewer = lister(request);
        String body = LeftEngland.csv(leftEngland.export(viewer).rows());
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename("left-england.csv").build().toString())
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                .body(body.getBytes(StandardCharsets.UTF_8));
    }

    private Viewer viewer(HttpServletRequest request) {
        return viewers.of(request).orElseThrow(() -> new ResponseStatusException(HttpStatus.FORBIDDEN));
    }

    private Viewer decider(HttpServletRequest request) {
        Viewer viewer = viewer(request);
        if (!Transfers.decides(viewer)) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN);
        }
        return viewer;
    }

    private Viewer lister(HttpServletRequest request) {
        Viewer viewer = viewer(request);
        if (!LeftEngland.lists(viewer)) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN);
        }
        return viewer;
    }
}
