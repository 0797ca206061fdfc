package uk.contactpoint.web;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

import uk.contactpoint.directory.ContactPointId;
import uk.contactpoint.directory.InvalidValueException;
import uk.contactpoint.search.SearchCriteria;
import uk.contactpoint.search.internal.OfflineSearch;

/**
 * Jazzer: whatever a practitioner (or anyone with a session) posts to {@code /search}, the form becomes criteria or
 * the page again with messages for them, each on a field of the page so the error summary can link to it; never
 * any other exception, which would be a 500. Criteria are then checked for enough detail as each kind of viewer
 * (with and without NHS numbers and UPNs), and those enough to search with are keyed and scored as the search
 * does around its database query. A ContactPoint ID, as typed to open a record, is a number or the form's
 * message. Replays the committed seeds (URL-encoded form bodies) in a plain test run; fuzzes with JAZZER_FUZZ=1.
 */
class SearchFormFuzzTest {

    /** The inputs of the search page an error can point at. */
    private static final Set<String> FIELDS = Set.of("givenName", "familyName", "dateOfBirth-day", "postcode", "nhsNumber",
            "upn");

    @FuzzTest(maxDuration = "30s")
    void shouldTurnAnyFormIntoCriteriaOrMessagesOnItsFields(FuzzedDataProvider data) {
        String body = data.consumeRemainingAsString();
        Map<String, String> form = parse(body);
        Map<String, String> errors = new LinkedHashMap<>();

        SearchCriteria criteria = SearchController.criteria(form, errors);

        if (criteria == null) {
            if (errors.isEmpty()) {
                throw new AssertionError("no criteria and no message");
            }
            requireMessagesOnFields(errors);
        } else {
            if (!errors.isEmpty()) {
                throw new AssertionError("criteria and messages both: " + errors);
            }
            boolean enough = false;
            for (boolean health : new boolean[] {false, true}) {
                for (boolean education : new boolean[] {false, true}) {
                    Map<String, String> problems = criteria.problems(health, education);
                    requireMessagesOnFields(problems);
                    enough |= problems.isEmpty();
                }
            }
            if (enough) {
                criteria.forAudit();
                criteria.personalValues();
                OfflineSearch.score(criteria);
            }
        }
        String id = form.get("contactPointId");
        if (id != null && !id.isBlank()) {
            try {
                new ContactPointId(id);
            } catch (InvalidValueException e) {
                // RecordController shows its own message for it
            }
        }
    }

    private static void requireMessagesOnFields(Map<String, String> messages) {
        messages.forEach((field, message) -> {
            if (!FIELDS.contains(field) || message == null || message.isBlank()) {
                throw new AssertionError("not a message on a field of the page: " + field + "=" + message);
            }
        });
    }

    /**
     * name=value pairs, URL-decoded leniently (a bad escape is kept as typed), the first of a name winning as in the
     * {@code Map<String, String>} Spring binds from {@code @RequestParam}.
     */
    static Map<String, String> parse(String body) {
        Map<String, String> form = new LinkedHashMap<>();
        for (String pair : body.split("&", 30)) {
            int eq = pair.indexOf('=');
            if (eq >= 0) {
                form.putIfAbsent(decode(pair.substring(0, eq)), decode(pair.substring(eq + 1)));
            }
        }
        return form;
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return s;
        }
    }
}
