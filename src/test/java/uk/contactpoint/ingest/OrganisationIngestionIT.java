package uk.contactpoint.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

import uk.contactpoint.directory.Directory;
import uk.contactpoint.directory.OrganisationKind;
import uk.contactpoint.directory.ReferenceOrganisation;
import uk.contactpoint.directory.Setting;
import uk.contactpoint.synthetic.EnglandGenerator;

/**
 * Loading organisation reference files into the real database (H2, or PostgreSQL with TEST_DATABASE_URL): add then
 * update by (kind, code), the same file applied once, all or nothing, and a generated population's reference files
 * making its feeds' school and GP practice codes resolve, so that the NHS feed then records each child's practice. Codes are random: on PostgreSQL the database is shared.
 */
@SpringBootTest
@ActiveProfiles("test")
class OrganisationIngestionIT {

    private static final LocalDate TODAY = LocalDate.of(2026, 3, 15);

    @TempDir
    Path temp;

    @Autowired
    OrganisationIngestion ingestion;
    @Autowired
    Directory directory;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    FeedIngestion feeds;

    private final List<Reject> rejects = new ArrayList<>();

    private static String urn() {
        return Integer.toString(ThreadLocalRandom.current().nextInt(500_000, 1_000_000));
    }

    private Path gias(String name, String... rows) throws IOException {
        Path file = temp.resolve(name);
        Files.writeString(file, OrganisationReaderTest.GIAS_HEADER + "\n" + String.join("\n", rows) + "\n");
        return file;
    }

    private OrganisationLoadSummary apply(ReferenceSource source, Path file) throws IOException {
        return ingestion.apply(source, file, TODAY, rejects::add, OrganisationIngestion.Progress.NONE);
    }

    private List<String> changes(String code) {
        return jdbc.sql("""
                        SELECT c.action || ':' || c.fields || ':' || c.source || ':' || c.as_of FROM organisation_change c
                        JOIN organisation o ON o.id = c.organisation_id
                        WHERE o.kind = 'EDUCATION_SETTING' AND o.code = :code ORDER BY c.id""")
                .param("code", code).query(String.class).list();
    }

    @Test
    void shouldAddSchoolsThenUpdateByUrnRecordingEachChangeAndRejectingBadRows() throws IOException {
        String a = urn();
        String b = urn();
        OrganisationLoadSummary first = apply(ReferenceSource.SCHOOLS, gias("first.csv",
                OrganisationReaderTest.gias(a, "Leeds", "Aire Primary School", "Community school", "Open", "01-09-2001",
                        "", "Primary", "1 River Road", "Leeds", "LS1 4AP", "0113 496 0001", "E08000035"),
                OrganisationReaderTest.gias(b, "Leeds", "Wharfe Academy", "Academy converter", "Open", "", "",
                        "Secondary", "2 Dale Road", "Leeds", "LS2 7EW", "0113 496 0002", "E08000035")));

        assertThat(first.alreadyApplied()).isFalse();
        assertThat(first).extracting(OrganisationLoadSummary::rowsRead, OrganisationLoadSummary::good,
                OrganisationLoadSummary::rejected, OrganisationLoadSummary::added, OrganisationLoadSummary::updated,
                OrganisationLoadSummary::unchanged).containsExactly(2L, 2L, 0L, 2L, 0L, 0L);
        assertThat(directory.organisation(OrganisationKind.EDUCATION_SETTING, a)).hasValueSatisfying(o -> {
            assertThat(o.name()).isEqualTo("Aire Primary School");
            assertThat(o.localAuthority()).isEqualTo("E08000035");
            assertThat(o.address().postcode().value()).isEqualTo("LS1 4AP");
            assertThat(o.phone()).isEqualTo("0113 496 0001");
        });

        OrganisationLoadSummary second = apply(ReferenceSource.SCHOOLS, gias("second.csv",
                OrganisationReaderTest.gias(a, "Leeds", "Aire Valley Primary School", "Community school", "Closed",
                        "01-09-2001", "31-12-2025", "Primary", "1 River Road", "Leeds", "LS1 4AP", "0113 496 0001",
                        "E08000035"),
                OrganisationReaderTest.gias(b, "Leeds", "Wharfe Academy", "Academy converter", "Open", "", "",
                        "Secondary", "2 Dale Road", "Leeds", "LS2 7EW", "0113 496 0002", "E08000035"),
                OrganisationReaderTest.gias(urn(), "Leeds", "", "Community school", "Open", "", "", "Primary", "", "",
                        "", "", "")));

        assertThat(second).extracting(OrganisationLoadSummary::rowsRead, OrganisationLoadSummary::good,
                OrganisationLoadSummary::rejected, OrganisationLoadSummary::added, OrganisationLoadSummary::updated,
                OrganisationLoadSummary::unchanged).containsExactly(3L, 2L, 1L, 0L, 1L, 1L);
        assertThat(rejects).containsExactly(new Reject(3, "EstablishmentName", "is required"));
        ReferenceOrganisation updated = directory.referenceOrganisation(OrganisationKind.EDUCATION_SETTING, a).orElseThrow();
        assertThat(updated.name()).isEqualTo("Aire Valley Primary School");
        assertThat(updated.closed()).isTrue();
        assertThat(updated.closedOn()).isEqualTo(LocalDate.of(2025, 12, 31));
        assertThat(changes(a)).containsExactly("ADDED:all:GIAS:2026-03-15", "UPDATED:name,closed,closed_on:GIAS:2026-03-15");
        assertThat(changes(b)).containsExactly("ADDED:all:GIAS:2026-03-15");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM organisation_change WHERE batch_id = :b").param("b", second.batchId())
                .query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void shouldChangeNothingWhenTheSameFileOrTheSameContentIsAppliedAgain() throws IOException {
        String a = urn();
        String row = OrganisationReaderTest.gias(a, "York", "Minster School", "Voluntary aided school", "Open", "", "",
                "Primary", "Deangate", "York", "YO1 7JA", "01904 496000", "E06000014");
        Path file = gias("once.csv", row);
        OrganisationLoadSummary first = apply(ReferenceSource.SCHOOLS, file);
        long changes = jdbc.sql("SELECT COUNT(*) FROM organisation_change").query(Long.class).single();

        OrganisationLoadSummary again = apply(ReferenceSource.SCHOOLS, file);
        assertThat(again.alreadyApplied()).isTrue();
        assertThat(again.batchId()).isEqualTo(first.batchId());
        assertThat(again.added()).isEqualTo(1);

        // Another file (Windows line ends) with the same content: read again, and nothing differs.
        Path same = temp.resolve("same.csv");
        Files.writeString(same, OrganisationReaderTest.GIAS_HEADER + "\r\n" + row + "\r\n");
        OrganisationLoadSummary rerun = apply(ReferenceSource.SCHOOLS, same);
        assertThat(rerun.alreadyApplied()).isFalse();
        assertThat(rerun).extracting(OrganisationLoadSummary::added, OrganisationLoadSummary::updated,
                OrganisationLoadSummary::unchanged).containsExactly(0L, 0L, 1L);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM organisation_change").query(Long.class).single()).isEqualTo(changes);
    }

    @Test
    void shouldApplyNothingWhenTheLoadFailsBeforeTheEndAndAllOfItOnTheNextRun() throws IOException {
        String a = urn();
        String b = urn();
        Path file = gias("failing.csv",
                OrganisationReaderTest.gias(a, "Leeds", "First School", "Community school", "Open", "", "", "Primary",
                        "", "", "", "", ""),
                OrganisationReaderTest.gias(b, "Leeds", "Second School", "Community school", "Open", "", "", "Primary",
                        "", "", "", "", ""));

        // The last progress report comes after every row is written and before the commit: a failure there stands
        // for anything that stops a load part-way (a lost connection, a killed process).
        assertThatThrownBy(() -> ingestion.apply(ReferenceSource.SCHOOLS, file, TODAY, r -> { }, (rows, bytes) -> {
            if (rows == 2) {
                throw new IllegalStateException("connection lost");
            }
        })).hasMessage("connection lost");

        assertThat(directory.organisation(OrganisationKind.EDUCATION_SETTING, a)).isEmpty();
        assertThat(directory.organisation(OrganisationKind.EDUCATION_SETTING, b)).isEmpty();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM ingest_batch WHERE sha256 = :sha")
                .param("sha", OrganisationIngestion.sha256(file)).query(Long.class).single()).isZero();

        OrganisationLoadSummary retried = apply(ReferenceSource.SCHOOLS, file);
        assertThat(retried.alreadyApplied()).isFalse();
        assertThat(retried.added()).isEqualTo(2);
    }

    @Test
    void shouldLoadGpPracticesFromEpraccurSkippingOtherPrescribingSettings() throws IOException {
        String code = "Z" + ThreadLocalRandom.current().nextInt(10_000, 100_000);
        String closed = "Z" + ThreadLocalRandom.current().nextInt(10_000, 100_000);
        Path file = temp.resolve("epraccur.csv");
        Files.writeString(file, OrganisationReaderTest.epraccur(code, "THE DENSHAM SURGERY", "19740401", "", "A", "4")
                + "\n" + OrganisationReaderTest.epraccur("Y02625", "OUT OF HOURS", "20080401", "", "A", "2")
                + "\n" + OrganisationReaderTest.epraccur(closed, "OLD PRACTICE", "19740401", "20200331", "C", "4")
                + "\n" + OrganisationReaderTest.epraccur("A8100", "BAD CODE", "19740401", "", "A", "4") + "\n");

        OrganisationLoadSummary s = apply(ReferenceSource.GP_PRACTICES, file);

        assertThat(s).extracting(OrganisationLoadSummary::rowsRead, OrganisationLoadSummary::good,
                OrganisationLoadSummary::rejected, OrganisationLoadSummary::skipped, OrganisationLoadSummary::added)
                .containsExactly(4L, 2L, 1L, 1L, 2L);
        assertThat(directory.organisation(OrganisationKind.GP_PRACTICE, code)).hasValueSatisfying(o -> {
            assertThat(o.name()).isEqualTo("THE DENSHAM SURGERY");
            assertThat(o.sector().name()).isEqualTo("HEALTH");
            assertThat(o.localAuthority()).isEqualTo("E06000004");
        });
        assertThat(directory.referenceOrganisation(OrganisationKind.GP_PRACTICE, closed).orElseThrow().closed()).isTrue();
        assertThat(directory.organisation(OrganisationKind.GP_PRACTICE, "Y02625")).isEmpty();
    }

    @Test
    void shouldLoadAGeneratedPopulationsReferenceFilesSoThatItsFeedsCodesResolve() throws IOException {
        Path population = temp.resolve("population");
        EnglandGenerator.generate(new EnglandGenerator.Request(1_500, 23, List.of("E06000014", "E09000007"), population,
                TODAY), null);

        OrganisationLoadSummary schools = apply(ReferenceSource.SCHOOLS, population.resolve("reference/edubasealldata.csv"));
        OrganisationLoadSummary practices = apply(ReferenceSource.GP_PRACTICES, population.resolve("reference/epraccur.csv"));
        assertThat(schools.rejected() + practices.rejected()).isZero();
        assertThat(rejects).isEmpty();

        // Every school and GP practice of the truth, as the directory now holds it.
        int compared = 0;
        for (List<String> o : csv(population.resolve("truth/organisations.csv"))) {
            OrganisationKind kind = OrganisationKind.valueOf(o.get(1));
            if (kind != OrganisationKind.EDUCATION_SETTING && kind != OrganisationKind.GP_PRACTICE) {
                continue;
            }
            ReferenceOrganisation held = directory.referenceOrganisation(kind, o.get(2)).orElseThrow();
            assertThat(held.name()).isEqualTo(o.get(3));
            assertThat(held.address().line1()).isEqualTo(blank(o.get(6)));
            assertThat(held.address().line2()).isEqualTo(blank(o.get(7)));
            assertThat(held.address().town()).isEqualTo(blank(o.get(8)));
            assertThat(held.address().postcode().value()).isEqualTo(o.get(9));
            assertThat(held.phone()).isEqualTo(blank(o.get(10)));
            if (kind == OrganisationKind.EDUCATION_SETTING) {
                assertThat(held.localAuthority().value()).isEqualTo(o.get(12));
            } else {
                // epraccur names no authority: the postcode district's first one, which may be a neighbour.
                assertThat(held.localAuthority()).isNotNull();
            }
            assertThat(held.closed()).isFalse();
            compared++;
        }
        assertThat((long) compared).isEqualTo(schools.good() + practices.good());

        // The feeds' codes now name organisations the directory knows.
        assertResolve(population.resolve("school-census.csv"), "school_urn", OrganisationKind.EDUCATION_SETTING);
        assertResolve(population.resolve("nhs-demographics.csv"), "gp_practice_code", OrganisationKind.GP_PRACTICE);

        // Then the NHS feed records each child's GP practice.
        Path nhs = population.resolve("nhs-demographics.csv");
        List<List<String>> rows = csvWithHeader(nhs);
        int gpColumn = rows.get(0).indexOf("gp_practice_code");
        Map<Long, String> childPractice = new HashMap<>();
        // On a PostgreSQL database kept from an earlier run this file is "already applied": forget that batch, so its
        // rows link again to the children the earlier run made.
        String sha = OrganisationIngestion.sha256(nhs);
        for (String table : List.of("ingest_review", "ingest_quarantine")) {
            jdbc.sql("DELETE FROM " + table + " WHERE batch_id IN (SELECT id FROM ingest_batch WHERE sha256 = :h)")
                    .param("h", sha).update();
        }
        jdbc.sql("DELETE FROM ingest_batch WHERE sha256 = :h").param("h", sha).update();
        feeds.apply(FeedSource.NHS_DEMOGRAPHICS, nhs, 10_000, TODAY, r -> { }, FeedIngestion.Progress.NONE,
                (row, outcome, child) -> {
                    List<String> fields = rows.get((int) row);
                    if (child != null && fields.size() == rows.get(0).size() && !fields.get(gpColumn).isEmpty()) {
                        childPractice.put(child, fields.get(gpColumn));
                    }
                });
        assertThat(childPractice).hasSizeGreaterThan(1_000);
        childPractice.forEach((child, practice) -> assertThat(directory.find(child).orElseThrow().settings())
                .as("child %d", child)
                .anySatisfy(setting -> {
                    assertThat(setting.kind()).isEqualTo(Setting.Kind.PRIMARY_CARE);
                    assertThat(setting.organisation().code()).isEqualTo(practice);
                }));
    }

    private void assertResolve(Path feed, String column, OrganisationKind kind) throws IOException {
        List<List<String>> rows = csvWithHeader(feed);
        int at = rows.get(0).indexOf(column);
        Map<String, Boolean> known = new HashMap<>();
        for (List<String> row : rows.subList(1, rows.size())) {
            if (row.size() != rows.get(0).size() || row.get(at).isEmpty()) {
                continue;
            }
            known.computeIfAbsent(row.get(at), code -> directory.organisation(kind, code).isPresent());
        }
        assertThat(known).isNotEmpty();
        assertThat(known).as(feed.getFileName() + " " + column).doesNotContainValue(false);
    }

    private static String blank(String s) {
        return s.isEmpty() ? null : s;
    }

    private static List<List<String>> csv(Path file) throws IOException {
        List<List<String>> rows = csvWithHeader(file);
        return rows.subList(1, rows.size());
    }

    private static List<List<String>> csvWithHeader(Path file) throws IOException {
        List<List<String>> rows = new ArrayList<>();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8); CsvReader csv = new CsvReader(in)) {
            String[] fields;
            while ((fields = csv.next()) != null) {
                if (!(fields.length == 1 && fields[0].isEmpty())) {
                    rows.add(List.of(fields));
                }
            }
        }
        return rows;
    }
}
