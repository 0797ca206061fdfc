package uk.contactpoint.fhir.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.hl7.fhir.r4.model.OperationOutcome;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.core.context.SecurityContextHolder;

import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;

import uk.contactpoint.access.CurrentViewer;
import uk.contactpoint.access.internal.ApiTokenPrincipals;
import uk.contactpoint.fhir.FhirSystems;

class FhirCallersTest {

    @Test
    void shouldRefuseWith401AndAnOperationOutcomeWhenNobodyIsSignedIn() throws Exception {
        SecurityContextHolder.clearContext();
        // Nobody is signed in, so the token principals are never consulted.
        var constructor = CurrentViewer.class.getDeclaredConstructor(ApiTokenPrincipals.class);
        constructor.setAccessible(true);
        FhirCallers callers = new FhirCallers(constructor.newInstance((Object) null));
        assertThatThrownBy(() -> callers.viewer(new MockHttpServletRequest()))
                .isInstanceOfSatisfying(BaseServerResponseException.class, e -> {
                    assertThat(e.getStatusCode()).isEqualTo(401);
                    assertThat(((OperationOutcome) e.getOperationOutcome()).getIssueFirstRep().getCode())
                            .isEqualTo(OperationOutcome.IssueType.LOGIN);
                });
    }

    @Test
    void shouldTakeTheReasonFromItsHeaderAndRefuseNoneABlankOneALongOneAndTwo() {
        MockHttpServletRequest request = new MockHttpServletRequest();
        request.addHeader(FhirSystems.REASON_HEADER, "  Child protection enquiry  ");
        assertThat(FhirCallers.reason(request)).isEqualTo("Child protection enquiry");

        for (String[] headers : new String[][] {{}, {"   "}, {"x".repeat(201)}, {"one", "two"}, {"line\nbreak"}}) {
            MockHttpServletRequest bad = new MockHttpServletRequest();
            for (String h : headers) {
                bad.addHeader(FhirSystems.REASON_HEADER, h);
            }
            assertThatThrownBy(() -> FhirCallers.reason(bad)).as(String.join("|", headers))
                    .isInstanceOfSatisfying(BaseServerResponseException.class, e -> assertThat(e.getStatusCode()).isEqualTo(400));
        }
        MockHttpServletRequest longest = new MockHttpServletRequest();
        longest.addHeader(FhirSystems.REASON_HEADER, "x".repeat(200));
        assertThat(FhirCallers.reason(longest)).hasSize(200);
    }
}
