package uk.contactpoint.web;

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
import uk.contactpoint.safeguards.AddressExclusions;
import uk.contactpoint.safeguards.Shielding;

/** The address exclusion register page of an LA's shielding officers: add and remove refuges and safe houses (ADR 22). */
@Controller
class AddressExclusionController {

    private final CurrentViewer viewers;
    private final AddressExclusions exclusions;

    AddressExclusionController(CurrentViewer viewers, AddressExclusions exclusions) {
        this.viewers = viewers;
        this.exclusions = exclusions;
    }

    private Viewer officer(HttpServletRequest request) {
        Viewer viewer = viewers.of(request).orElseThrow(() -> new ResponseStatusException(HttpStatus.FORBIDDEN));
        if (!Shielding.shields(viewer)) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN);
        }
        return viewer;
    }

    @GetMapping("/shielding/addresses")
    String page(HttpServletRequest request, Model model) {
        model.addAttribute("entries", exclusions.of(officer(request)));
        return "shielding-addresses";
    }

    @PostMapping("/shielding/addresses")
    String add(@RequestParam(defaultValue = "") String line1, @RequestParam(defaultValue = "") String postcode,
               HttpServletRequest request, RedirectAttributes redirect) {
        Viewer officer = officer(request);
        try {
            exclusions.add(officer, line1, postcode);
            redirect.addFlashAttribute("done", "The address is on the register: it is not shown, and not used to match records.");
        } catch (IllegalArgumentException e) {
            redirect.addFlashAttribute("problem", e.getMessage());
        }
        return "redirect:/shielding/addresses";
    }

    @PostMapping("/shielding/addresses/{id}/remove")
    String remove(@PathVariable long id, HttpServletRequest request, RedirectAttributes redirect) {
        Viewer officer = officer(request);
        try {
            exclusions.remove(officer, id);
            redirect.addFlashAttribute("done", "The address is no longer on the register.");
        } catch (IllegalArgumentException e) {
            redirect.addFlashAttribute("problem", e.getMessage());
        }
        return "redirect:/shielding/addresses";
    }
}
