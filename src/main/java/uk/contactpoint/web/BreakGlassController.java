package uk.contactpoint.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import uk.contactpoint.access.CurrentViewer;
import uk.contactpoint.access.SecurityKeys;
import uk.contactpoint.access.UserAdministration;
import uk.contactpoint.access.Viewer;
import uk.contactpoint.directory.ContactPointId;
import uk.contactpoint.directory.InvalidValueException;
import uk.contactpoint.safeguards.BreakGlass;

/**
 * Break-glass (ADR 23): a practitioner with the child-protection flag overrides the shield of a restricted
 * record, and the record's LA reviews every override. The record past the shield is rendered in the response
 * to the POST that checked the second factor, and nowhere else: nothing goes into the session, the page is
 * not cached, and any other request (opening the record again included) shows the restricted view.
 */
@Controller
class BreakGlassController {

    /** Why a practitioner must see past the shield: a choice, and a few words of their own. */
    static final Map<String, String> REASONS = Map.of(
            "IMMEDIATE_RISK", "A child may be at immediate risk of significant harm",
            "SECTION_47", "Child protection enquiry (section 47)",
            "EMERGENCY_PROTECTION", "Emergency or police protection",
            "OTHER", "Another child protection reason");
    static final List<String> REASON_ORDER = List.of("IMMEDIATE_RISK", "SECTION_47", "EMERGENCY_PROTECTION", "OTHER");
    static final int MAX_DETAIL = 150;

    /** The session attribute holding the one challenge a security key may sign for an override. */
    static final String KEY_CHALLENGE = "break-glass-key-challenge";
    /** The longest signed assertion accepted (as at login). */
    static final int MAX_ASSERTION = 16 * 1024;

    private final CurrentViewer viewers;
    private final BreakGlass breakGlass;
    private final SecurityKeys keys;

    BreakGlassController(CurrentViewer viewers, BreakGlass breakGlass, SecurityKeys keys) {
        this.viewers = viewers;
        this.breakGlass = breakGlass;
        this.keys = keys;
    }

    private Viewer practitioner(HttpServletRequest request) {
        Viewer viewer = viewers.of(request).orElseThrow(() -> new ResponseStatusException(HttpStatus.FORBIDDEN));
        if (!BreakGlass.permitted(viewer)) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN);
        }
        return viewer;
    }

    /** From a restricted record: the reason and second-factor step (the id travels in the form, never the URL). */
    @PostMapping("/records/break-glass/start")
    String start(@RequestParam(defaultValue = "") String contactPointId, HttpServletRequest request, Model model) {
        Viewer viewer = practitioner(request);
        model.addAttribute("errors", Map.of());
        model.addAttribute("contactPointId", contactPointId.length() > 20 ? "" : contactPointId);
        reasons(model, viewer);
        return "records/break-glass";
    }

    /** The challenge for a security key to sign in place of PIN and code: good for one override attempt. */
    @PostMapping(path = "/records/break-glass/key-options", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<String> keyOptions(HttpServletRequest request, HttpSession session) {
        Viewer viewer = practitioner(request);
        if (!keys.hasKeys(viewer.userId())) {
            return ResponseEntity.status(HttpStatus.NOT_FOUND).body("{\"error\":\"You have no security key: enter your PIN and a code\"}");
        }
        String challenge = SecurityKeys.newChallenge();
        session.setAttribute(KEY_CHALLENGE, challenge);
        return ResponseEntity.ok(keys.requestOptions(viewer.userId(), keys.relyingParty(request), challenge));
    }

    @PostMapping("/records/break-glass")
    String override(@RequestParam(defaultValue = "") String contactPointId, @RequestParam(defaultValue = "") String reasonChoice,
                    @RequestParam(defaultValue = "") String reasonDetail, @RequestParam(defaultValue = "") String pin,
                    @RequestParam(defaultValue = "") String code, @RequestParam(defaultValue = "") String keyAssertion,
                    HttpServletRequest request, HttpServletResponse response, Model model) {
        Viewer viewer = practitioner(request);
        response.setHeader("Cache-Control", "no-store");
        reasons(model, viewer);
        // A key's assertion is good for the one challenge given for it: taken from the session whatever happens next.
        HttpSession session = request.getSession(false);
        Object challenge = session == null ? null : session.getAttribute(KEY_CHALLENGE);
        if (session != null) {
            session.removeAttribute(KEY_CHALLENGE);
        }
        boolean byKey = !keyAssertion.isBlank();
        Map<String, String> errors = new LinkedHashMap<>();
        ContactPointId id = null;
        try {
            id = new ContactPointId(contactPointId);
        } catch (InvalidValueException e) {
            errors.put("contactPointId", "The ContactPoint ID is missing: open the record again and choose to override the shield");
        }
        String detail = reasonDetail.strip();
        String reason = "";
        if (!REASONS.containsKey(reasonChoice)) {
            errors.put("reason", "Choose why you must see past the shield");
        } else if ("OTHER".equals(reasonChoice) && detail.isEmpty()) {
            errors.put("reasonDetail", "Say in a few words what the other reason is");
        } else {
            reason = REASONS.get(reasonChoice) + (detail.isEmpty() ? "" : ": " + detail);
        }
        if (detail.length() > MAX_DETAIL || reason.length() > BreakGlass.MAX_REASON) {
            errors.put("reasonDetail", "The words you add must be " + MAX_DETAIL + " characters or fewer");
        }
        if (byKey && (keyAssertion.length() > MAX_ASSERTION || !(challenge instanceof String))) {
            errors.put("pin", "Your security key's answer has expired: use your key again, or enter your PIN and a code");
        }
        if (!byKey && pin.isBlank()) {
            errors.put("pin", "Enter your PIN");
        }
        if (!byKey && code.isBlank()) {
            errors.put("code", "Enter the code shown on your security token");
        }
        if (errors.isEmpty()) {
            BreakGlass.Outcome outcome = byKey
                    ? breakGlass.overrideWithKey(viewer, id, reason, keyAssertion, keys.relyingParty(request), (String) challenge)
                    : breakGlass.override(viewer, id, reason, pin, code);
            if (outcome.granted()) {
                model.addAttribute("brokenGlass", true);
                return RecordController.show(outcome.child(), null, viewer, model);
            }
            switch (outcome.refusal()) {
                case NO_RECORD -> errors.put("contactPointId", "No record you can see has that ContactPoint ID");
                case NOT_RESTRICTED -> errors.put("contactPointId", "This record is not restricted for you: open it the ordinary way");
                case WRONG_FACTOR -> errors.put("pin", byKey ? "Your security key was not accepted. Use it again, or enter your PIN and a code"
                        : "The PIN or the code is not right. Enter your PIN and the next code your token shows");
                case LOCKED -> {
                    if (session != null) {
                        session.invalidate();
                    }
                    return "redirect:/login";
                }
            }
        }
        model.addAttribute("errors", errors);
        model.addAttribute("contactPointId", contactPointId.length() > 20 ? "" : contactPointId);
        model.addAttribute("reasonChoice", reasonChoice);
        model.addAttribute("reasonDetail", reasonDetail);
        return "records/break-glass";
    }

    private void reasons(Model model, Viewer viewer) {
        model.addAttribute("hasKey", keys.hasKeys(viewer.userId()));
        model.addAttribute("reasonOrder", REASON_ORDER);
        model.addAttribute("reasonLabels", REASONS);
        model.addAttribute("maxDetail", MAX_DETAIL);
    }

    private Viewer reviewer(HttpServletRequest request) {
        Viewer viewer = viewers.of(request).orElseThrow(() -> new ResponseStatusException(HttpStatus.FORBIDDEN));
        if (!BreakGlass.reviews(viewer)) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN);
        }
        return viewer;
    }

    @GetMapping("/oversight/break-glass")
    String reviews(HttpServletRequest request, Model model) {
        Viewer viewer = reviewer(request);
        model.addAttribute("reviews", breakGlass.reviewsFor(viewer));
        model.addAttribute("me", viewer.username());
        model.addAttribute("outcomes", BreakGlass.ReviewOutcome.values());
        return "oversight/break-glass";
    }

    @PostMapping("/oversight/break-glass/{id}/close")
    String close(@PathVariable long id, @RequestParam(defaultValue = "") String outcome, @RequestParam(defaultValue = "") String note,
                 HttpServletRequest request, RedirectAttributes redirect) {
        Viewer viewer = reviewer(request);
        BreakGlass.ReviewOutcome o;
        try {
            o = BreakGlass.ReviewOutcome.valueOf(outcome);
        } catch (IllegalArgumentException e) {
            redirect.addFlashAttribute("problem", "Review " + id + ": choose justified or not justified");
            return "redirect:/oversight/break-glass";
        }
        try {
            breakGlass.close(viewer, id, o, note);
            redirect.addFlashAttribute("done", "Review " + id + " closed: " + o.label().toLowerCase(java.util.Locale.UK) + ".");
        } catch (UserAdministration.AccessDenied e) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN);
        } catch (IllegalArgumentException e) {
            redirect.addFlashAttribute("problem", "Review " + id + ": " + e.getMessage());
        }
        return "redirect:/oversight/break-glass";
    }
}
