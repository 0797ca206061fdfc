package uk.contactpoint.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.filter.OncePerRequestFilter;

import uk.contactpoint.access.DatabaseUnavailable;

/**
 * The outermost filter: a request that fails because the database cannot be used (unreachable, restarting,
 * read-only, full) is answered at once with 503 and {@code Retry-After}, in the form its caller reads (a page, an
 * RFC 9457 problem, a FHIR OperationOutcome), never with a 500 or a hang, and with nothing of the child. It wraps
 * the session filter too, whose reads and writes of the session row fail the same way. Logs the failure's kind,
 * never its message (which may quote values).
 */
final class UnavailableFilter extends OncePerRequestFilter {

    static final int ORDER = Integer.MIN_VALUE + 10;
    private static final Logger log = LoggerFactory.getLogger(UnavailableFilter.class);
    private static final String RETRY_AFTER_SECONDS = "30";

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            chain.doFilter(request, response);
        } catch (ServletException | IOException | RuntimeException e) {
            if (!DatabaseUnavailable.is(e)) {
                throw e;
            }
            log.warn("Database unavailable: {} {} answered 503 ({})", request.getMethod(),
                    request.getRequestURI().replaceAll("[0-9]{6,}", "#"), kind(e));
            if (!response.isCommitted()) {
                response.reset();
                write(request, response);
            }
        }
    }

    /** The innermost cause's class and SQLSTATE: enough for an operator, with no value in it. */
    private static String kind(Throwable e) {
        Throwable root = e;
        String state = null;
        for (Throwable t = e; t != null; t = t.getCause()) {
            root = t;
            if (t instanceof java.sql.SQLException sql && sql.getSQLState() != null) {
                state = sql.getSQLState();
            }
        }
        return root.getClass().getSimpleName() + (state == null ? "" : " SQLSTATE " + state);
    }

    private static void write(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
        response.setHeader("Retry-After", RETRY_AFTER_SECONDS);
        response.setHeader("Cache-Control", "no-store");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        String body;
        if (path.startsWith("/api/")) {
            response.setContentType("application/problem+json");
            body = """
                    {"type":"https://contactpoint.example.gov.uk/problems/unavailable","title":"Service unavailable","status":503,\
                    "detail":"The directory's database cannot be used at the moment, so nothing was returned or changed. Try again later."}""";
        } else if (path.startsWith("/fhir/")) {
            response.setContentType("application/fhir+json");
            body = """
                    {"resourceType":"OperationOutcome","issue":[{"severity":"error","code":"transient",\
                    "diagnostics":"The directory's database cannot be used at the moment, so nothing was returned or changed. Try again later."}]}""";
        } else {
            response.setContentType("text/html");
            body = """
                    <!DOCTYPE html>
                    <html lang="en" class="govuk-template"><head><meta charset="utf-8">
                    <title>Sorry, the service is unavailable - ContactPoint</title>
                    <meta name="viewport" content="width=device-width, initial-scale=1">
                    <link rel="stylesheet" href="/govuk/govuk-frontend.min.css"></head>
                    <body class="govuk-template__body"><div class="govuk-width-container">
                    <main class="govuk-main-wrapper" id="main-content">
                    <h1 class="govuk-heading-l">Sorry, the service is unavailable</h1>
                    <p class="govuk-body">ContactPoint cannot reach its database at the moment, so it cannot show you any child's details or record a change. Nothing you sent has been changed.</p>
                    <p class="govuk-body">Try again in a few minutes. If a child may be at risk, do not wait: follow your local child protection procedures.</p>
                    </main></div></body></html>
                    """;
        }
        response.getOutputStream().write(body.getBytes(StandardCharsets.UTF_8));
    }
}
