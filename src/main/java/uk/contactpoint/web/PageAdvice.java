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

    PageAdvice(CurrentViewer viewers) {
        this.viewers = viewers;
    }

    /** Whether the menu shows: only after both sign-in steps. */
    @ModelAttribute("signedIn")
    boolean signedIn() {
        return CurrentViewer.fullySignedIn(SecurityContextHolder.getContext().getAuthentication());
    }

    /** Whether the menu offers user administration. */
    @ModelAttribute("administers")
    boolean administers(HttpServletRequest request) {
        return viewers.of(request).map(UserAdministration::administers).orElse(false);
    }

    /** No audit, no data: the page says so and shows nothing of the child. */
    @ExceptionHandler(AuditUnavailableException.class)
    @ResponseStatus(HttpStatus.SERVICE_UNAVAILABLE)
    String auditUnavailable() {
        return "unavailable";
    }
}
