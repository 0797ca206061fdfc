package uk.contactpoint.safeguards;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Set;

import org.junit.jupiter.api.Test;

import uk.contactpoint.TestFixtures;
import uk.contactpoint.access.Mediation;
import uk.contactpoint.access.Mediation.Verification;
import uk.contactpoint.access.Role;
import uk.contactpoint.access.Viewer;

class MediatedAccessTest {

    private static Viewer viewer(Set<Role> roles, Mediation mediation) {
        return new Viewer(1, "op", 2, "Org", "HEALTH", roles, TestFixtures.LEEDS, false, Set.of(), "127.0.0.1", "s", mediation);
    }

    @Test
    void shouldLetPractitionersAndLaTeamMembersTakeCallsButNotAdministratorsOrSomeoneAlreadyOnACall() {
        assertThat(MediatedAccess.mayMediate(viewer(Set.of(Role.PRACTITIONER), null))).isTrue();
        assertThat(MediatedAccess.mayMediate(viewer(Set.of(Role.LA_AUDITOR), null))).isTrue();
        assertThat(MediatedAccess.mayMediate(viewer(Set.of(Role.NATIONAL_ADMIN), null))).isFalse();
        assertThat(MediatedAccess.mayMediate(viewer(Set.of(Role.ORGANISATION_ADMIN, Role.CMS_CLIENT), null))).isFalse();
        Mediation onACall = new Mediation("other", "Org", "PRACTITIONER", Verification.CALL_BACK, "why");
        assertThat(MediatedAccess.mayMediate(viewer(Set.of(Role.PRACTITIONER), onACall))).isFalse();
    }

    @Test
    void shouldEndACallFifteenMinutesAfterTheCheck() {
        Instant checked = Instant.parse("2026-12-01T10:00:00Z");
        MediatedAccess.Call call = new MediatedAccess.Call("caller", "Cal", "Org", Verification.TOKEN_CODE, "why", checked);
        assertThat(call.over(checked.plusSeconds(14 * 60 + 59))).isFalse();
        assertThat(call.over(checked.plusSeconds(15 * 60))).isTrue();
        assertThat(call.endsAt()).isEqualTo(Instant.parse("2026-12-01T10:15:00Z"));
        assertThat(call.toString()).doesNotContain("caller").doesNotContain("why");
    }
}
