package uk.contactpoint.api;

import java.util.Map;

import org.springframework.http.HttpStatus;

/**
 * An error the API answers with a problem detail (RFC 9457): its status, a short type slug (the type URI is
 * {@value #TYPE_BASE} followed by it), a title and a detail the caller can act on, and for bad fields a map of
 * field name to what is wrong with it.
 */
class ApiProblem extends RuntimeException {

    static final String TYPE_BASE = "https://contactpoint.example.gov.uk/problems/";

    private final HttpStatus status;
    private final String type;
    private final String title;
    private final Map<String, String> errors;

    ApiProblem(HttpStatus status, String type, String title, String detail) {
        this(status, type, title, detail, Map.of());
    }

    ApiProblem(HttpStatus status, String type, String title, String detail, Map<String, String> errors) {
        super(detail);
        this.status = status;
        this.type = type;
        this.title = title;
        this.errors = Map.copyOf(errors);
    }

    HttpStatus status() {
        return status;
    }

    String type() {
        return type;
    }

    String title() {
        return title;
    }

    Map<String, String> errors() {
        return errors;
    }

    static ApiProblem badRequest(String detail) {
        return new ApiProblem(HttpStatus.BAD_REQUEST, "bad-request", "The request is not valid", detail);
    }

    static ApiProblem invalid(Map<String, String> errors) {
        return new ApiProblem(HttpStatus.UNPROCESSABLE_CONTENT, "invalid-fields", "Some fields are not valid",
                "Correct the fields listed in errors", errors);
    }

    static ApiProblem forbidden(String detail) {
        return new ApiProblem(HttpStatus.FORBIDDEN, "forbidden", "Not allowed", detail);
    }

    static ApiProblem notFound(String detail) {
        return new ApiProblem(HttpStatus.NOT_FOUND, "not-found", "Not found", detail);
    }
}
