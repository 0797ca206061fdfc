package uk.contactpoint.web;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
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
import uk.contactpoint.access.UserAdministration;
import uk.contactpoint.access.Viewer;
import uk.contactpoint.audit.AccessHistory;
import uk.contactpoint.audit.AuditAction;
import uk.contactpoint.audit.AuditEvent;
import uk.contactpoint.audit.AuditFilter;
import uk.contactpoint.audit.AuditOutcome;
import uk.contactpoint.audit.MisuseAlerts;
import uk.contactpoint.audit.UserActivity;
import uk.contactpoint.directory.ChildRecord;
import uk.contactpoint.directory.ContactPointId;
import uk.contactpoint.directory.Directory;
import uk.contactpoint.directory.InvalidValueException;

/**
 * Oversight for LA auditors: the misuse alert queue, a child's access history and a user's activity (each with
 * filters and CSV export). National administrators see any user's activity.
 */
@Controller
class OversightController {

    /** How many days, today included, the activity page covers unless told otherwise. */
    static final int DEFAULT_DAYS = 30;

    private final CurrentViewer viewers;
    private final MisuseAlerts alerts;
    private final AccessHistory history;
    private final UserActivity activity;
    private final Directory directory;
    private final Clock clock;

    OversightController(CurrentViewer viewers, MisuseAlerts alerts, AccessHistory history, UserActivity activity,
                        Directory directory, Clock clock) {
        this.viewers = viewers;
        this.alerts = alerts;
        this.history = history;
        this.activity = activity;
        this.directory = directory;
        this.clock = clock;
    }

    private Viewer auditor(HttpServletRequest request) {
        Viewer viewer = viewers.of(request).orElseThrow(() -> new ResponseStatusException(HttpStatus.FORBIDDEN));
        if (!MisuseAlerts.reviews(viewer)) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN);
        }
        return viewer;
    }

    @GetMapping("/oversight/alerts")
    String queue(HttpServletRequest request, Model model) {
        model.addAttribute("alerts", alerts.queue(auditor(request)));
        return "oversight/alerts";
    }

    @PostMapping("/oversight/alerts/{id}/decide")
    String decide(@PathVariable long id, @RequestParam(defaultValue = "") String decision, @RequestParam(defaultValue = "") String note,
                  HttpServletRequest request, RedirectAttributes redirect) {
        Viewer auditor = auditor(request);
        MisuseAlerts.Decision d;
        try {
            d = MisuseAlerts.Decision.valueOf(decision);
        } catch (IllegalArgumentException e) {
            redirect.addFlashAttribute("problem", "Choose dismiss, escalate or suspend");
            return "redirect:/oversight/alerts";
        }
        try {
            alerts.decide(auditor, id, d, note);
            redirect.addFlashAttribute("done", "Alert " + id + ": " + d.name().toLowerCase() + (d == MisuseAlerts.Decision.SUSPEND
                    ? "ed. The user's sessions have ended and their manager has been told." : "ed."));
        } catch (UserAdministration.AccessDenied e) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN);
        } catch (IllegalArgumentException e) {
            redirect.addFlashAttribute("problem", e.getMessage());
        }
        return "redirect:/oversight/alerts";
    }

    @GetMapping("/oversight/children")
    String historyForm(HttpServletRequest request, Model model) {
        auditor(request);
        model.addAttribute("errors", Map.of());
        model.addAttribute("form", Map.of());
        filterChoices(model);
        return "oversight/history";
    }

    private Optional<ChildRecord> child(Viewer auditor, String contactPointId, Map<String, String> errors) {
        ContactPointId id;
        try {
            id = new ContactPointId(contactPointId);
        } catch (InvalidValueException e) {
            errors.put("contactPointId", "Enter a ContactPoint ID of 12 digits");
            return Optional.empty();
        }
        Optional<ChildRecord> child = directory.find(id).filter(c -> c.responsibleLa() != null
                && c.responsibleLa().code().value().equals(auditor.localAuthority()));
        if (child.isEmpty()) {
            errors.put("contactPointId", "No child your local authority is responsible for has that ContactPoint ID");
        }
        return child;
    }

    @PostMapping("/oversight/children")
    String historyOf(@RequestParam Map<String, String> form, HttpServletRequest request, Model model) {
        Viewer auditor = auditor(request);
        Map<String, String> errors = new LinkedHashMap<>();
        String contactPointId = form.getOrDefault("contactPointId", "");
        Optional<ChildRecord> child = child(auditor, contactPointId, errors);
        AuditFilter filter = filter(form, errors, false);
        model.addAttribute("errors", errors);
        model.addAttribute("form", form);
        model.addAttribute("contactPointId", contactPointId);
        filterChoices(model);
        if (child.isPresent() && errors.isEmpty()) {
            AccessHistory.History found = history.of(auditor, child.get().id(), filter);
            model.addAttribute("events", found.events());
            model.addAttribute("organisations", found.organisations());
        }
        return "oversight/history";
    }

    @PostMapping("/oversight/children/export")
    ResponseEntity<byte[]> export(@RequestParam Map<String, String> form, HttpServletRequest request) {
        Viewer auditor = auditor(request);
        Map<String, String> errors = new LinkedHashMap<>();
        Optional<ChildRecord> child = child(auditor, form.getOrDefault("contactPointId", ""), errors);
        if (child.isEmpty()) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        AuditFilter filter = filter(form, errors, false);
        if (!errors.isEmpty()) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST);
        }
        return csv("access-history.csv", AccessHistory.csv(history.export(auditor, child.get().id(), filter)));
    }

    private Viewer overseer(HttpServletRequest request) {
        Viewer viewer = viewers.of(request).orElseThrow(() -> new ResponseStatusException(HttpStatus.FORBIDDEN));
        if (!UserActivity.oversees(viewer)) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN);
        }
        return viewer;
    }

    @GetMapping("/oversight/users")
    String activityForm(HttpServletRequest request, Model model) {
        overseer(request);
        Map<String, String> form = new HashMap<>();
        LocalDate today = LocalDate.now(clock.withZone(AuditFilter.LONDON));
        FormDates.fill(form, "from", today.minusDays(DEFAULT_DAYS - 1));
        FormDates.fill(form, "to", today);
        model.addAttribute("errors", Map.of());
        model.addAttribute("form", form);
        filterChoices(model);
        return "oversight/users";
    }

    /** The username is posted, not put in the address, so that it stays out of access logs and browser history. */
    @PostMapping("/oversight/users")
    String activityOf(@RequestParam Map<String, String> input, HttpServletRequest request, Model model) {
        Viewer overseer = overseer(request);
        Map<String, String> form = new HashMap<>(input);
        Map<String, String> errors = new LinkedHashMap<>();
        String username = username(form, errors);
        AuditFilter filter = filter(form, errors, true);
        model.addAttribute("errors", errors);
        model.addAttribute("form", form);
        filterChoices(model);
        if (!errors.isEmpty()) {
            return "oversight/users";
        }
        try {
            UserActivity.Page page = activity.of(overseer, username, filter);
            model.addAttribute("entries", page.entries());
            model.addAttribute("capped", page.capped());
            model.addAttribute("shown", UserActivity.SHOWN);
            model.addAttribute("exported", UserActivity.EXPORTED);
            model.addAttribute("subject", username);
            Map<Long, ContactPointId> ids = directory.contactPointIds(page.entries().stream()
                    .flatMap(e -> e.event().childIds().stream()).toList());
            Map<Long, String> children = new HashMap<>();
            page.entries().forEach(e -> e.event().childIds().forEach(c -> children.put(c, childLabel(ids, c))));
            model.addAttribute("children", children);
        } catch (UserAdministration.AccessDenied e) {
            errors.put("username", e.getMessage());
        }
        return "oversight/users";
    }

    @PostMapping("/oversight/users/export")
    ResponseEntity<byte[]> exportActivity(@RequestParam Map<String, String> input, HttpServletRequest request) {
        Viewer overseer = overseer(request);
        Map<String, String> form = new HashMap<>(input);
        Map<String, String> errors = new LinkedHashMap<>();
        String username = username(form, errors);
        AuditFilter filter = filter(form, errors, true);
        if (!errors.isEmpty()) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST);
        }
        List<UserActivity.Entry> entries;
        try {
            entries = activity.export(overseer, username, filter);
        } catch (UserAdministration.AccessDenied e) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN, e.getMessage());
        }
        Map<Long, ContactPointId> ids = directory.contactPointIds(entries.stream().flatMap(e -> e.event().childIds().stream()).toList());
        return csv("user-activity.csv", UserActivity.csv(entries, c -> childLabel(ids, c)));
    }

    private static String childLabel(Map<Long, ContactPointId> ids, long child) {
        ContactPointId id = ids.get(child);
        return id == null ? "purged record" : id.value();
    }

    private static String username(Map<String, String> form, Map<String, String> errors) {
        String username = form.getOrDefault("username", "").strip();
        if (username.isEmpty()) {
            errors.put("username", "Enter the username of the user whose activity you want to see");
        } else if (username.length() > 100) {
            errors.put("username", "A username has at most 100 characters");
        }
        return username;
    }

    /**
     * The filter in the form: dates (GOV.UK date inputs {@code from} and {@code to}), action, outcome and organisation.
     * With {@code lastDays}, empty dates mean the last {@link #DEFAULT_DAYS} days (and are filled in so the page says
     * so); otherwise they mean no bound.
     */
    private AuditFilter filter(Map<String, String> form, Map<String, String> errors, boolean lastDays) {
        LocalDate from = FormDates.read(form, "from", "From", errors);
        LocalDate to = FormDates.read(form, "to", "To", errors);
        if (lastDays && from == null && to == null && !errors.containsKey("from-day") && !errors.containsKey("to-day")) {
            to = LocalDate.now(clock.withZone(AuditFilter.LONDON));
            from = to.minusDays(DEFAULT_DAYS - 1);
            FormDates.fill(form, "from", from);
            FormDates.fill(form, "to", to);
        }
        AuditAction action = choice(AuditAction.class, form.get("action"), "action", "Choose an action from the list", errors);
        AuditOutcome outcome = choice(AuditOutcome.class, form.get("outcome"), "outcome", "Choose an outcome from the list", errors);
        if (from != null && to != null && to.isBefore(from)) {
            errors.put("to-day", "To must be the same as or after from");
        }
        if (!errors.isEmpty()) {
            return AuditFilter.NONE;
        }
        return new AuditFilter(from, to, action, outcome, form.get("organisation"));
    }

    private static <E extends Enum<E>> E choice(Class<E> type, String value, String field, String problem,
                                                Map<String, String> errors) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Enum.valueOf(type, value);
        } catch (IllegalArgumentException e) {
            errors.put(field, problem);
            return null;
        }
    }

    private static void filterChoices(Model model) {
        Map<String, String> actions = new LinkedHashMap<>();
        for (AuditAction a : AuditAction.values()) {
            actions.put(a.name(), label(a.name()));
        }
        Map<String, String> outcomes = new LinkedHashMap<>();
        for (AuditOutcome o : AuditOutcome.values()) {
            outcomes.put(o.name(), label(o.name()));
        }
        model.addAttribute("actions", actions);
        model.addAttribute("outcomes", outcomes);
    }

    /** RECORD_VIEW reads as Record view. */
    static String label(String name) {
        String words = name.toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
        return Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }

    private static ResponseEntity<byte[]> csv(String filename, String body) {
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(filename).build().toString())
                .contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                .body(body.getBytes(StandardCharsets.UTF_8));
    }
}
