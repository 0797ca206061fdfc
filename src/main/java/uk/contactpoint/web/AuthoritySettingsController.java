package uk.contactpoint.web;

import java.util.LinkedHashMap;
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
import uk.contactpoint.directory.InvalidValueException;
import uk.contactpoint.directory.LocalAuthorityCode;
import uk.contactpoint.safeguards.AuthoritySettings;

/**
 * An authority's settings page (ADR 29): its management team's own authority, or any one for a national
 * administrator (chosen by its GSS code in {@code la}).
 */
@Controller
class AuthoritySettingsController {

    private final CurrentViewer viewers;
    private final AuthoritySettings settings;

    AuthoritySettingsController(CurrentViewer viewers, AuthoritySettings settings) {
        this.viewers = viewers;
        this.settings = settings;
    }

    @GetMapping("/la/settings")
    String page(@RequestParam(required = false) String la, HttpServletRequest request, Model model) {
        Viewer viewer = viewer(request);
        LocalAuthorityCode code = code(viewer, la);
        AuthoritySettings.Settings now = read(viewer, code);
        Map<String, String> form = new LinkedHashMap<>();
        form.put("cap", Integer.toString(now.dailyViewCap()));
        form.put("teamPhone", now.authority().contactPointTeamPhone() == null ? "" : now.authority().contactPointTeamPhone());
        form.put("emergencyPhone", now.authority().emergencyDutyPhone() == null ? "" : now.authority().emergencyDutyPhone());
        return page(viewer, now, form, Map.of(), model);
    }

    @PostMapping("/la/settings")
    String change(@RequestParam Map<String, String> form, HttpServletRequest request, Model model,
                  RedirectAttributes redirect) {
        Viewer viewer = viewer(request);
        LocalAuthorityCode code = code(viewer, form.get("la"));
        if (!AuthoritySettings.changes(viewer, code)) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN);
        }
        Map<String, String> errors = settings.change(viewer, code, form.get("cap"), form.get("teamPhone"), form.get("emergencyPhone"));
        if (errors.isEmpty()) {
            redirect.addFlashAttribute("done", "Settings saved. The new daily limit applies from the next record opened.");
            return "redirect:/la/settings?la=" + code.value();
        }
        return page(viewer, read(viewer, code), new LinkedHashMap<>(form), errors, model);
    }

    private String page(Viewer viewer, AuthoritySettings.Settings now, Map<String, String> form, Map<String, String> errors,
                        Model model) {
        model.addAttribute("settings", now);
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        model.addAttribute("changes", AuthoritySettings.changes(viewer, now.authority().code()));
        model.addAttribute("maxCap", AuthoritySettings.MAX_CAP);
        return "admin/authority-settings";
    }

    private AuthoritySettings.Settings read(Viewer viewer, LocalAuthorityCode code) {
        try {
            return settings.of(viewer, code);
        } catch (IllegalArgumentException e) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
    }

    private Viewer viewer(HttpServletRequest request) {
        Viewer viewer = viewers.of(request).orElseThrow(() -> new ResponseStatusException(HttpStatus.FORBIDDEN));
        if (!AuthoritySettings.reads(viewer)) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN);
        }
        return viewer;
    }

    /** The authority asked for, or the viewer's own. */
    private static LocalAuthorityCode code(Viewer viewer, String la) {
        String text = la == null || la.isBlank() ? viewer.localAuthority() : la.strip();
        if (text == null) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        try {
            return new LocalAuthorityCode(text);
        } catch (InvalidValueException e) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
    }
}
