package uk.contactpoint.web;

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
import uk.contactpoint.directory.MergeHistory;
import uk.contactpoint.directory.MergeRefusedException;
import uk.contactpoint.ingest.RecordMerging;
import uk.contactpoint.ingest.ReviewQueue;

/**
 * The LA data managers' pages (ADR 15): the review queue of possible matches, one row beside its candidate
 * with the decision form, merging two records and a record's merge history with "undo".
 */
@Controller
class DataManagementController {

    private final CurrentViewer viewers;
    private final ReviewQueue queue;
    private final RecordMerging merging;

    DataManagementController(CurrentViewer viewers, ReviewQueue queue, RecordMerging merging) {
        this.viewers = viewers;
        this.queue = queue;
        this.merging = merging;
    }

    private Viewer viewer(HttpServletRequest request) {
        return viewers.of(request).orElseThrow(() -> new ResponseStatusException(HttpStatus.FORBIDDEN));
    }

    private Viewer reviewer(HttpServletRequest request) {
        Viewer viewer = viewer(request);
        if (!ReviewQueue.reviews(viewer)) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN);
        }
        return viewer;
    }

    private Viewer merger(HttpServletRequest request) {
        Viewer viewer = viewer(request);
        if (!RecordMerging.merges(viewer)) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN);
        }
        return viewer;
    }

    @GetMapping("/data/review")
    String queue(@RequestParam(defaultValue = "1") int page, HttpServletRequest request, Model model) {
        model.addAttribute("queue", queue.open(reviewer(request), page));
        return "data/review";
    }

    @GetMapping("/data/review/{id}")
    String item(@PathVariable long id, HttpServletRequest request, Model model) {
        Viewer viewer = reviewer(request);
        model.addAttribute("item", queue.item(viewer, id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND)));
        model.addAttribute("merges", RecordMerging.merges(viewer));
        if (!model.containsAttribute("errors")) {
            model.addAttribute("errors", Map.of());
        }
        return "data/review-item";
    }

    @PostMapping("/data/review/{id}/decide")
    String decide(@PathVariable long id, @RequestParam(defaultValue = "") String decision,
                  @RequestParam(defaultValue = "") String note, HttpServletRequest request, RedirectAttributes redirect) {
        Viewer viewer = reviewer(request);
        ReviewQueue.Decision d;
        try {
            d = ReviewQueue.Decision.valueOf(decision);
        } catch (IllegalArgumentException e) {
            redirect.addFlashAttribute("errors", Map.of("decision", "Choose link, keep apart or reject"));
            redirect.addFlashAttribute("note", note);
            return "redirect:/data/review/" + id;
        }
        try {
            ReviewQueue.Decided done = queue.decide(viewer, id, d, note);
            redirect.addFlashAttribute("done", switch (done.decision()) {
                case LINK -> "Row linked to record " + done.child().formatted() + ": its identifiers are recorded on it.";
                case KEEP_APART -> "Row kept apart: new record " + done.child().formatted() + " made from it.";
                case REJECT -> "Row rejected: nothing was added to the directory.";
            } + (done.remembered() ? "" : " This row has no key, so later feeds cannot recognise it."));
            return "redirect:/data/review";
        } catch (ReviewQueue.NotFound e) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        } catch (ReviewQueue.NotAllowed | IllegalArgumentException e) {
            redirect.addFlashAttribute("problem", e.getMessage());
            redirect.addFlashAttribute("note", note);
            return "redirect:/data/review/" + id;
        }
    }

    @GetMapping("/data/merge")
    String mergeForm(@RequestParam(defaultValue = "") String keep, HttpServletRequest request, Model model) {
        merger(request);
        if (!model.containsAttribute("values")) {
            model.addAttribute("values", Map.of("keep", keep, "merge", "", "reason", ""));
        }
        if (!model.containsAttribute("errors")) {
            model.addAttribute("errors", Map.of());
        }
        return "data/merge";
    }

    @PostMapping("/data/merge")
    String merge(@RequestParam(defaultValue = "") String keep, @RequestParam(defaultValue = "") String merge,
                 @RequestParam(defaultValue = "") String reason, HttpServletRequest request, RedirectAttributes redirect) {
        Viewer viewer = merger(request);
        Map<String, String> errors = new LinkedHashMap<>();
        ContactPointId survivor = contactPointId(keep, "keep", "the record to keep", errors);
        ContactPointId merged = contactPointId(merge, "merge", "the record to merge into it", errors);
        if (reason.isBlank()) {
            errors.put("reason", "Say why these records are the same child");
        }
        if (errors.isEmpty()) {
            try {
                long mergeId = merging.merge(viewer, survivor, merged, reason);
                redirect.addFlashAttribute("done", "Record " + merged.formatted() + " is merged into " + survivor.formatted()
                        + " (merge " + mergeId + "). It is no longer found; undo the merge here if it was wrong.");
                return "redirect:/data/children/" + survivor.value() + "/history";
            } catch (MergeRefusedException | RecordMerging.NotAllowed e) {
                redirect.addFlashAttribute("problem", e.getMessage());
            }
        }
        redirect.addFlashAttribute("errors", errors);
        redirect.addFlashAttribute("values", Map.of("keep", keep, "merge", merge, "reason", reason));
        return "redirect:/data/merge";
    }

    private static ContactPointId contactPointId(String value, String field, String what, Map<String, String> errors) {
        if (value.isBlank()) {
            errors.put(field, "Enter the ContactPoint ID of " + what);
            return null;
        }
        try {
            return new ContactPointId(value);
        } catch (InvalidValueException e) {
            errors.put(field, "The ContactPoint ID of " + what + " " + e.getMessage().substring(e.getMessage().indexOf(':') + 2));
            return null;
        }
    }

    @GetMapping("/data/children/{contactPointId}/history")
    String history(@PathVariable String contactPointId, HttpServletRequest request, Model model) {
        Viewer viewer = viewer(request);
        if (!RecordMerging.seesHistory(viewer)) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN);
        }
        ContactPointId id;
        try {
            id = new ContactPointId(contactPointId);
        } catch (InvalidValueException e) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        try {
            model.addAttribute("history", merging.history(viewer, id)
                    .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND)));
        } catch (RecordMerging.NotAllowed e) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN);
        }
        return "data/history";
    }

    @PostMapping("/data/merges/{id}/unmerge")
    String unmerge(@PathVariable long id, @RequestParam(defaultValue = "") String reason,
                   @RequestParam(defaultValue = "") String contactPointId, HttpServletRequest request,
                   RedirectAttributes redirect) {
        Viewer viewer = merger(request);
        String back = contactPointId.matches("\\d{12}") ? "redirect:/data/children/" + contactPointId + "/history" : "redirect:/data/merge";
        try {
            MergeHistory undone = merging.unmerge(viewer, id, reason);
            redirect.addFlashAttribute("done", "Merge " + id + " undone: record " + undone.merged().formatted()
                    + " is live again with its own names, carers, settings, services and identifiers."
                    + (undone.survivorShieldedByMerge() ? " Record " + undone.survivor().formatted() + " stays shielded: "
                    + "unshielding needs two shielding officers." : ""));
        } catch (MergeRefusedException | RecordMerging.NotAllowed e) {
            redirect.addFlashAttribute("problem", e.getMessage());
        }
        return back;
    }
}
