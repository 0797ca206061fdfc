package uk.contactpoint.web;

import java.time.LocalDate;
import java.time.ZoneId;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.server.ResponseStatusException;

import uk.contactpoint.access.CurrentViewer;
import uk.contactpoint.access.Role;
import uk.contactpoint.access.Viewer;
import uk.contactpoint.ingest.SupplierRegister;

/** National administrators: the supplier register, each source's last batch, and who is overdue. */
@Controller
class SupplierController {

    private final CurrentViewer viewers;
    private final SupplierRegister register;

    SupplierController(CurrentViewer viewers, SupplierRegister register) {
        this.viewers = viewers;
        this.register = register;
    }

    @GetMapping("/admin/suppliers")
    String list(HttpServletRequest request, Model model) {
        Viewer viewer = viewers.of(request).orElseThrow(() -> new ResponseStatusException(HttpStatus.FORBIDDEN));
        if (!viewer.has(Role.NATIONAL_ADMIN)) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN);
        }
        LocalDate today = LocalDate.now(ZoneId.of("Europe/London"));
        model.addAttribute("today", today);
        model.addAttribute("suppliers", register.all());
        model.addAttribute("overdue", register.overdue(today).size());
        return "admin/suppliers";
    }
}
