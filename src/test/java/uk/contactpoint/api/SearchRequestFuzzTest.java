package uk.contactpoint.api;

import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

import uk.contactpoint.search.SearchCriteria;
import uk.contactpoint.search.internal.OfflineSearch;

/**
 * Jazzer: whatever body a CMS posts to {@code /api/v1/searches}, it becomes criteria or a problem detail the caller
 * can act on (400 or 413 for a body that is not a search request, 422 naming the fields to correct); never any other
 * exception, which would be a 500. Criteria are then checked for enough detail as each kind of practitioner (with
 * and without NHS numbers and UPNs), every problem naming a field of the request, and those enough to search with
 * are keyed and scored as the search does around its database query. Replays the committed seeds (JSON bodies) in
 * a plain test run; fuzzes with JAZZER_FUZZ=1.
 */
class SearchRequestFuzzTest {

    private static final Set<String> FIELDS = Arrays.stream(ChildrenApi.SearchRequest.class.getRecordComponents())
            .map(java.lang.reflect.RecordComponent::getName).collect(Collectors.toUnmodifiableSet());

    @FuzzTest(maxDuration = "30s")
    void shouldTurnAnyBodyIntoCriteriaOrAProblemNamingWhatToCorrect(FuzzedDataProvider data) {
        byte[] body = data.consumeRemainingAsBytes();
        SearchCriteria criteria;
        try {
            criteria = ChildrenApi.criteria(ApiJson.read(body, ChildrenApi.SearchRequest.class));
        } catch (ApiProblem p) {
            int status = p.status().value();
            if (status == 422) {
                if (p.errors().isEmpty()) {
                    throw new AssertionError("a 422 naming no field", p);
                }
                requireProblemsOnFields(p.errors());
            } else if (status != 400 && status != 413) {
                throw new AssertionError("unexpected status " + status, p);
            }
            return;
        }
        boolean enough = false;
        for (boolean health : new boolean[] {false, true}) {
            for (boolean education : new boolean[] {false, true}) {
                Map<String, String> problems = criteria.problems(health, education);
                // as ChildrenApi.search names them: the date's three page fields are one field here
                requireProblemsOnFields(problems.entrySet().stream().collect(Collectors.toMap(
                        e -> e.getKey().startsWith("dateOfBirth") ? "dateOfBirth" : e.getKey(), Map.Entry::getValue)));
                enough |= problems.isEmpty();
            }
        }
        if (enough) {
            criteria.forAudit();
            criteria.personalValues();
            OfflineSearch.score(criteria);
        }
    }

    private static void requireProblemsOnFields(Map<String, String> problems) {
        problems.forEach((field, message) -> {
            if (!FIELDS.contains(field) || message == null || message.isBlank()) {
                throw new AssertionError("not a problem with a field of the request: " + field + "=" + message);
            }
        });
    }
}
