package uk.contactpoint.web;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.server.ResponseStatusException;

import uk.contactpoint.access.CurrentViewer;
import uk.contactpoint.access.Viewer;
import uk.contactpoint.directory.LocalAuthorities;
import uk.contactpoint.reports.DataQuality;
import uk.contactpoint.reports.MissingEducation;
import uk.contactpoint.reports.Proportionality;
import uk.contactpoint.reports.ReportAccess;
import uk.contactpoint.reports.Table;

/**
 * Reports for LA ContactPoint teams (their own authority) and national administrators (any authority, and the
 * national view): children missing education, data quality, and proportionality and use (ADR 46), each table
 * also as CSV (ADR 40).
 */
@Controller
class ReportsController {

    private final CurrentViewer viewers;
    private final MissingEducation missing;
    private final DataQuality quality;
    private final Proportionality proportionality;
    private final LocalAuthorities authorities;

    ReportsController(CurrentViewer viewers, MissingEducation missing, DataQuality quality, Proportionality proportionality,
                      LocalAuthorities authorities) {
        this.viewers = viewers;
        this.proportionality = proportionality;
        this.missing = missing;
        this.quality = quality;
        this.authorities = authorities;
    }

    private Viewer reader(HttpServletRequest request) {
        Viewer viewer = viewers.of(request).orElseThrow(() -> new ResponseStatusException(HttpStatus.FORBIDDEN));
        if (!ReportAccess.mayView(viewer)) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN);
        }
        return viewer;
    }

    @ExceptionHandler(ReportAccess.NotAllowed.class)
    @ResponseStatus(HttpStatus.NOT_FOUND)
    String notAllowed(ReportAccess.NotAllowed e, Model model) {
        model.addAttribute("problem", e.getMessage());
        return "reports/not-found";
    }

    @GetMapping("/reports")
    String index(HttpServletRequest request, Model model) {
        Viewer viewer = reader(request);
        model.addAttribute("national", ReportAccess.national(viewer));
        model.addAttribute("authorities", authorities.all());
        return "reports/index";
    }

    @GetMapping("/reports/missing-education")
    String missingEducation(@RequestParam(required = false) String la, HttpServletRequest request, Model model) {
        model.addAttribute("report", missing.forAuthority(reader(request), la));
        model.addAttribute("la", la);
        return "reports/missing-education";
    }

    @GetMapping("/reports/missing-education/export")
    ResponseEntity<byte[]> missingEducationCsv(@RequestParam(defaultValue = "children") String table,
                                               @RequestParam(required = false) String la, HttpServletRequest request) {
        Viewer viewer = reader(request);
        MissingEducation.Report r = "children".equals(table) ? missing.export(viewer, la) : missing.forAuthority(viewer, la);
        Table t = switch (table) {
            case "children" -> r.childrenTable();
            case "since" -> r.sinceTable();
            case "trend" -> r.trendTable();
            default -> throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        };
        return csv("missing-education-" + r.localAuthority() + "-" + t.id() + ".csv", t);
    }

    @GetMapping("/reports/data-quality")
    String dataQuality(@RequestParam(required = false) String la, HttpServletRequest request, Model model) {
        model.addAttribute("report", quality.forAuthority(reader(request), la));
        model.addAttribute("la", la);
        return "reports/data-quality";
    }

    @GetMapping("/reports/data-quality/export")
    ResponseEntity<byte[]> dataQualityCsv(@RequestParam(defaultValue = "summary") String table,
                                          @RequestParam(required = false) String la, HttpServletRequest request) {
        DataQuality.Report r = quality.forAuthority(reader(request), la);
        Table t = r.tables().get(table);
        if (t == null) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        return csv("data-quality-" + r.localAuthority() + "-" + t.id() + ".csv", t);
    }

    @GetMapping("/reports/proportionality")
    String proportionality(@RequestParam(required = false) String la, HttpServletRequest request, Model model) {
        model.addAttribute("report", proportionality.forAuthority(reader(request), la));
        model.addAttribute("la", la);
        return "reports/proportionality";
    }

    @GetMapping("/reports/proportionality/export")
    ResponseEntity<byte[]> proportionalityCsv(@RequestParam(defaultValue = "use") String table,
                                              @RequestParam(required = false) String la, HttpServletRequest request) {
        Proportionality.Report r = proportionality.forAuthority(reader(request), la);
        Table t = r.tables().get(table);
        if (t == null) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        return csv("proportionality-" + r.localAuthority() + "-" + t.id() + ".csv", t);
    }

    @GetMapping("/reports/national")
    String national(HttpServletRequest request, Model model) {
        Viewer viewer = reader(request);
        if (!ReportAccess.national(viewer)) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN);
        }
        model.addAttribute("missing", missing.national(viewer));
        model.addAttribute("quality", quality.national(viewer));
        model.addAttribute("use", proportionality.national(viewer));
        return "reports/national";
    }

    @GetMapping("/reports/national/export")
    ResponseEntity<byte[]> nationalCsv(@RequestParam(defaultValue = "missing-authorities") String table,
                                       HttpServletRequest request) {
        Viewer viewer = reader(request);
        if (!ReportAccess.national(viewer)) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN);
        }
        Map<String, java.util.function.Supplier<Table>> tables = Map.of(
                "missing-authorities", () -> missing.national(viewer).authoritiesTable(),
                "missing-trend", () -> missing.national(viewer).trendTable(),
                "quality-authorities", () -> quality.national(viewer).authorities(),
                "rejects", () -> quality.national(viewer).rejects(),
                "overdue", () -> quality.national(viewer).overdueTable(),
                "use-authorities", () -> proportionality.national(viewer).authorities(),
                "use-monthly", () -> proportionality.national(viewer).use(),
                "safeguards-monthly", () -> proportionality.national(viewer).safeguards());
        java.util.function.Supplier<Table> t = tables.get(table);
        if (t == null) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        return csv("national-" + table + ".csv", t.get());
    }

    private static ResponseEntity<byte[]> csv(String filename, Table table) {
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(filename).build().toString())
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                .body(table.csv().getBytes(StandardCharsets.UTF_8));
    }
}
