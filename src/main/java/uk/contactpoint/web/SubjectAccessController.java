package uk.contactpoint.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
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
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.Context;

import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;

import uk.contactpoint.access.CurrentViewer;
import uk.contactpoint.access.Viewer;
import uk.contactpoint.directory.ContactPointId;
import uk.contactpoint.directory.InvalidValueException;
import uk.contactpoint.safeguards.SubjectAccess;

/** Subject access reports for an LA's data managers and auditors: as a page and as a PDF. */
@Controller
class SubjectAccessController {

    private final CurrentViewer viewers;
    private final SubjectAccess subjectAccess;
    private final TemplateEngine templates;

    SubjectAccessController(CurrentViewer viewers, SubjectAccess subjectAccess, TemplateEngine templates) {
        this.viewers = viewers;
        this.subjectAccess = subjectAccess;
        this.templates = templates;
    }

    private Viewer producer(HttpServletRequest request) {
        Viewer viewer = viewers.of(request).orElseThrow(() -> new ResponseStatusException(HttpStatus.FORBIDDEN));
        if (!SubjectAccess.produces(viewer)) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN);
        }
        return viewer;
    }

    @GetMapping("/oversight/subject-access")
    String form(HttpServletRequest request, Model model) {
        producer(request);
        model.addAttribute("errors", Map.of());
        return "oversight/subject-access";
    }

    private Optional<SubjectAccess.Report> report(Viewer viewer, String contactPointId, Map<String, String> errors) {
        try {
            Optional<SubjectAccess.Report> report = subjectAccess.report(viewer, new ContactPointId(contactPointId));
            if (report.isEmpty()) {
                errors.put("contactPointId", "No child your local authority is responsible for has that ContactPoint ID");
            }
            return report;
        } catch (InvalidValueException e) {
            errors.put("contactPointId", "Enter a ContactPoint ID of 12 digits");
            return Optional.empty();
        }
    }

    @PostMapping("/oversight/subject-access")
    String produce(@RequestParam(defaultValue = "") String contactPointId, HttpServletRequest request, Model model) {
        Map<String, String> errors = new LinkedHashMap<>();
        report(producer(request), contactPointId, errors).ifPresent(r -> model.addAttribute("report", r));
        model.addAttribute("errors", errors);
        model.addAttribute("contactPointId", contactPointId);
        return "oversight/subject-access";
    }

    @PostMapping("/oversight/subject-access/pdf")
    ResponseEntity<byte[]> pdf(@RequestParam(defaultValue = "") String contactPointId, HttpServletRequest request) {
        Viewer viewer = producer(request);
        SubjectAccess.Report report = report(viewer, contactPointId, new LinkedHashMap<>())
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        Context context = new Context();
        context.setVariable("report", report);
        context.setVariable("producedAt", Instant.now().truncatedTo(ChronoUnit.MINUTES));
        context.setVariable("producedBy", viewer.username() + " (" + viewer.organisationName() + ")");
        String html = templates.process("oversight/subject-access-pdf", context);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            PdfRendererBuilder builder = new PdfRendererBuilder();
            builder.useFastMode();
            builder.withHtmlContent(html, null);
            builder.toStream(out);
            builder.run();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename("subject-access-report.pdf").build().toString())
                .contentType(MediaType.APPLICATION_PDF)
                .body(out.toByteArray());
    }
}
