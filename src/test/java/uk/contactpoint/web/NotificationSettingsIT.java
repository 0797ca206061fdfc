package uk.contactpoint.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

import uk.contactpoint.TestFixtures;
import uk.contactpoint.access.Role;
import uk.contactpoint.access.UserAccounts;
import uk.contactpoint.directory.OrganisationKind;
import uk.contactpoint.directory.Sector;
import uk.contactpoint.notify.EmailFrequency;
import uk.contactpoint.notify.NotificationPreferences;

/** The page where a user chooses how often they are emailed about their notifications (ADR 34). */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class NotificationSettingsIT {

    @LocalServerPort
    int port;
    @Autowired
    TestFixtures fixtures;
    @Autowired
    UserAccounts accounts;
    @Autowired
    NotificationPreferences preferences;

    @Test
    void aUserSeesTheDailyDigestByDefaultAndChoosesAnotherWithAnErrorSummaryForNoChoice() {
        String user = fixtures.user(Set.of(Role.PRACTITIONER), fixtures.organisation(OrganisationKind.SERVICE, Sector.HEALTH, "Org"), false);
        long id = accounts.idOf(user).orElseThrow();
        WebClient web = new WebClient(port);
        web.signIn(user, TestFixtures.PASSWORD, TestFixtures.PIN, fixtures.totpSecret(user));

        String page = web.get("/notifications/settings").body();
        assertThat(page).contains("How often should we email you about your notifications?")
                .containsPattern("value=\"DAILY\"\\s+checked");

        String refused = web.post("/notifications/settings", "/notifications/settings", Map.of()).body();
        assertThat(refused).contains("There is a problem", "Choose how often we email you", "govuk-form-group--error",
                "<title>Error:");
        assertThat(preferences.of(id)).isEqualTo(EmailFrequency.DAILY);

        assertThat(web.post("/notifications/settings", "/notifications/settings", Map.of("frequency", "NONE")).statusCode()).isEqualTo(302);
        String saved = web.get("/notifications/settings").body();
        assertThat(saved).contains("Your choice is saved").containsPattern("value=\"NONE\"\\s+checked");
        assertThat(preferences.of(id)).isEqualTo(EmailFrequency.NONE);

        web.post("/notifications/settings", "/notifications/settings", Map.of("frequency", "IMMEDIATE"));
        assertThat(preferences.of(id)).isEqualTo(EmailFrequency.IMMEDIATE);
        assertThat(web.get("/notifications").body()).contains("We email you", "as each one arrives", "You have no notifications");

        String bogus = web.post("/notifications/settings", "/notifications/settings", Map.of("frequency", "HOURLY")).body();
        assertThat(bogus).contains("Choose how often we email you");
        assertThat(preferences.of(id)).as("a value not offered changes nothing").isEqualTo(EmailFrequency.IMMEDIATE);
    }
}
