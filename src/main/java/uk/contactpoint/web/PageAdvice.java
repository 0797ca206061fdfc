package uk.contactpoint.web;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.ResponseStatus;

import uk.contactpoint.access.CurrentViewer;
import uk.contactpoint.audit.AuditUnavailableException;

/** What every page needs, and the page shown when a request cannot be audited. */
@ControllerAdvice
class PageAdvice {

    /** Whether the menu shows: only after both sign-in steps. */
    @ModelAttribute("signedIn")
    boolean signedIn() {
        return CurrentViewer.fullySignedIn(SecurityContextHolder.getContext().getAuthentication());
    }

    /** No audit, no data: the page says so and shows nothing of the child. */
    @ExceptionHandler(AuditUnavailableException.class)
    @ResponseStatus(HttpStatus.SERVICE_UNAVAILABLE)
    String auditUnavailable() {
        return "unavailable";
    }
}
