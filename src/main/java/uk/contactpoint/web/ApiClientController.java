package uk.contactpoint.web;

import java.util.Arrays;
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

import uk.contactpoint.access.ApiClient;
import uk.contactpoint.access.ApiClients;
import uk.contactpoint.access.CurrentViewer;
import uk.contactpoint.access.Role;
import uk.contactpoint.access.Viewer;
import uk.contactpoint.ingest.SupplierRegister;

/**
 * API clients (ADR 35): an LA's user administrators and data managers register the case management systems and
 * supplier systems of their authority, national administrators those of any authority or national ones. The
 * page lists them, registers one (with its public key) and revokes one; each act is audited by {@link ApiClients}.
 */
@Controller
class ApiClientController {

    private final CurrentViewer viewers;
    private final ApiClients clients;
    private final SupplierRegister suppliers;

    ApiClientController(CurrentViewer viewers, ApiClients clients, SupplierRegister suppliers) {
        this.viewers = viewers;
        this.clients = clients;
        this.suppliers = suppliers;
    }

    @GetMapping("/admin/api-clients")
    String list(HttpServletRequest request, Model model) {
        Viewer viewer = registrar(request);
        return page(viewer, model, Map.of(), Map.of());
    }

    @PostMapping("/admin/api-clients")
    String register(HttpServletRequest request, Model model, RedirectAttributes flash,
                    @RequestParam(defaultValue = "") String kind, @RequestParam(defaultValue = "") String name,
                    @RequestParam(defaultValue = "") String localAuthority, @RequestParam(defaultValue = "") String redirectUris,
                    @RequestParam(defaultValue = "") String supplierCode, @RequestParam(defaultValue = "") String publicJwk) {
        Viewer viewer = registrar(request);
        Map<String, String> form = new LinkedHashMap<>();
        form.put("kind", kind);
        form.put("name", name);
        form.put("localAuthority", localAuthority);
        form.put("redirectUris", redirectUris);
        form.put("supplierCode", supplierCode);
        form.put("publicJwk", publicJwk);
        ApiClient.Kind k = "CMS".equals(kind) ? ApiClient.Kind.CMS : "SUPPLIER".equals(kind) ? ApiClient.Kind.SUPPLIER : null;
        String la = viewer.has(Role.NATIONAL_ADMIN) ? localAuthority : viewer.localAuthority();
        try {
            ApiClient c = clients.register(viewer, new ApiClients.Registration(k, name, la,
                    Arrays.stream(redirectUris.split("\\s+")).filter(s -> !s.isBlank()).toList(),
                    k == ApiClient.Kind.SUPPLIER ? supplierCode : null, publicJwk));
            flash.addFlashAttribute("done", "Registered " + c.name() + ": its client id is " + c.clientId());
            return "redirect:/admin/api-clients";
        } catch (ApiClients.Refused e) {
            return page(viewer, model, Map.of(e.field(), e.getMessage()), form);
        }
    }

    @PostMapping("/admin/api-clients/{clientId}/revoke")
    String revoke(HttpServletRequest request, @PathVariable String clientId, RedirectAttributes flash) {
        Viewer viewer = registrar(request);
        try {
            clients.revoke(viewer, clientId);
        } catch (ApiClients.Refused e) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        flash.addFlashAttribute("done", "Revoked " + clientId + ": its tokens no longer work");
        return "redirect:/admin/api-clients";
    }

    private String page(Viewer viewer, Model model, Map<String, String> errors, Map<String, String> form) {
        List<ApiClient> list = clients.visibleTo(viewer);
        model.addAttribute("clients", list);
        model.addAttribute("errors", errors);
        model.addAttribute("form", form);
        model.addAttribute("national", viewer.has(Role.NATIONAL_ADMIN));
        model.addAttribute("ownAuthority", viewer.localAuthority());
        model.addAttribute("suppliers", suppliers.all());
        return "admin/api-clients";
    }

    private Viewer registrar(HttpServletRequest request) {
        Viewer viewer = viewers.of(request).orElseThrow(() -> new ResponseStatusException(HttpStatus.FORBIDDEN));
        if (!ApiClients.registers(viewer)) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN);
        }
        return viewer;
    }
}
