package uk.contactpoint.synthetic;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import uk.contactpoint.access.UserAccounts;
import uk.contactpoint.directory.ChildRecord;
import uk.contactpoint.directory.ContactPointId;
import uk.contactpoint.directory.Directory;
import uk.contactpoint.directory.LiveState;
import uk.contactpoint.directory.LocalAuthorities;
import uk.contactpoint.directory.LocalAuthorityCode;

/**
 * The seeder against the real modules on an empty database: a fresh H2, or on PostgreSQL a fresh schema of
 * its own (the shared test database already holds other tests' fixtures, and the seeder rightly skips a
 * directory that is not empty).
 */
@SpringBootTest(properties = {"contactpoint.demo.enabled=true", "contactpoint.demo.children=3000",
        "logging.level.uk.contactpoint.synthetic=DEBUG"})
@ActiveProfiles("test")
class DemoSeederIT {

    @DynamicPropertySource
    static void ownSchemaOnPostgresql(DynamicPropertyRegistry registry) {
        String url = System.getenv("TEST_DATABASE_URL");
        if (url != null && !url.isBlank()) {
            String schema = "demo_seeder_" + Long.toHexString(System.nanoTime());
            registry.add("spring.datasource.url", () -> url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema);
            registry.add("spring.flyway.default-schema", () -> schema);
            registry.add("spring.flyway.schemas", () -> schema);
        }
    }

    @Autowired
    Directory directory;
    @Autowired
    LocalAuthorities localAuthorities;
    @Autowired
    UserAccounts userAccounts;
    @Autowired
    PasswordEncoder passwordEncoder;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    DemoSeeder seeder;

    @Test
    void theDemoDirectoryIsSeededAtStartWithLiveAuthoritiesAndWorkingAccounts() throws IOException {
        assertThat(directory.count()).isEqualTo(3000);
        assertThat(userAccounts.count()).isEqualTo(13);
        for (String gss : List.of("E08000035", "E09000007", "E10000008")) {
            assertThat(localAuthorities.find(new LocalAuthorityCode(gss))).hasValueSatisfying(la -> {
                assertThat(la.liveState()).isEqualTo(LiveState.PRACTITIONERS_LIVE);
                assertThat(la.emergencyDutyPhone()).matches("0808 157 0\\d{3}");
            });
        }

        List<String> lines = Files.readAllLines(seeder.settings().dataDirectory().resolve("demo-accounts.csv"));
        assertThat(lines).hasSize(14).first().isEqualTo("username,password,pin,totp_secret,role,organisation");
        for (String line : lines.subList(1, lines.size())) {
            String[] fields = line.split(",", -1);
            String hash = jdbc.sql("SELECT password_hash FROM app_user WHERE username = :u").param("u", fields[0])
                    .query(String.class).single();
            assertThat(passwordEncoder.matches(fields[1], hash)).as("password of %s", fields[0]).isTrue();
        }
    }

    @Test
    void aSeededChildReadsBackWithItsCarersSettingsAndIdentifiers() {
        ChildRecord first = directory.find(ContactPointId.fromSequence(1)).orElseThrow();

        assertThat(first.carers()).isNotEmpty();
        assertThat(first.settings()).isNotEmpty();
        assertThat(first.identifiers()).isNotEmpty();
        assertThat(first.provenance()).allSatisfy(p -> assertThat(p.source()).isEqualTo("DEMO"));
        assertThat(jdbc.sql("SELECT COUNT(*) FROM child WHERE shielded").query(Long.class).single()).isPositive();
        assertThat(jdbc.sql("SELECT COUNT(DISTINCT child_id) FROM involvement WHERE sensitive").query(Long.class).single())
                .isPositive();
    }
}
