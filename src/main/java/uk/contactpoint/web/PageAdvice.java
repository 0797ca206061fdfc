package uk.contactpoint.web;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.ResponseStatus;

import jakarta.servlet.http.HttpServletRequest;

import uk.contactpoint.access.CurrentViewer;
import uk.contactpoint.access.UserAdministration;
import uk.contactpoint.audit.AuditUnavailableException;

/** What every page needs, and the page shown when a request cannot be audited. */
@ControllerAdvice
class PageAdvice {

    private final CurrentViewer viewers;
    private final java.time.Duration sessionTimeout;

    PageAdvice(CurrentViewer viewers,
               @org.springframework.beans.factory.annotation.Value("${server.servlet.session.timeout:15m}") java.time.Duration sessionTimeout) {
        this.viewers = viewers;
        this.sessionTimeout = sessionTimeout;
    }

    /** Whether the menu shows: only after both sign-in steps. */
    @ModelAttribute("signedIn")
    boolean signedIn() {
        return CurrentViewer.fullySignedIn(SecurityContextHolder.getContext().getAuthentication());
    }

    /** How long an idle session lives: the page warns two minutes before. */
    @ModelAttribute("sessionTimeoutSeconds")
    long sessionTimeoutSeconds() {
        return sessionTimeout.toSeconds();
    }

    /** Which parts of the menu the viewer may use: worked out from one look at who is signed in. */
    @ModelAttribute
    void menu(HttpServletRequest request, org.springframework.ui.Model model) {
        java.util.Optional<uk.contactpoint.access.Viewer> viewer = viewers.of(request);
        model.addAttribute("administers", viewer.map(UserAdministration::administers).orElse(false));
        model.addAttribute("accredits", viewer.map(uk.contactpoint.access.OrganisationAccreditation::administers).orElse(false));
        model.addAttribute("oversees", viewer.map(uk.contactpoint.audit.MisuseAlerts::reviews).orElse(false));
        model.addAttribute("overseesUsers", viewer.map(uk.contactpoint.audit.UserActivity::oversees).orElse(false));
        model.addAttribute("shields", viewer.map(uk.contactpoint.safeguards.Shielding::shields).orElse(false));
        model.addAttribute("reviewsBreakGlass", viewer.map(uk.contactpoint.safeguards.BreakGlass::reviews).orElse(false));
        model.addAttribute("reviews", viewer.map(uk.contactpoint.ingest.ReviewQueue::reviews).orElse(false));
        model.addAttribute("maintains", viewer.map(uk.contactpoint.safeguards.ManualRecords::maintains).orElse(false));
        model.addAttribute("setsPolicy", viewer.map(v -> v.localAuthority() != null && uk.contactpoint.safeguards.AuthoritySettings.reads(v)).orElse(false));
        model.addAttribute("archives", viewer.map(uk.contactpoint.safeguards.ArchivedRecords::mayUse).orElse(false));
        model.addAttribute("brokers", viewer.map(uk.contactpoint.practice.Brokering::uses).orElse(false));
        model.addAttribute("readsReports", viewer.map(uk.contactpoint.reports.ReportAccess::mayView).orElse(false));
        model.addAttribute("registersClients", viewer.map(uk.contactpoint.access.ApiClients::registers).orElse(false));
        model.addAttribute("transfers", viewer.map(uk.contactpoint.transfers.Transfers::uses).orElse(false));
        model.addAttribute("listsLeftEngland", viewer.map(uk.contactpoint.transfers.LeftEngland::lists).orElse(false));
        model.addAttribute("practises", viewer.map(v -> v.has(uk.contactpoint.access.Role.PRACTITIONER)).orElse(false));
    }

    /** No audit, no data: the page says so and shows nothing of the child. */
    @ExceptionHandler(AuditUnavailableException.class)
    @ResponseStatus(HttpStatus.SERVICE_UNAVAILABLE)
    String auditUnavailable() {
        return "unavailable";
    }
}
