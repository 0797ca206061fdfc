package uk.contactpoint.access.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.EnumSet;

import org.junit.jupiter.api.Test;

import uk.contactpoint.access.AccessStop;
import uk.contactpoint.access.Role;

class StoredUserTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 11, 22);

    private static StoredUser user(LocalDate dbs, LocalDate training, LocalDate agreement, boolean enabled,
                                   boolean accredited, LocalDate accreditationExpires, boolean activated) {
        return new StoredUser(1, "u", "h", "Name", 2, "Org", "HEALTH", "SERVICE", "X", "E08000035", false, dbs,
                training, agreement, enabled, EnumSet.of(Role.PRACTITIONER), null, false, accredited,
                accreditationExpires, activated);
    }

    @Test
    void shouldLetAVettedUserOfAnAccreditedOrganisationIn() {
        assertThat(user(TODAY.minusYears(1), TODAY, TODAY, true, true, TODAY.plusDays(1), true).stop(TODAY)).isEmpty();
    }

    @Test
    void shouldStopAccessOnTheDayTheDbsCheckTurnsThreeYearsOld() {
        assertThat(user(TODAY.minusYears(3).plusDays(1), TODAY, TODAY, true, true, null, true).stop(TODAY)).isEmpty();
        assertThat(user(TODAY.minusYears(3), TODAY, TODAY, true, true, null, true).stop(TODAY)).contains(AccessStop.DBS_EXPIRED);
        assertThat(user(null, TODAY, TODAY, true, true, null, true).stop(TODAY)).contains(AccessStop.DBS_MISSING);
    }

    @Test
    void shouldNameEachMissingPieceOfVettingAndAccreditation() {
        LocalDate dbs = TODAY.minusYears(1);
        assertThat(user(dbs, null, TODAY, true, true, null, true).stop(TODAY)).contains(AccessStop.TRAINING_MISSING);
        assertThat(user(dbs, TODAY, null, true, true, null, true).stop(TODAY)).contains(AccessStop.AGREEMENT_MISSING);
        assertThat(user(dbs, TODAY, TODAY, true, false, null, true).stop(TODAY)).contains(AccessStop.ORGANISATION_NOT_ACCREDITED);
        assertThat(user(dbs, TODAY, TODAY, true, true, TODAY, true).stop(TODAY)).contains(AccessStop.ACCREDITATION_LAPSED);
        assertThat(user(dbs, TODAY, TODAY, false, true, null, true).stop(TODAY)).contains(AccessStop.SUSPENDED);
        assertThat(user(dbs, TODAY, TODAY, true, true, null, false).stop(TODAY)).contains(AccessStop.NOT_ACTIVATED);
    }
}
