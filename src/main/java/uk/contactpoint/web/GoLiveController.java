package uk.contactpoint.web;

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
import uk.contactpoint.directory.LiveState;
import uk.contactpoint.directory.LocalAuthorityCode;
import uk.contactpoint.safeguards.GoLive;

/** National administrators: each local authority's go-live stage, moved one stage at a time. */
@Controller
class GoLiveController {

    private final CurrentViewer viewers;
    private final GoLive goLive;

    GoLiveController(CurrentViewer viewers, GoLive goLive) {
        this.viewers = viewers;
        this.goLive = goLive;
    }

    private Viewer admin(HttpServletRequest request) {
        Viewer viewer = viewers.of(request).orElseThrow(() -> new ResponseStatusException(HttpStatus.FORBIDDEN));
        if (!GoLive.manages(viewer)) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN);
        }
        return viewer;
    }

    @GetMapping("/admin/local-authorities")
    String list(HttpServletRequest request, Model model) {
        admin(request);
        model.addAttribute("authorities", goLive.all());
        return "admin/local-authorities";
    }

    @PostMapping("/admin/local-authorities/stage")
    String move(@RequestParam(defaultValue = "") String code, @RequestParam(defaultValue = "") String stage,
                HttpServletRequest request, RedirectAttributes redirect) {
        Viewer admin = admin(request);
        try {
            goLive.move(admin, new LocalAuthorityCode(code), LiveState.valueOf(stage));
            redirect.addFlashAttribute("done", code + " moved to " + stage.toLowerCase().replace('_', ' ') + ".");
        } catch (InvalidValueException e) {
            redirect.addFlashAttribute("problem", "No such local authority");
        } catch (IllegalArgumentException e) {
            redirect.addFlashAttribute("problem", e.getMessage());
        }
        return "redirect:/admin/local-authorities";
    }
}
