package uk.contactpoint.web;

import java.time.LocalDate;
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
import uk.contactpoint.access.OrganisationAccreditation;
import uk.contactpoint.access.UserAdministration;
import uk.contactpoint.access.Viewer;

/** National administrators accredit organisations, renew and withdraw accreditation. */
@Controller
class OrganisationAdminController {

    private final CurrentViewer viewers;
    private final OrganisationAccreditation accreditation;

    OrganisationAdminController(CurrentViewer viewers, OrganisationAccreditation accreditation) {
        this.viewers = viewers;
        this.accreditation = accreditation;
    }

    private Viewer admin(HttpServletRequest request) {
        Viewer viewer = viewers.of(request).orElseThrow(() -> new ResponseStatusException(HttpStatus.FORBIDDEN));
        if (!OrganisationAccreditation.administers(viewer)) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN);
        }
        return viewer;
    }

    @GetMapping("/admin/organisations")
    String list(@RequestParam(defaultValue = "") String q, HttpServletRequest request, Model model) {
        model.addAttribute("organisations", accreditation.find(admin(request), q));
        model.addAttribute("q", q);
        model.addAttribute("today", LocalDate.now());
        return "admin/organisations";
    }

    @GetMapping("/admin/organisations/{id}")
    String organisation(@PathVariable long id, HttpServletRequest request, Model model) {
        return page(admin(request), id, Map.of(), model);
    }

    private String page(Viewer admin, long id, Map<String, String> errors, Model model) {
        model.addAttribute("organisation", accreditation.get(admin, id)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND)));
        model.addAttribute("errors", errors);
        model.addAttribute("today", LocalDate.now());
        return "admin/organisation";
    }

    @PostMapping("/admin/organisations/{id}/accredit")
    String accredit(@PathVariable long id, @RequestParam Map<String, String> form, HttpServletRequest request, Model model,
                    RedirectAttributes redirect) {
        Viewer admin = admin(request);
        Map<String, String> errors = new LinkedHashMap<>();
        LocalDate agreement = AdminController.date(form, "agreementSignedOn", errors);
        LocalDate misuse = AdminController.date(form, "misuseProcedureConfirmedOn", errors);
        LocalDate expires = AdminController.date(form, "expiresOn", errors);
        if (errors.isEmpty()) {
            try {
                accreditation.accredit(admin, id, agreement, misuse, expires);
                redirect.addFlashAttribute("done", "Organisation accredited until " + expires + ".");
                return "redirect:/admin/organisations/" + id;
            } catch (UserAdministration.AccessDenied e) {
                throw new ResponseStatusException(HttpStatus.NOT_FOUND);
            } catch (IllegalArgumentException e) {
                String field = e.getMessage().startsWith("Agreement") ? "agreementSignedOn"
                        : e.getMessage().startsWith("Misuse") ? "misuseProcedureConfirmedOn" : "expiresOn";
                errors.put(field, e.getMessage());
            }
        }
        return page(admin, id, errors, model);
    }

    @PostMapping("/admin/organisations/{id}/withdraw")
    String withdraw(@PathVariable long id, @RequestParam(defaultValue = "") String reason, HttpServletRequest request,
                    Model model, RedirectAttributes redirect) {
        Viewer admin = admin(request);
        try {
            accreditation.withdraw(admin, id, reason);
        } catch (UserAdministration.AccessDenied e) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        } catch (IllegalArgumentException e) {
            return page(admin, id, Map.of("reason", e.getMessage()), model);
        }
        redirect.addFlashAttribute("done", "Accreditation withdrawn. The organisation's users can no longer sign in.");
        return "redirect:/admin/organisations/" + id;
    }
}
