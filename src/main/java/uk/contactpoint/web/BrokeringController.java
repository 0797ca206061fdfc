package uk.contactpoint.web;

import java.util.HashMap;
import java.util.LinkedHashMap;
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
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import uk.contactpoint.access.CurrentViewer;
import uk.contactpoint.access.UserContact;
import uk.contactpoint.access.Viewer;
import uk.contactpoint.directory.ContactPointId;
import uk.contactpoint.directory.InvalidValueException;
import uk.contactpoint.practice.Brokering;

/**
 * Brokered contact with a masked sensitive service (ADR 27): the form behind "Ask for contact to be brokered" on
 * a record (the ContactPoint ID and the masked line's place travel in the POST body), the confirmation with the
 * numbers to ring, the list of requests (the LA team's to pass on, the service's to answer, the user's own) and
 * one request's page. A request that is not the viewer's to see is not found.
 */
@Controller
class BrokeringController {

    private final CurrentViewer viewers;
    private final Brokering brokering;

    BrokeringController(CurrentViewer viewers, Brokering brokering) {
        this.viewers = viewers;
        this.brokering = brokering;
    }

    @PostMapping("/records/brokering/new")
    String form(@RequestParam(defaultValue = "") String contactPointId, @RequestParam(defaultValue = "") String position,
                HttpServletRequest request, Model model) {
        Viewer viewer = asker(request);
        contactPointId(contactPointId);
        position(position);
        UserContact me = brokering.profile(viewer).orElse(new UserContact(viewer.userId(), "", null, null));
        Map<String, String> form = new HashMap<>();
        form.put("phone", me.phone() == null ? "" : me.phone());
        form.put("email", me.email() == null ? "" : me.email());
        return form(contactPointId, position, form, Map.of(), model);
    }

    @PostMapping("/records/brokering")
    String ask(@RequestParam Map<String, String> form, HttpServletRequest request, Model model) {
        Viewer viewer = asker(request);
        String cp = form.getOrDefault("contactPointId", "");
        ContactPointId id = contactPointId(cp);
        String position = form.getOrDefault("position", "");
        int place = position(position);
        Brokering.Urgency urgency = null;
        try {
            urgency = Brokering.Urgency.valueOf(form.getOrDefault("urgency", ""));
        } catch (IllegalArgumentException e) {
            // left null: the form says to choose one
        }
        Brokering.Ask ask = new Brokering.Ask(form.get("reason"), form.get("phone"), form.get("email"), urgency);
        Map<String, String> errors = Brokering.problems(ask);
        if (!errors.isEmpty()) {
            return form(cp, position, form, errors, model);
        }
        Brokering.Sent sent;
        try {
            sent = brokering.ask(viewer, id, place, ask);
        } catch (Brokering.Refused e) {
            return form(cp, position, form, Map.of(e.field(), e.getMessage()), model);
        }
        model.addAttribute("sent", sent);
        return "practice/brokering-sent";
    }

    private static String form(String contactPointId, String position, Map<String, String> form,
                               Map<String, String> errors, Model model) {
        model.addAttribute("contactPointId", contactPointId);
        model.addAttribute("position", position);
        model.addAttribute("form", form);
        model.addAttribute("errors", new LinkedHashMap<>(errors));
        model.addAttribute("urgencies", List.of(Brokering.Urgency.values()));
        return "practice/brokering-form";
    }

    @GetMapping("/brokering")
    String overview(HttpServletRequest request, Model model) {
        Viewer viewer = viewer(request);
        model.addAttribute("overview", brokering.overview(viewer));
        return "practice/brokering";
    }

    @GetMapping("/brokering/requests/{id}")
    String request(@PathVariable long id, HttpServletRequest request, Model model) {
        Viewer viewer = viewer(request);
        try {
            model.addAttribute("r", brokering.read(viewer, id));
        } catch (Brokering.NotFound e) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        return "practice/brokering-request";
    }

    @PostMapping("/brokering/requests/{id}/pass")
    String pass(@PathVariable long id, HttpServletRequest request, RedirectAttributes redirect) {
        Viewer viewer = viewer(request);
        return act(id, redirect, () -> brokering.pass(viewer, id), "Passed to the service: its practitioners have been told");
    }

    @PostMapping("/brokering/requests/{id}/accept")
    String accept(@PathVariable long id, HttpServletRequest request, RedirectAttributes redirect) {
        Viewer viewer = viewer(request);
        return act(id, redirect, () -> brokering.decide(viewer, id, true), "Accepted: the practitioner can now see how to reach you");
    }

    @PostMapping("/brokering/requests/{id}/decline")
    String decline(@PathVariable long id, HttpServletRequest request, RedirectAttributes redirect) {
        Viewer viewer = viewer(request);
        return act(id, redirect, () -> brokering.decide(viewer, id, false), "Declined: the practitioner has been told, without your service's name");
    }

    private static String act(long id, RedirectAttributes redirect, Runnable action, String done) {
        try {
            action.run();
            redirect.addFlashAttribute("done", done);
        } catch (Brokering.NotFound e) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        } catch (Brokering.Refused e) {
            redirect.addFlashAttribute("problem", e.getMessage());
        }
        return "redirect:/brokering/requests/" + id;
    }

    private Viewer viewer(HttpServletRequest request) {
        return viewers.of(request).orElseThrow(() -> new ResponseStatusException(HttpStatus.FORBIDDEN));
    }

    private Viewer asker(HttpServletRequest request) {
        Viewer viewer = viewer(request);
        if (!Brokering.mayAsk(viewer)) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN);
        }
        return viewer;
    }

    private static ContactPointId contactPointId(String value) {
        try {
            return new ContactPointId(value);
        } catch (InvalidValueException e) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "Not a ContactPoint ID");
        }
    }

    private static int position(String value) {
        try {
            int position = Integer.parseInt(value);
            if (position < 0 || position > 1000) {
                throw new NumberFormatException();
            }
            return position;
        } catch (NumberFormatException e) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "No entry given");
        }
    }
}
