package uk.contactpoint.api;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Jazzer: whatever bytes a caller sends as a request body, the API's reader answers with the request record or an
 * {@link ApiProblem} of status 400 or 413 (which becomes a problem detail), never with any other exception; and the
 * path identifiers are either a ContactPoint ID or a 400. Replays its seeds in a plain test run; fuzzes with
 * JAZZER_FUZZ=1.
 */
class ApiRequestFuzzTest {

    private static final Class<?>[] REQUESTS = {ChildrenApi.SearchRequest.class, ChildrenApi.ViewRequest.class,
            InvolvementsApi.NewInvolvement.class, InvolvementsApi.EndRequest.class, InvolvementsApi.CafRequest.class,
            InvolvementsApi.ProposalRequest.class, InvolvementsApi.DecisionRequest.class, InvolvementsApi.InaccuracyRequest.class};

    @FuzzTest(maxDuration = "30s")
    void shouldAnswerAnyBodyWithTheRequestOrAClientError(FuzzedDataProvider data) {
        Class<?> type = REQUESTS[data.consumeInt(0, REQUESTS.length - 1)];
        byte[] body = data.consumeRemainingAsBytes();
        try {
            Object parsed = ApiJson.read(body, type);
            if (parsed == null) {
                throw new AssertionError("a body was read as nothing");
            }
            if (parsed instanceof InvolvementsApi.NewInvolvement n) {
                // What the controller does next with a parsed body: the ground, then the dates.
                InvolvementsApi.ground(n.ground());
                InvolvementsApi.date(n.startDate(), "startDate");
            }
        } catch (ApiProblem p) {
            int status = p.status().value();
            if (status != 400 && status != 413 && status != 422) {
                throw new AssertionError("unexpected status " + status, p);
            }
        }
    }

    @FuzzTest(maxDuration = "10s")
    void shouldAnswerAnyIdentifierWithAContactPointIdOrA400(FuzzedDataProvider data) {
        String value = data.consumeRemainingAsString();
        try {
            ChildrenApi.contactPointId(value);
        } catch (ApiProblem p) {
            if (p.status().value() != 400) {
                throw new AssertionError("unexpected status " + p.status(), p);
            }
        }
    }
}
