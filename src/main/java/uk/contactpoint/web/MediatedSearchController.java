package uk.contactpoint.web;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import uk.contactpoint.access.CurrentViewer;
import uk.contactpoint.access.Mediation.Verification;
import uk.contactpoint.access.Viewer;
import uk.contactpoint.directory.ContactPointId;
import uk.contactpoint.directory.InvalidValueException;
import uk.contactpoint.safeguards.ChildRecords;
import uk.contactpoint.safeguards.ChildSearches;
import uk.contactpoint.safeguards.DisclosedChild;
import uk.contactpoint.safeguards.DisclosedInvolvement;
import uk.contactpoint.safeguards.MediatedAccess;

/**
 * Searching for a caller (mediated access, ADR 0021): who is calling and why, the check of the caller (their
 * token's code, or a call back), then the practitioner search and the record, run as the caller. The call
 * lives in the operator's session; criteria and ContactPoint IDs travel in POST bodies, never URLs.
 */
@Controller
class MediatedSearchController {

    static final String PENDING = "contactpoint.mediated.pending";
    static final String CALL = "contactpoint.mediated.call";

    /** A caller looked up but not yet checked. */
    record Pending(String username, Verification verification, String reason) implements Serializable {
        @Override
        public String toString() {
            return "Pending[verification=" + verification + "]";
        }
    }

    private final CurrentViewer viewers;
    private final MediatedAccess mediated;
    private final ChildSearches searches;
    private final ChildRecords records;

    MediatedSearchController(CurrentViewer viewers, MediatedAccess mediated, ChildSearches searches, ChildRecords records) {
        this.viewers = viewers;
        this.mediated = mediated;
        this.searches = searches;
        this.records = records;
    }

    private Viewer operator(HttpServletRequest request) {
        Viewer viewer = viewers.of(request).orElseThrow(() -> new ResponseStatusException(HttpStatus.FORBIDDEN));
        if (!MediatedAccess.mayMediate(viewer)) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN);
        }
        return viewer;
    }

    @GetMapping("/mediated")
    String start(HttpServletRequest request, Model model) {
        operator(request);
        return startPage(Map.of(), Map.of(), model);
    }

    private static String startPage(Map<String, String> form, Map<String, String> errors, Model model) {
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        return "mediated/start";
    }

    @PostMapping("/mediated")
    String lookUp(@RequestParam Map<String, String> form, HttpServletRequest request, Model model) {
        Viewer operator = operator(request);
        String username = form.getOrDefault("username", "").strip();
        String reason = form.getOrDefault("reason", "").strip();
        Verification how = verification(form.get("verification"));
        Map<String, String> errors = new LinkedHashMap<>();
        if (username.isEmpty()) {
            errors.put("username", "Enter the caller's username");
        }
        if (reason.isEmpty()) {
            errors.put("reason", "Enter why the caller needs to search");
        } else if (reason.length() > RecordController.MAX_REASON) {
            errors.put("reason", "Reason must be " + RecordController.MAX_REASON + " characters or fewer");
        }
        if (how == null) {
            errors.put("verification", "Choose how you will check who is calling");
        }
        if (!errors.isEmpty()) {
            return startPage(form, errors, model);
        }
        MediatedAccess.Answer answer = mediated.lookUp(operator, username, how, reason);
        if (answer instanceof MediatedAccess.Found found) {
            HttpSession session = request.getSession();
            session.removeAttribute(CALL);
            Pending pending = new Pending(found.caller().username(), how, reason);
            session.setAttribute(PENDING, pending);
            return verifyPage(found, pending, Map.of(), model);
        }
        MediatedAccess.Refused refused = (MediatedAccess.Refused) answer;
        return startPage(form, Map.of(refused.field(), refused.message()), model);
    }

    private static String verifyPage(MediatedAccess.Found found, Pending pending, Map<String, String> errors, Model model) {
        model.addAttribute("caller", found.caller());
        model.addAttribute("pending", pending);
        model.addAttribute("callBack", pending.verification() == Verification.CALL_BACK);
        model.addAttribute("errors", errors);
        return "mediated/verify";
    }

    @PostMapping("/mediated/verify")
    String verify(@RequestParam(defaultValue = "") String code, @RequestParam(defaultValue = "") String confirmed,
                  HttpServletRequest request, Model model) {
        Viewer operator = operator(request);
        HttpSession session = request.getSession();
        if (!(session.getAttribute(PENDING) instanceof Pending pending)) {
            return "redirect:/mediated";
        }
        MediatedAccess.Answer answer;
        if (pending.verification() == Verification.TOKEN_CODE) {
            if (code.isBlank()) {
                return verifyOrStart(operator, pending, "code", "Enter the 6-digit code the caller reads from their token", model);
            }
            answer = mediated.verifyByCode(operator, pending.username(), pending.reason(), code.length() > 20 ? code.substring(0, 20) : code);
        } else {
            answer = mediated.verifyByCallBack(operator, pending.username(), pending.reason(), "yes".equals(confirmed));
        }
        if (answer instanceof MediatedAccess.Verified verified) {
            session.removeAttribute(PENDING);
            session.setAttribute(CALL, verified.call());
            return "redirect:/mediated/search";
        }
        MediatedAccess.Refused refused = (MediatedAccess.Refused) answer;
        return verifyOrStart(operator, pending, refused.field(), refused.message(), model);
    }

    /** The check page again with this error, or the first page when the caller can no longer be checked at all. */
    private String verifyOrStart(Viewer operator, Pending pending, String field, String message, Model model) {
        if (mediated.check(operator, pending.username(), pending.verification()) instanceof MediatedAccess.Found found) {
            return verifyPage(found, pending, Map.of(field, message), model);
        }
        String shown = "code".equals(field) || "confirmed".equals(field) ? "username" : field;
        return startPage(Map.of("username", pending.username(), "reason", pending.reason()), Map.of(shown, message), model);
    }

    /** The call in progress and the caller's viewer, or empty when there is none (and then the call is over). */
    private Optional<Map.Entry<MediatedAccess.Call, Viewer>> call(Viewer operator, HttpServletRequest request,
                                                                 RedirectAttributes redirect) {
        HttpSession session = request.getSession();
        if (!(session.getAttribute(CALL) instanceof MediatedAccess.Call call)) {
            return Optional.empty();
        }
        Optional<Viewer> caller = mediated.viewer(operator, call);
        if (caller.isEmpty()) {
            session.removeAttribute(CALL);
            mediated.end(operator, call);
            redirect.addFlashAttribute("problem", "The call has ended: it is " + MediatedAccess.CALL_LENGTH.toMinutes()
                    + " minutes since you checked the caller, or the caller can no longer use ContactPoint. Check the caller again to go on.");
        }
        return caller.map(v -> Map.entry(call, v));
    }

    private static void mediatedPage(MediatedAccess.Call call, Model model) {
        model.addAttribute("call", call);
        model.addAttribute("searchAction", "/mediated/search");
        model.addAttribute("openAction", "/mediated/open");
    }

    @GetMapping("/mediated/search")
    String searchForm(HttpServletRequest request, Model model, RedirectAttributes redirect) {
        Viewer operator = operator(request);
        var call = call(operator, request, redirect);
        if (call.isEmpty()) {
            return "redirect:/mediated";
        }
        mediatedPage(call.get().getKey(), model);
        return SearchController.page(call.get().getValue(), Map.of(), Map.of(), model);
    }

    @PostMapping("/mediated/search")
    String search(@RequestParam Map<String, String> form, HttpServletRequest request, Model model, RedirectAttributes redirect) {
        Viewer operator = operator(request);
        var call = call(operator, request, redirect);
        if (call.isEmpty()) {
            return "redirect:/mediated";
        }
        mediatedPage(call.get().getKey(), model);
        return SearchController.search(searches, call.get().getValue(), form, model);
    }

    /** From a result: the reason step, with the call's reason filled in. */
    @PostMapping("/mediated/open")
    String openForm(@RequestParam(defaultValue = "") String contactPointId, HttpServletRequest request, Model model,
                    RedirectAttributes redirect) {
        Viewer operator = operator(request);
        var call = call(operator, request, redirect);
        if (call.isEmpty()) {
            return "redirect:/mediated";
        }
        model.addAttribute("call", call.get().getKey());
        model.addAttribute("errors", Map.of());
        model.addAttribute("contactPointId", contactPointId.length() > 20 ? "" : contactPointId);
        model.addAttribute("reason", call.get().getKey().reason());
        return "mediated/open";
    }

    @PostMapping("/mediated/record")
    String open(@RequestParam(defaultValue = "") String contactPointId, @RequestParam(defaultValue = "") String reason,
                HttpServletRequest request, Model model, RedirectAttributes redirect) {
        Viewer operator = operator(request);
        var call = call(operator, request, redirect);
        if (call.isEmpty()) {
            return "redirect:/mediated";
        }
        model.addAttribute("call", call.get().getKey());
        Map<String, String> errors = new LinkedHashMap<>();
        ContactPointId id = null;
        try {
            id = new ContactPointId(contactPointId);
        } catch (InvalidValueException e) {
            errors.put("contactPointId", "Search again and choose the child from the results");
        }
        String why = reason.strip();
        if (why.isEmpty()) {
            errors.put("reason", "Enter why the caller needs this record");
        } else if (why.length() > RecordController.MAX_REASON) {
            errors.put("reason", "Reason must be " + RecordController.MAX_REASON + " characters or fewer");
        }
        if (errors.isEmpty()) {
            Optional<DisclosedChild> child;
            try {
                child = records.open(call.get().getValue(), id, why);
            } catch (uk.contactpoint.safeguards.ViewCap.Reached e) {
                child = Optional.empty();
                errors.put("contactPointId", "The caller has reached today's limit of records of children they do not work with: "
                        + "they must ask their manager to approve this one");
            }
            if (child.isPresent()) {
                model.addAttribute("child", child.get());
                model.addAttribute("maskedLabel", DisclosedInvolvement.MASKED_LABEL);
                return "mediated/record";
            }
            errors.putIfAbsent("contactPointId", "No record the caller can see has that ContactPoint ID");
        }
        model.addAttribute("errors", errors);
        model.addAttribute("contactPointId", contactPointId.length() > 20 ? "" : contactPointId);
        model.addAttribute("reason", reason);
        return "mediated/open";
    }

    @PostMapping("/mediated/end")
    String end(HttpServletRequest request, RedirectAttributes redirect) {
        Viewer operator = operator(request);
        HttpSession session = request.getSession();
        session.removeAttribute(PENDING);
        if (session.getAttribute(CALL) instanceof MediatedAccess.Call call) {
            session.removeAttribute(CALL);
            mediated.end(operator, call);
            redirect.addFlashAttribute("done", "Call ended. Searches for this caller now need a new check.");
        }
        return "redirect:/mediated";
    }

    private static Verification verification(String value) {
        if (value == null) {
            return null;
        }
        try {
            return Verification.valueOf(value);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
