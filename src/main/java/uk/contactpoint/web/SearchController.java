package uk.contactpoint.web;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

import uk.contactpoint.access.CurrentViewer;
import uk.contactpoint.access.Viewer;
import uk.contactpoint.safeguards.ChildSearches;
import uk.contactpoint.search.SearchCriteria;

/** Find a child: the search form (criteria posted, never in the URL) and its results. */
@Controller
class SearchController {

    static final int MAX_FIELD = 100;

    private final CurrentViewer viewers;
    private final ChildSearches searches;

    SearchController(CurrentViewer viewers, ChildSearches searches) {
        this.viewers = viewers;
        this.searches = searches;
    }

    private Viewer viewer(HttpServletRequest request) {
        return viewers.of(request).orElseThrow(() -> new ResponseStatusException(HttpStatus.FORBIDDEN));
    }

    @GetMapping("/search")
    String form(HttpServletRequest request, Model model) {
        return page(viewer(request), Map.of(), Map.of(), model);
    }

    static String page(Viewer viewer, Map<String, String> form, Map<String, String> errors, Model model) {
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        model.addAttribute("mayUseNhsNumber", viewer.allocatingBodies().contains("NHS"));
        model.addAttribute("mayUseUpn", viewer.allocatingBodies().contains("DFE"));
        return "search";
    }

    @PostMapping("/search")
    String search(@RequestParam Map<String, String> form, HttpServletRequest request, Model model) {
        return search(searches, viewer(request), form, model);
    }

    /** Reads the form, searches as this viewer and fills the search page's model (also for mediated searches). */
    static String search(ChildSearches searches, Viewer viewer, Map<String, String> form, Model model) {
        Map<String, String> errors = new LinkedHashMap<>();
        SearchCriteria criteria = criteria(form, errors);
        if (criteria == null) {
            return page(viewer, form, errors, model);
        }
        ChildSearches.Answer answer = searches.search(viewer, criteria);
        if (answer instanceof ChildSearches.Found found) {
            model.addAttribute("rows", found.rows());
            return page(viewer, form, Map.of(), model);
        }
        if (answer instanceof ChildSearches.NeedsDetail needs) {
            return page(viewer, form, needs.problems(), model);
        }
        model.addAttribute("notice", answer instanceof ChildSearches.NotLive notLive ? notLive.message()
                : "Too many possible matches: add more detail, such as the given name or the postcode.");
        return page(viewer, form, Map.of(), model);
    }

    /**
     * The criteria in the form; or null, with the error to show in {@code errors}, when the date of birth is not a
     * real date within the last 25 years. Never throws, whatever the form holds.
     */
    static SearchCriteria criteria(Map<String, String> form, Map<String, String> errors) {
        LocalDate dob = null;
        String day = form.getOrDefault("dateOfBirth-day", "").trim();
        String month = form.getOrDefault("dateOfBirth-month", "").trim();
        String year = form.getOrDefault("dateOfBirth-year", "").trim();
        if (!(day + month + year).isEmpty()) {
            try {
                dob = LocalDate.of(Integer.parseInt(year), Integer.parseInt(month), Integer.parseInt(day));
                if (dob.isAfter(LocalDate.now()) || dob.isBefore(LocalDate.now().minusYears(25))) {
                    errors.put("dateOfBirth-day", "Date of birth must be in the past, and within the last 25 years");
                }
            } catch (NumberFormatException | DateTimeException e) {
                errors.put("dateOfBirth-day", "Date of birth must be a real date, for example 27 3 2015");
            }
        }
        if (!errors.isEmpty()) {
            return null;
        }
        return new SearchCriteria(form.get("givenName"), form.get("familyName"), dob, form.get("postcode"),
                form.get("nhsNumber"), form.get("upn"));
    }
}
