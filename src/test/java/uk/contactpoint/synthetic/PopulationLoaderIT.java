package uk.contactpoint.synthetic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import uk.contactpoint.directory.ChildRecord;
import uk.contactpoint.directory.ContactPointId;
import uk.contactpoint.directory.Directory;
import uk.contactpoint.directory.LocalAuthorityCode;
import uk.contactpoint.directory.NewOrganisation;
import uk.contactpoint.directory.OrganisationKind;
import uk.contactpoint.directory.Sector;

/**
 * The bulk loader against the real database: a fresh H2, or on PostgreSQL (COPY) a schema of its own,
 * since the loader needs an empty directory.
 */
@SpringBootTest
@ActiveProfiles("test")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PopulationLoaderIT {

    @DynamicPropertySource
    static void ownSchemaOnPostgresql(DynamicPropertyRegistry registry) {
        String url = System.getenv("TEST_DATABASE_URL");
        if (url != null && !url.isBlank()) {
            String schema = "loader_" + Long.toHexString(System.nanoTime());
            registry.add("spring.datasource.url", () -> url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema);
            registry.add("spring.flyway.default-schema", () -> schema);
            registry.add("spring.flyway.schemas", () -> schema);
        }
    }

    @TempDir
    static Path generated;

    @Autowired
    PopulationLoader loader;
    @Autowired
    Directory directory;
    @Autowired
    JdbcClient jdbc;

    PopulationLoader.Report report;

    @BeforeAll
    void generateAndLoad() throws IOException {
        EnglandGenerator.generate(new EnglandGenerator.Request(800, 11, List.of("E08000035", "HPL"), generated,
                LocalDate.of(2026, 11, 1)), (written, total) -> { });
        report = loader.load(generated, (table, rows, total) -> { });
    }

    @Test
    void shouldLoadEveryTruthRowIntoItsTable() throws IOException {
        long children = dataLines("children.csv");
        long identifiers = Files.readAllLines(generated.resolve("truth/identifiers.csv")).stream().skip(1)
                .filter(l -> !l.contains("PRE_ADOPTION")).count();

        assertThat(directory.count()).isEqualTo(children).isEqualTo(800);
        assertThat(report.rows()).containsEntry("child", children)
                .containsEntry("organisation", dataLines("organisations.csv"))
                .containsEntry("carer", dataLines("carers.csv"))
                .containsEntry("child_setting", dataLines("settings.csv"))
                .containsEntry("involvement", dataLines("involvements.csv"))
                .containsEntry("source_identifier", identifiers)
                .containsEntry("value_provenance", children * 7);
        assertThat(count("carer")).isEqualTo(dataLines("carers.csv"));
        assertThat(count("source_identifier")).isEqualTo(identifiers);
        long shielded = Files.readAllLines(generated.resolve("truth/children.csv")).stream().skip(1)
                .filter(l -> ReferenceData.splitCsv(l).get(14).equals("Y")).count();
        assertThat(count("child WHERE shielded")).isEqualTo(shielded);
    }

    @Test
    void shouldReadALoadedChildBackWithEverythingAttached() {
        ChildRecord first = directory.find(ContactPointId.fromSequence(1)).orElseThrow();

        assertThat(first.id()).isEqualTo(1);
        assertThat(first.carers()).isNotEmpty();
        assertThat(first.settings()).isNotEmpty();
        assertThat(first.identifiers()).isNotEmpty();
        assertThat(first.provenance()).hasSize(7);
    }

    @Test
    void shouldRefuseASecondLoadAndChangeNothing() {
        long organisations = count("organisation");

        assertThatThrownBy(() -> loader.load(generated, (table, rows, total) -> { }))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("empty directory");
        assertThat(directory.count()).isEqualTo(800);
        assertThat(count("organisation")).isEqualTo(organisations);
    }

    @Test
    void shouldLeaveTheIdentityColumnsPastTheLoadedIds() {
        long id = directory.addOrganisation(new NewOrganisation(OrganisationKind.SERVICE, "AFTER-LOAD", "Added later",
                Sector.VOLUNTARY, null, null, null, null, new LocalAuthorityCode("E08000035"), true));

        assertThat(id).isGreaterThan(jdbc.sql("SELECT MAX(id) FROM organisation WHERE code <> 'AFTER-LOAD'").query(Long.class).single());
    }

    private long dataLines(String file) throws IOException {
        try (var lines = Files.lines(generated.resolve("truth").resolve(file))) {
            return lines.count() - 1;
        }
    }

    private long count(String tableAndCondition) {
        return jdbc.sql("SELECT COUNT(*) FROM " + tableAndCondition).query(Long.class).single();
    }
}
