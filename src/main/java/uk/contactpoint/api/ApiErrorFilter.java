package uk.contactpoint.api;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Makes every error under {@code /api/} a problem detail (RFC 9457), whoever raised it: the security filters
 * (401 with its {@code WWW-Authenticate}, 403), Spring MVC (404 for an unknown path, 405, 406, 415), or an
 * unexpected failure (500, with nothing of the failure in the answer). Registered before Spring Security. An
 * unavailable database is left to the outermost filter, which answers 503 (ADR 47).
 */
final class ApiErrorFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(ApiErrorFilter.class);

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !request.getRequestURI().startsWith(request.getContextPath() + "/api/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Tracking tracked = new Tracking(response);
        try {
            chain.doFilter(request, tracked);
        } catch (Exception e) {
            if (uk.contactpoint.access.DatabaseUnavailable.is(e)) {
                throw e; // the outermost filter answers it with 503 and Retry-After (ADR 47)
            }
            log.error("API request failed: {} {}", request.getMethod(), request.getRequestURI().replaceAll("[0-9]{6,}", "#"), e);
            if (!response.isCommitted()) {
                response.reset();
                write(response, 500, "Something went wrong", "The request could not be completed; nothing was changed. Try again later.");
            }
            return;
        }
        int status = tracked.status;
        if (status >= 400 && !tracked.bodyStarted && !response.isCommitted()) {
            HttpStatus s = HttpStatus.resolve(status);
            String title = s == null ? "Error" : s.getReasonPhrase();
            String detail = switch (status) {
                case 401 -> "Send a DPoP-bound access token (Authorization: DPoP ...) with a DPoP proof for this request";
                case 403 -> "Your client or account may not do this";
                case 404 -> "There is nothing at this address in API v1";
                case 405 -> "This address does not take that method";
                default -> title;
            };
            write(response, status, title, detail);
        }
    }

    static void write(HttpServletResponse response, int status, String title, String detail) throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "about:blank");
        body.put("title", title);
        body.put("status", status);
        body.put("detail", detail);
        response.setStatus(status);
        response.setContentType("application/problem+json");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getOutputStream().write(ApiJson.writer().writeValueAsBytes(body));
    }

    /** Notes the status and whether a body was begun; turns sendError into a plain status, so the body is ours. */
    private static final class Tracking extends HttpServletResponseWrapper {
        int status = 200;
        boolean bodyStarted;

        Tracking(HttpServletResponse response) {
            super(response);
        }

        @Override
        public void setStatus(int sc) {
            status = sc;
            super.setStatus(sc);
        }

        @Override
        public void sendError(int sc, String msg) {
            setStatus(sc);
        }

        @Override
        public void sendError(int sc) {
            setStatus(sc);
        }

        @Override
        public ServletOutputStream getOutputStream() throws IOException {
            bodyStarted = true;
            return super.getOutputStream();
        }

        @Override
        public PrintWriter getWriter() throws IOException {
            bodyStarted = true;
            return super.getWriter();
        }
    }
}
