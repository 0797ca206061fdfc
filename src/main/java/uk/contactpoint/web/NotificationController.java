package uk.contactpoint.web;

import java.util.Arrays;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import uk.contactpoint.access.CurrentViewer;
import uk.contactpoint.access.Viewer;
import uk.contactpoint.notify.EmailFrequency;
import uk.contactpoint.notify.NotificationPreferences;
import uk.contactpoint.notify.Notifications;

/**
 * The signed-in user's notifications (where the emails point) and their choice of how often they are
 * emailed about them (ADR 34).
 */
@Controller
class NotificationController {

    private static final int SHOWN = 50;

    private final CurrentViewer viewers;
    private final Notifications notifications;
    private final NotificationPreferences preferences;

    NotificationController(CurrentViewer viewers, Notifications notifications, NotificationPreferences preferences) {
        this.viewers = viewers;
        this.notifications = notifications;
        this.preferences = preferences;
    }

    @GetMapping("/notifications")
    String list(HttpServletRequest request, Model model) {
        Viewer viewer = viewer(request);
        model.addAttribute("notifications", notifications.of(viewer.userId(), SHOWN));
        model.addAttribute("frequency", preferences.of(viewer.userId()));
        return "notifications";
    }

    @GetMapping("/notifications/settings")
    String settings(HttpServletRequest request, Model model) {
        Viewer viewer = viewer(request);
        return settings(preferences.of(viewer.userId()).name(), Map.of(), model);
    }

    @PostMapping("/notifications/settings")
    String change(@RequestParam(required = false) String frequency, HttpServletRequest request, Model model,
                  RedirectAttributes redirect) {
        Viewer viewer = viewer(request);
        EmailFrequency chosen = Arrays.stream(EmailFrequency.values()).filter(f -> f.name().equals(frequency)).findFirst().orElse(null);
        if (chosen == null) {
            return settings(null, Map.of("frequency", "Choose how often we email you about your notifications"), model);
        }
        preferences.set(viewer.userId(), chosen);
        redirect.addFlashAttribute("done", "Your choice is saved");
        return "redirect:/notifications/settings";
    }

    private String settings(String chosen, Map<String, String> errors, Model model) {
        model.addAttribute("chosen", chosen);
        model.addAttribute("choices", EmailFrequency.values());
        model.addAttribute("errors", errors);
        return "notification-settings";
    }

    private Viewer viewer(HttpServletRequest request) {
        return viewers.of(request).orElseThrow(() -> new ResponseStatusException(HttpStatus.FORBIDDEN));
    }
}
