package uk.contactpoint.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import uk.contactpoint.access.AccountRequest;
import uk.contactpoint.access.AccountSummary;
import uk.contactpoint.access.ActivationCode;
import uk.contactpoint.access.CurrentViewer;
import uk.contactpoint.access.ImportReport;
import uk.contactpoint.access.Role;
import uk.contactpoint.access.UserAdministration;
import uk.contactpoint.access.UserImport;
import uk.contactpoint.access.Viewer;

/**
 * User administration pages: list, create, bulk import, and on one account suspend, reactivate, reset
 * factors, unlock and record vetting dates. What an administrator may see and do is decided by
 * {@link UserAdministration}; these pages only collect input and show outcomes.
 */
@Controller
class AdminController {

    static final int MAX_IMPORT_BYTES = 2 * 1024 * 1024;

    private final CurrentViewer viewers;
    private final UserAdministration administration;
    private final UserImport imports;

    AdminController(CurrentViewer viewers, UserAdministration administration, UserImport imports) {
        this.viewers = viewers;
        this.administration = administration;
        this.imports = imports;
    }

    private Viewer admin(HttpServletRequest request) {
        Viewer viewer = viewers.of(request).orElseThrow(() -> new ResponseStatusException(HttpStatus.FORBIDDEN));
        if (!UserAdministration.administers(viewer)) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN);
        }
        return viewer;
    }

    @ExceptionHandler(UserAdministration.AccessDenied.class)
    @ResponseStatus(HttpStatus.FORBIDDEN)
    String denied(UserAdministration.AccessDenied e, Model model) {
        model.addAttribute("message", e.getMessage());
        return "admin/denied";
    }

    @GetMapping("/admin/users")
    String list(HttpServletRequest request, Model model) {
        Viewer admin = admin(request);
        model.addAttribute("accounts", administration.list(admin));
        return "admin/users";
    }

    @GetMapping("/admin/users/new")
    String newUser(HttpServletRequest request, Model model) {
        Viewer admin = admin(request);
        return newUserPage(admin, Map.of(), Map.of("localAuthority", admin.localAuthority() == null ? "" : admin.localAuthority()),
                Set.of(), model);
    }

    private String newUserPage(Viewer admin, Map<String, String> errors, Map<String, String> values, Set<Role> roles, Model model) {
        model.addAttribute("errors", errors);
        model.addAttribute("values", values);
        model.addAttribute("chosenRoles", roles);
        model.addAttribute("grantable", UserAdministration.grantable(admin).stream().sorted().toList());
        model.addAttribute("organisations", administration.organisations(admin));
        model.addAttribute("mayFlagChildProtection", admin.has(Role.NATIONAL_ADMIN) || admin.has(Role.LA_USER_ADMIN));
        return "admin/new-user";
    }

    @PostMapping("/admin/users")
    String create(@RequestParam Map<String, String> form, @RequestParam(name = "roles", required = false) List<String> roleNames,
                  HttpServletRequest request, Model model) {
        Viewer admin = admin(request);
        Map<String, String> errors = new LinkedHashMap<>();
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (String name : roleNames == null ? List.<String>of() : roleNames) {
            try {
                roles.add(Role.valueOf(name));
            } catch (IllegalArgumentException e) {
                errors.put("roles", "Choose roles from the list");
            }
        }
        long organisation = 0;
        try {
            organisation = Long.parseLong(form.getOrDefault("organisationId", ""));
        } catch (NumberFormatException e) {
            errors.put("organisationId", "Choose the user's organisation");
        }
        LocalDate dbs = date(form, "dbsCheckDate", errors);
        LocalDate training = date(form, "trainingCompletedOn", errors);
        LocalDate agreement = date(form, "agreementSignedOn", errors);
        if (errors.isEmpty()) {
            try {
                ActivationCode code = administration.create(admin, new AccountRequest(form.get("username"),
                        form.get("displayName"), form.get("email"), form.get("phone"), organisation,
                        form.getOrDefault("localAuthority", "").trim().toUpperCase(Locale.ROOT), roles,
                        "yes".equals(form.get("childProtection")), form.get("manager"), dbs, training, agreement));
                model.addAttribute("code", code);
                return "admin/activation-code";
            } catch (IllegalArgumentException e) {
                errors.put(fieldOf(e.getMessage()), e.getMessage());
            }
        }
        return newUserPage(admin, errors, form, roles, model);
    }

    /** Messages start with the field's label ("Email: ..."): the error summary links to that field. */
    private static String fieldOf(String message) {
        String label = message.contains(":") ? message.substring(0, message.indexOf(':')) : "";
        return switch (label) {
            case "Username" -> "username";
            case "Full name" -> "displayName";
            case "Email" -> "email";
            case "Phone" -> "phone";
            case "Roles", "Child protection" -> "roles";
            case "Organisation" -> "organisationId";
            case "Local authority" -> "localAuthority";
            case "Manager" -> "manager";
            default -> "dbsCheckDate";
        };
    }

    /** A year-month-day form field: null when empty; when malformed, null and an error for the field. */
    static LocalDate date(Map<String, String> form, String field, Map<String, String> errors) {
        String value = form.getOrDefault(field, "").trim();
        if (value.isEmpty()) {
            return null;
        }
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            errors.put(field, "Enter the date as year-month-day, for example 2025-03-31");
            return null;
        }
    }

    @GetMapping("/admin/users/{id}")
    String account(@PathVariable long id, HttpServletRequest request, Model model) {
        Viewer admin = admin(request);
        AccountSummary account = administration.view(admin, id)
                .orElseThrow(() -> new UserAdministration.AccessDenied("No such account in your scope"));
        model.addAttribute("account", account);
        model.addAttribute("errors", Map.of());
        return "admin/user";
    }

    @PostMapping("/admin/users/{id}/suspend")
    String suspend(@PathVariable long id, @RequestParam(defaultValue = "") String reason, HttpServletRequest request,
                   Model model, RedirectAttributes redirect) {
        Viewer admin = admin(request);
        try {
            administration.suspend(admin, id, reason);
        } catch (IllegalArgumentException e) {
            model.addAttribute("account", administration.view(admin, id).orElseThrow());
            model.addAttribute("errors", Map.of("reason", e.getMessage()));
            return "admin/user";
        }
        redirect.addFlashAttribute("done", "Account suspended. Its sessions have ended and the manager has been told.");
        return "redirect:/admin/users/" + id;
    }

    @PostMapping("/admin/users/{id}/left")
    String left(@PathVariable long id, HttpServletRequest request, RedirectAttributes redirect) {
        administration.left(admin(request), id);
        redirect.addFlashAttribute("done", "Account closed: the user has left. Their involvements pass to their manager, "
                + "or to their organisation as team entries.");
        return "redirect:/admin/users/" + id;
    }

    @PostMapping("/admin/users/{id}/reactivate")
    String reactivate(@PathVariable long id, HttpServletRequest request, RedirectAttributes redirect) {
        administration.reactivate(admin(request), id);
        redirect.addFlashAttribute("done", "Account reactivated.");
        return "redirect:/admin/users/" + id;
    }

    @PostMapping("/admin/users/{id}/unlock")
    String unlock(@PathVariable long id, HttpServletRequest request, RedirectAttributes redirect) {
        administration.unlock(admin(request), id);
        redirect.addFlashAttribute("done", "Account unlocked.");
        return "redirect:/admin/users/" + id;
    }

    @PostMapping("/admin/users/{id}/reset")
    String reset(@PathVariable long id, HttpServletRequest request, Model model) {
        model.addAttribute("code", administration.resetFactors(admin(request), id));
        return "admin/activation-code";
    }

    @PostMapping("/admin/users/{id}/vetting")
    String vetting(@PathVariable long id, @RequestParam Map<String, String> form, HttpServletRequest request,
                   Model model, RedirectAttributes redirect) {
        Viewer admin = admin(request);
        Map<String, String> errors = new LinkedHashMap<>();
        LocalDate dbs = date(form, "dbsCheckDate", errors);
        LocalDate training = date(form, "trainingCompletedOn", errors);
        LocalDate agreement = date(form, "agreementSignedOn", errors);
        if (errors.isEmpty()) {
            try {
                administration.recordVetting(admin, id, dbs, training, agreement);
                redirect.addFlashAttribute("done", "Vetting dates recorded.");
                return "redirect:/admin/users/" + id;
            } catch (IllegalArgumentException e) {
                errors.put("dbsCheckDate", e.getMessage());
            }
        }
        model.addAttribute("account", administration.view(admin, id).orElseThrow());
        model.addAttribute("errors", errors);
        return "admin/user";
    }

    @GetMapping("/admin/users/import")
    String importForm(HttpServletRequest request, Model model) {
        admin(request);
        model.addAttribute("header", UserImport.HEADER);
        model.addAttribute("errors", Map.of());
        return "admin/import";
    }

    @PostMapping("/admin/users/import")
    String importUsers(@RequestParam(name = "file", required = false) MultipartFile file,
                       @RequestParam(name = "csv", defaultValue = "") String pasted, HttpServletRequest request,
                       Model model) throws IOException {
        Viewer admin = admin(request);
        model.addAttribute("header", UserImport.HEADER);
        String csv = pasted;
        if (file != null && !file.isEmpty()) {
            if (file.getSize() > MAX_IMPORT_BYTES) {
                model.addAttribute("errors", Map.of("file", "The file is larger than 2 MB: split it into smaller files"));
                return "admin/import";
            }
            csv = new String(file.getBytes(), StandardCharsets.UTF_8);
        }
        if (csv.isBlank()) {
            model.addAttribute("errors", Map.of("file", "Choose a CSV file of users, or paste its contents"));
            return "admin/import";
        }
        ImportReport report = imports.importCsv(admin, csv);
        model.addAttribute("errors", Map.of());
        model.addAttribute("report", report);
        return "admin/import";
    }
}
