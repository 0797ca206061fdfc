package uk.contactpoint.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

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
import uk.contactpoint.ingest.SupplierRegister;
import uk.contactpoint.ingest.SupplierRegister.Frequency;
import uk.contactpoint.ingest.SupplierRegister.Obligation;

/** The supplier register page: national administrators see each supplier's sources, with the overdue ones marked. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class SupplierPageIT {

    @LocalServerPort
    int port;
    @Autowired
    TestFixtures fixtures;
    @Autowired
    SupplierRegister register;
    @Autowired
    JdbcClient jdbc;

    private WebClient signedIn(Role role) {
        String user = fixtures.user(Set.of(role),
                fixtures.organisation(OrganisationKind.NATIONAL_PARTNER, Sector.NATIONAL, "National team"), false);
        WebClient web = new WebClient(port);
        web.signIn(user, TestFixtures.PASSWORD, TestFixtures.PIN, fixtures.totpSecret(user));
        return web;
    }

    @Test
    void shouldShowNationalAdministratorsEachSuppliersSourcesWithTheOverdueOnesMarked() {
        String late = "LATE-" + ThreadLocalRandom.current().nextInt(1_000_000);
        String fresh = "FRESH-" + ThreadLocalRandom.current().nextInt(1_000_000);
        register.register(late, "Late Health Trust", "nhs-demographics", Obligation.MUST, Frequency.DAILY,
                List.of("E08000035"), "test", "test");
        register.register(fresh, "Punctual Council", "la-services", Obligation.MUST, Frequency.MONTHLY, List.of(), "test", "test");
        // Registered a fortnight ago and never sent anything: a daily supplier is long overdue.
        jdbc.sql("UPDATE supplier_source SET registered_on = registered_on - 14 WHERE supplier_code = :code")
                .param("code", late).update();

        String page = signedIn(Role.NATIONAL_ADMIN).get("/admin/suppliers").body();

        assertThat(page).contains("Data suppliers").contains("Late Health Trust").contains(late)
                .contains("nhs-demographics").contains("E08000035").contains("Punctual Council").contains("All of England")
                .contains("None yet").contains("Overdue").contains("On time").contains("/admin/suppliers");
        int row = page.indexOf(late);
        assertThat(page.substring(row, page.indexOf("</tr>", row))).contains("Overdue");
        int other = page.indexOf(fresh);
        assertThat(page.substring(other, page.indexOf("</tr>", other))).contains("On time").doesNotContain("Overdue");

        assertThat(signedIn(Role.PRACTITIONER).get("/admin/suppliers").statusCode()).isEqualTo(403);
    }
}
