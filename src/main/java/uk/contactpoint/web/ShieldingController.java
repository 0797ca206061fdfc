package uk.contactpoint.web;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
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
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import uk.contactpoint.access.CurrentViewer;
import uk.contactpoint.access.Viewer;
import uk.contactpoint.directory.ContactPointId;
import uk.contactpoint.directory.InvalidValueException;
import uk.contactpoint.ingest.CsvReader;
import uk.contactpoint.safeguards.Shielding;
import uk.contactpoint.safeguards.ShieldingImport;

/**
 * The LA shielding officers' pages: shield a record, propose unshielding, approve another officer's proposal;
 * and import the LA's list of records to shield from a CSV file, with a row-by-row report (ADR 22).
 */
@Controller
class ShieldingController {

    static final int MAX_IMPORT_BYTES = 2 * 1024 * 1024;

    private final CurrentViewer viewers;
    private final Shielding shielding;
    private final ShieldingImport imports;

    ShieldingController(CurrentViewer viewers, Shielding shielding, ShieldingImport imports) {
        this.viewers = viewers;
        this.shielding = shielding;
        this.imports = imports;
    }

    private Viewer officer(HttpServletRequest request) {
        Viewer viewer = viewers.of(request).orElseThrow(() -> new ResponseStatusException(HttpStatus.FORBIDDEN));
        if (!Shielding.shields(viewer)) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN);
        }
        return viewer;
    }

    @GetMapping("/shielding")
    String page(HttpServletRequest request, Model model) {
        Viewer officer = officer(request);
        model.addAttribute("pending", shielding.pending(officer));
        model.addAttribute("reasons", Shielding.ReasonCategory.values());
        model.addAttribute("me", officer.username());
        return "shielding";
    }

    @PostMapping("/shielding/shield")
    String shield(@RequestParam Map<String, String> form, HttpServletRequest request, RedirectAttributes redirect) {
        Viewer officer = officer(request);
        try {
            Shielding.ReasonCategory reason = form.getOrDefault("reason", "").isBlank() ? null
                    : Shielding.ReasonCategory.valueOf(form.get("reason"));
            LocalDate review = form.getOrDefault("reviewDate", "").isBlank() ? null : LocalDate.parse(form.get("reviewDate").trim());
            shielding.shield(officer, new ContactPointId(form.getOrDefault("contactPointId", "")), reason, form.get("requestedBy"), review);
            redirect.addFlashAttribute("done", "The record is shielded. Its address, school, GP practice and services are hidden from practitioners.");
        } catch (InvalidValueException e) {
            redirect.addFlashAttribute("problem", "Enter a ContactPoint ID of 12 digits");
        } catch (DateTimeParseException e) {
            redirect.addFlashAttribute("problem", "Enter the review date as year-month-day, for example 2027-06-30");
        } catch (IllegalArgumentException e) {
            redirect.addFlashAttribute("problem", e.getMessage());
        }
        return "redirect:/shielding";
    }

    @PostMapping("/shielding/unshield")
    String propose(@RequestParam(defaultValue = "") String contactPointId, @RequestParam(defaultValue = "") String why,
                   HttpServletRequest request, RedirectAttributes redirect) {
        Viewer officer = officer(request);
        try {
            shielding.proposeUnshield(officer, new ContactPointId(contactPointId), why);
            redirect.addFlashAttribute("done", "Unshielding proposed. Another shielding officer must approve it.");
        } catch (InvalidValueException e) {
            redirect.addFlashAttribute("problem", "Enter a ContactPoint ID of 12 digits");
        } catch (IllegalArgumentException e) {
            redirect.addFlashAttribute("problem", e.getMessage());
        }
        return "redirect:/shielding";
    }

    @PostMapping("/shielding/proposals/{id}/approve")
    String approve(@PathVariable long id, HttpServletRequest request, RedirectAttributes redirect) {
        Viewer officer = officer(request);
        try {
            shielding.approveUnshield(officer, id);
            redirect.addFlashAttribute("done", "Approved: the record is no longer shielded.");
        } catch (Shielding.NotAllowed | IllegalArgumentException e) {
            redirect.addFlashAttribute("problem", e.getMessage());
        }
        return "redirect:/shielding";
    }

    @GetMapping("/shielding/import")
    String importForm(HttpServletRequest request, Model model) {
        officer(request);
        return importPage(model, Map.of(), null);
    }

    @PostMapping("/shielding/import")
    String importFile(@RequestParam(name = "file", required = false) MultipartFile file,
                      @RequestParam(name = "csv", defaultValue = "") String pasted, HttpServletRequest request,
                      Model model) throws IOException {
        Viewer officer = officer(request);
        String csv = pasted;
        if (file != null && !file.isEmpty()) {
            if (file.getSize() > MAX_IMPORT_BYTES) {
                return importPage(model, Map.of("file", "The file is larger than 2 MB: split it into smaller files"), null);
            }
            csv = new String(file.getBytes(), StandardCharsets.UTF_8);
        }
        if (csv.isBlank()) {
            return importPage(model, Map.of("file", "Choose a CSV file of records to shield, or paste its contents"), null);
        }
        List<String[]> records = new ArrayList<>();
        try (CsvReader reader = new CsvReader(new StringReader(csv))) {
            for (String[] record = reader.next(); record != null; record = reader.next()) {
                records.add(record);
            }
        }
        return importPage(model, Map.of(), imports.importRows(officer, records));
    }

    private static String importPage(Model model, Map<String, String> errors, ShieldingImport.Report report) {
        model.addAttribute("header", ShieldingImport.HEADER);
        model.addAttribute("reasons", Shielding.ReasonCategory.values());
        model.addAttribute("errors", errors);
        model.addAttribute("report", report);
        return "shielding-import";
    }
}
