package uk.contactpoint.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

import uk.contactpoint.TestFixtures;
import uk.contactpoint.access.Role;
import uk.contactpoint.directory.OrganisationKind;
import uk.contactpoint.directory.Sector;

/** An LA data manager records a death and an extension on the retention page; others cannot reach it. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class RetentionPageIT {

    @LocalServerPort
    int port;
    @Autowired
    TestFixtures fixtures;
    @Autowired
    JdbcClient jdbc;

    private WebClient signedIn(Set<Role> roles, Sector sector) {
        String user = fixtures.user(roles, fixtures.organisation(sector == Sector.LOCAL_AUTHORITY ? OrganisationKind.LOCAL_AUTHORITY
                : OrganisationKind.SERVICE, sector, "Org"), false);
        WebClient web = new WebClient(port);
        web.signIn(user, TestFixtures.PASSWORD, TestFixtures.PIN, fixtures.totpSecret(user));
        return web;
    }

    @Test
    void aDataManagerRecordsADeathAndAnExtensionWithClearErrors() {
        LocalDate born = LocalDate.now().minusYears(18).plusMonths(2);
        TestFixtures.Child child = fixtures.child("Ffion", "Keepalive", born, "LS6 2AB", false);
        String page = "/data/children/" + child.contactPointId().value() + "/retention";
        WebClient manager = signedIn(Set.of(Role.LA_DATA_MANAGER), Sector.LOCAL_AUTHORITY);

        String before = manager.get(page).body();
        assertThat(before).contains("Ffion Keepalive").contains("Not recorded");

        LocalDate until = LocalDate.now().plusYears(2);
        Map<String, String> tooLate = Map.of("action", "extend", "reason", "CARE_LEAVER",
                "until-day", "1", "until-month", "1", "until-year", Integer.toString(born.getYear() + 26),
                "reviewOn-day", "1", "reviewOn-month", "1", "reviewOn-year", Integer.toString(LocalDate.now().getYear() + 1));
        assertThat(manager.post(page, page.replace("retention", "extension"), tooLate).body())
                .contains("There is a problem").contains("25th birthday");
        Map<String, String> extend = Map.of("action", "extend", "reason", "CARE_LEAVER",
                "until-day", Integer.toString(until.getDayOfMonth()), "until-month", Integer.toString(until.getMonthValue()),
                "until-year", Integer.toString(until.getYear()),
                "reviewOn-day", "1", "reviewOn-month", "1", "reviewOn-year", Integer.toString(LocalDate.now().getYear() + 1));
        assertThat(manager.post(page, page.replace("retention", "extension"), extend).statusCode()).isEqualTo(302);
        assertThat(manager.get(page).body()).contains("Extension recorded").contains("A care leaver");
        assertThat(jdbc.sql("SELECT retain_until FROM child WHERE id = :id").param("id", child.id()).query(LocalDate.class).single())
                .isEqualTo(until);

        LocalDate died = LocalDate.now().minusDays(3);
        assertThat(manager.post(page, page.replace("retention", "death"), Map.of("diedOn-day", Integer.toString(died.getDayOfMonth()),
                "diedOn-month", Integer.toString(died.getMonthValue()), "diedOn-year", Integer.toString(died.getYear()))).statusCode())
                .isEqualTo(302);
        assertThat(manager.get(page).body()).contains("Death recorded");
        assertThat(jdbc.sql("SELECT date_of_death FROM child WHERE id = :id").param("id", child.id()).query(LocalDate.class).single())
                .isEqualTo(died);

        assertThat(signedIn(Set.of(Role.PRACTITIONER), Sector.SOCIAL_CARE).get(page).statusCode()).isEqualTo(403);
    }
}
