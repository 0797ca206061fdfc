package uk.contactpoint.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

import uk.contactpoint.access.CurrentViewer;
import uk.contactpoint.access.SecurityKeys;
import uk.contactpoint.access.Viewer;

/** A signed-in user's own FIDO2 security keys: list, add (WebAuthn registration) and remove. */
@Controller
class SecurityKeyController {

    static final String CHALLENGE = "contactpoint.registerKeyChallenge";
    static final int MAX_RESPONSE = 16 * 1024;

    private final CurrentViewer viewers;
    private final SecurityKeys keys;

    SecurityKeyController(CurrentViewer viewers, SecurityKeys keys) {
        this.viewers = viewers;
        this.keys = keys;
    }

    private Viewer viewer(HttpServletRequest request) {
        return viewers.of(request).orElseThrow(() -> new ResponseStatusException(HttpStatus.FORBIDDEN));
    }

    @GetMapping("/account/security-keys")
    String list(@RequestParam(required = false) String added, HttpServletRequest request, Model model) {
        model.addAttribute("keys", keys.of(viewer(request).userId()));
        model.addAttribute("added", added != null);
        return "security-keys";
    }

    @PostMapping(path = "/account/security-keys/options", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<String> options(HttpServletRequest request, HttpSession session) {
        Viewer viewer = viewer(request);
        String challenge = SecurityKeys.newChallenge();
        session.setAttribute(CHALLENGE, challenge);
        return ResponseEntity.ok(keys.creationOptions(viewer.userId(), viewer.username(), keys.relyingParty(request), challenge));
    }

    @PostMapping(path = "/account/security-keys", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<String> add(@RequestParam(defaultValue = "") String label, @RequestBody String credential,
                               HttpServletRequest request, HttpSession session) {
        Viewer viewer = viewer(request);
        Object challenge = session.getAttribute(CHALLENGE);
        session.removeAttribute(CHALLENGE);
        if (!(challenge instanceof String c) || credential.length() > MAX_RESPONSE) {
            return ResponseEntity.badRequest().body("{\"error\":\"Start again: press Add security key\"}");
        }
        try {
            keys.register(viewer, credential, label, keys.relyingParty(request), c);
            return ResponseEntity.ok("{\"ok\":true}");
        } catch (SecurityKeys.Refused e) {
            return ResponseEntity.badRequest().body("{\"error\":\"" + e.getMessage().replace("\"", "'") + "\"}");
        }
    }

    @PostMapping("/account/security-keys/{id}/remove")
    String remove(@PathVariable long id, HttpServletRequest request) {
        keys.remove(viewer(request), id);
        return "redirect:/account/security-keys";
    }
}
