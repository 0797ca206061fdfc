package uk.contactpoint.web;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.http.HttpSession;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

import uk.contactpoint.access.Enrolment;

/**
 * Account activation, for someone not yet signed in: activation code, password and PIN, then the security
 * token by QR code and one confirming code. What the first page chose waits in the session (hashes and an
 * encrypted secret only) until the second page confirms it.
 */
@Controller
class ActivationController {

    static final String PENDING = "contactpoint.enrolment";

    private final Enrolment enrolment;

    ActivationController(Enrolment enrolment) {
        this.enrolment = enrolment;
    }

    @GetMapping("/activate")
    String form(Model model) {
        model.addAttribute("errors", Map.of());
        return "activate";
    }

    @PostMapping("/activate")
    String begin(@RequestParam(defaultValue = "") String username, @RequestParam(defaultValue = "") String code,
                 @RequestParam(defaultValue = "") String password, @RequestParam(defaultValue = "") String passwordAgain,
                 @RequestParam(defaultValue = "") String pin, @RequestParam(defaultValue = "") String pinAgain,
                 HttpSession session, Model model) {
        try {
            session.setAttribute(PENDING, enrolment.begin(username, code, password, passwordAgain, pin, pinAgain));
            return "redirect:/activate/token";
        } catch (Enrolment.Invalid e) {
            Map<String, String> errors = new LinkedHashMap<>();
            errors.put(e.field(), e.getMessage());
            model.addAttribute("errors", errors);
            model.addAttribute("username", username.length() > 100 ? "" : username);
            return "activate";
        }
    }

    @GetMapping("/activate/token")
    String token(HttpSession session, Model model) {
        if (!(session.getAttribute(PENDING) instanceof Enrolment.Pending pending)) {
            return "redirect:/activate";
        }
        return tokenPage(pending, Map.of(), model);
    }

    @PostMapping("/activate/token")
    String confirm(@RequestParam(defaultValue = "") String code, HttpSession session, Model model) {
        if (!(session.getAttribute(PENDING) instanceof Enrolment.Pending pending)) {
            return "redirect:/activate";
        }
        try {
            enrolment.confirm(pending, code.length() > 20 ? "" : code);
            session.removeAttribute(PENDING);
            return "redirect:/login?activated";
        } catch (Enrolment.Invalid e) {
            return tokenPage(pending, Map.of("code", e.getMessage()), model);
        }
    }

    private String tokenPage(Enrolment.Pending pending, Map<String, String> errors, Model model) {
        model.addAttribute("errors", errors);
        model.addAttribute("qrSvg", QrCodes.svg(enrolment.otpauthUri(pending), "QR code for your authenticator app"));
        model.addAttribute("secret", enrolment.secret(pending).replaceAll("(.{4})(?!$)", "$1 "));
        return "activate-token";
    }
}
