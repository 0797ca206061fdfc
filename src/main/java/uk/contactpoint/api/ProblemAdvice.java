package uk.contactpoint.api;

import java.net.URI;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import uk.contactpoint.audit.AuditUnavailableException;
import uk.contactpoint.practice.Involvements;
import uk.contactpoint.safeguards.ViewCap;

/**
 * The API's errors as problem details (RFC 9457): its own {@link ApiProblem}s, the services' refusals (422 with
 * their message), the daily view cap (403), an unavailable audit log (503: no audit, no data), and Spring MVC's
 * own errors (malformed requests, wrong media types) through {@link ResponseEntityExceptionHandler}.
 */
@RestControllerAdvice(basePackageClasses = ProblemAdvice.class)
class ProblemAdvice extends ResponseEntityExceptionHandler {

    @ExceptionHandler(ApiProblem.class)
    ResponseEntity<ProblemDetail> problem(ApiProblem e) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(e.status(), e.getMessage());
        p.setType(URI.create(ApiProblem.TYPE_BASE + e.type()));
        p.setTitle(e.title());
        if (!e.errors().isEmpty()) {
            p.setProperty("errors", e.errors());
        }
        return ResponseEntity.status(e.status()).body(p);
    }

    @ExceptionHandler(Involvements.Refused.class)
    ResponseEntity<ProblemDetail> refused(Involvements.Refused e) {
        return problem(new ApiProblem(HttpStatus.UNPROCESSABLE_CONTENT, "refused", "The service refused the request", e.getMessage()));
    }

    @ExceptionHandler(ViewCap.Reached.class)
    ResponseEntity<ProblemDetail> capped(ViewCap.Reached e) {
        return problem(new ApiProblem(HttpStatus.FORBIDDEN, "daily-view-cap", "Daily limit reached", e.getMessage()));
    }

    @ExceptionHandler(AuditUnavailableException.class)
    ResponseEntity<ProblemDetail> auditUnavailable() {
        return problem(new ApiProblem(HttpStatus.SERVICE_UNAVAILABLE, "audit-unavailable", "Service unavailable",
                "The access could not be recorded, so nothing was returned or changed. Try again later."));
    }

    @ExceptionHandler(AccessDeniedException.class)
    ResponseEntity<ProblemDetail> denied() {
        return problem(ApiProblem.forbidden("Your client or account may not do this"));
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex, HttpHeaders headers,
                                                                  HttpStatusCode status, WebRequest request) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, "The request body could not be read");
        p.setType(URI.create(ApiProblem.TYPE_BASE + "bad-request"));
        p.setTitle("The request is not valid");
        return handleExceptionInternal(ex, p, headers, HttpStatus.BAD_REQUEST, request);
    }
}
