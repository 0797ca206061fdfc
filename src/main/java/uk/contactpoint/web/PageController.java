package uk.contactpoint.web;

import java.util.Arrays;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

import uk.contactpoint.access.AccessStop;
import uk.contactpoint.access.CurrentViewer;
import uk.contactpoint.access.Viewer;
import uk.contactpoint.notify.Notifications;
import uk.contactpoint.safeguards.MediatedAccess;

/** The start page, the sign-in page and the signed-in home page. */
@Controller
class PageController {

    private final CurrentViewer viewers;
    private final Notifications notifications;

    PageController(CurrentViewer viewers, Notifications notifications) {
        this.viewers = viewers;
        this.notifications = notifications;
    }

    @GetMapping("/")
    String start() {
        return "index";
    }

    @GetMapping("/accessibility")
    String accessibility() {
        return "accessibility";
    }

    @GetMapping("/privacy")
    String privacy() {
        return "privacy";
    }

    @GetMapping("/login")
    String login(@RequestParam(required = false) String error, @RequestParam(required = false) String logout,
                 @RequestParam(required = false) String stopped, @RequestParam(required = false) String activated,
                 @RequestParam(required = false) String timeout, Model model) {
        model.addAttribute("timedOut", timeout != null);
        model.addAttribute("error", error != null);
        model.addAttribute("loggedOut", logout != null);
        model.addAttribute("activated", activated != null);
        model.addAttribute("stop", Arrays.stream(AccessStop.values()).filter(s -> s.name().equals(stopped)).findFirst().orElse(null));
        return "login";
    }

    /** The second sign-in step: PIN and the code from the security token (posted to the access module's filter). */
    @GetMapping("/login/second-factor")
    String secondFactor(@RequestParam(required = false) String error, Model model) {
        model.addAttribute("error", error != null);
        return "login-second-factor";
    }

    /** "Stay signed in": the request itself renews the idle timeout of the session. */
    @org.springframework.web.bind.annotation.PostMapping("/session/extend")
    org.springframework.http.ResponseEntity<Void> extend() {
        return org.springframework.http.ResponseEntity.noContent().build();
    }

    @GetMapping("/home")
    String home(HttpServletRequest request, Model model) {
        Viewer viewer = viewers.of(request).orElseThrow(() -> new ResponseStatusException(HttpStatus.FORBIDDEN));
        model.addAttribute("notifications", notifications.of(viewer.userId(), 10));
        model.addAttribute("displayName", viewer.username());
        model.addAttribute("organisation", viewer.organisationName());
        model.addAttribute("roles", viewer.roles().stream().sorted().toList());
        model.addAttribute("takesCalls", MediatedAccess.mayMediate(viewer));
        return "home";
    }
}
