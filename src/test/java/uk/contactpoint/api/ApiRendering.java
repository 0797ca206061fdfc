package uk.contactpoint.api;

import uk.contactpoint.safeguards.DisclosedChild;

/** Test support: a disclosed child as the REST API's record body (JSON), for the leak property test. */
public final class ApiRendering {

    private ApiRendering() {
    }

    public static String record(DisclosedChild child) {
        return ApiJson.writer().writeValueAsString(ChildrenApi.ChildRecordView.of(child));
    }
}
