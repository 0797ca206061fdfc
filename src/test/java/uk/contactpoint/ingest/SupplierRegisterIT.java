package uk.contactpoint.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

import uk.contactpoint.ingest.SupplierRegister.Frequency;
import uk.contactpoint.ingest.SupplierRegister.Obligation;
import uk.contactpoint.ingest.SupplierRegister.Overdue;
import uk.contactpoint.ingest.SupplierRegister.Supplier;
import uk.contactpoint.ingest.SupplierRegister.Supply;

/** The supplier register on the real database: register and amend, batches recorded, overdue suppliers. */
@SpringBootTest
@ActiveProfiles("test")
class SupplierRegisterIT {

    @TempDir
    Path temp;

    @Autowired
    SupplierRegister register;
    @Autowired
    OrganisationIngestion organisations;
    @Autowired
    org.springframework.jdbc.core.simple.JdbcClient jdbc;

    private static final LocalDate TODAY = LocalDate.now(SupplierRegister.LONDON);

    private static String code(String prefix) {
        return prefix + "-" + ThreadLocalRandom.current().nextInt(1_000_000);
    }

    /** An applied batch of the schools source, to record against a supplier. */
    private long schoolsBatch() throws IOException {
        Path file = temp.resolve("edubasealldata-" + System.nanoTime() + ".csv");
        Files.writeString(file, OrganisationReaderTest.GIAS_HEADER + "\n" + OrganisationReaderTest.gias(
                Integer.toString(ThreadLocalRandom.current().nextInt(500_000, 1_000_000)), "Leeds", "Batch School",
                "Community school", "Open", "", "", "Primary", "", "", "", "", "") + "\n");
        return organisations.apply(ReferenceSource.SCHOOLS, file, TODAY, r -> { },
                OrganisationIngestion.Progress.NONE).batchId();
    }

    private List<String> overdueCodes(LocalDate day, String... mine) {
        return register.overdue(day).stream().map(Overdue::supplierCode).filter(List.of(mine)::contains).toList();
    }

    @Test
    void shouldRegisterASupplierForSourcesAndAmendItKeepingItsRegistrationDate() {
        String code = code("la");
        Supplier s = register.register(code, "Leeds City Council", "la-services", Obligation.MUST, Frequency.WEEKLY,
                List.of("E08000035", "brd"), "test", "test");
        assertThat(s.code()).isEqualTo(code.toUpperCase());
        assertThat(s.supplies()).singleElement().satisfies(supply -> {
            assertThat(supply.source()).isEqualTo("la-services");
            assertThat(supply.obligation()).isEqualTo(Obligation.MUST);
            assertThat(supply.frequency()).isEqualTo(Frequency.WEEKLY);
            assertThat(supply.localAuthorities()).containsExactly("E08000032", "E08000035");
            assertThat(supply.registeredOn()).isEqualTo(TODAY);
            assertThat(supply.lastBatchId()).isNull();
        });

        register.register(code, "Leeds City Council (children's services)", "la-services", Obligation.MAY,
                Frequency.MONTHLY, List.of("E08000035"), "test", "test");
        Supplier amended = register.register(code, "Leeds City Council (children's services)", "schools",
                Obligation.MAY, Frequency.TERMLY, List.of(), "test", "test");

        assertThat(amended.name()).isEqualTo("Leeds City Council (children's services)");
        assertThat(amended.supplies()).extracting(Supply::source, Supply::obligation, Supply::frequency,
                Supply::localAuthorities).containsExactly(
                org.assertj.core.groups.Tuple.tuple("la-services", Obligation.MAY, Frequency.MONTHLY, List.of("E08000035")),
                org.assertj.core.groups.Tuple.tuple("schools", Obligation.MAY, Frequency.TERMLY, List.of()));
        assertThat(register.all()).extracting(Supplier::code).contains(code.toUpperCase());
        // Each registration and amendment is an administrative act, audited.
        assertThat(jdbc.sql("SELECT detail FROM audit_event WHERE action = 'ADMIN' AND detail LIKE :d ORDER BY id")
                .param("d", "supplier " + code.toUpperCase() + " %").query(String.class).list()).containsExactly(
                "supplier " + code.toUpperCase() + " registered for la-services: MUST WEEKLY E08000035,E08000032",
                "supplier " + code.toUpperCase() + " amended for la-services: MAY MONTHLY E08000035",
                "supplier " + code.toUpperCase() + " registered for schools: MAY TERMLY all of England");
    }

    @Test
    void shouldRefuseWhatCannotBeRegistered() {
        assertThatThrownBy(() -> register.register("x", "X", "births", Obligation.MUST, Frequency.DAILY, List.of(), "test", "test"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2 to 40 letters");
        assertThatThrownBy(() -> register.register(code("s"), "S", "census", Obligation.MUST, Frequency.DAILY, List.of(), "test", "test"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no source is called 'census'");
        assertThatThrownBy(() -> register.register(code("s"), "S", "births", Obligation.MUST, Frequency.DAILY,
                List.of("E06999999"), "test", "test")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no authority in England has that GSS code");
        assertThatThrownBy(() -> register.register(code("s"), " ", "births", Obligation.MUST, Frequency.DAILY, List.of(), "test", "test"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("name is required");
    }

    @Test
    void shouldRecordBatchesAgainstTheirSupplierAndReportThoseWhoMustSupplyAndAreLate() throws IOException {
        String must = code("dfe");
        String may = code("academy");
        register.register(must, "Department for Education", "schools", Obligation.MUST, Frequency.WEEKLY, List.of(), "test", "test");
        register.register(may, "An academy trust", "schools", Obligation.MAY, Frequency.DAILY, List.of("E08000035"), "test", "test");

        // Registered today and nothing sent yet: the clock runs from the registration.
        assertThat(overdueCodes(TODAY.plusDays(7), must.toUpperCase(), may.toUpperCase())).isEmpty();
        assertThat(overdueCodes(TODAY.plusDays(8), must.toUpperCase(), may.toUpperCase()))
                .as("a supplier who may supply is never overdue").containsExactly(must.toUpperCase());

        long batch = schoolsBatch();
        register.recordBatch(batch, must);
        register.recordBatch(batch, must.toLowerCase());

        Supply supply = register.find(must).orElseThrow().supply("schools").orElseThrow();
        assertThat(supply.lastBatchId()).isEqualTo(batch);
        assertThat(supply.lastBatchOn()).isEqualTo(TODAY);
        assertThat(supply.due()).isEqualTo(TODAY.plusWeeks(1));
        assertThat(overdueCodes(TODAY.plusDays(7), must.toUpperCase())).isEmpty();
        List<Overdue> late = register.overdue(TODAY.plusDays(8)).stream()
                .filter(o -> o.supplierCode().equals(must.toUpperCase())).toList();
        assertThat(late).singleElement().satisfies(o -> {
            assertThat(o.supplierName()).isEqualTo("Department for Education");
            assertThat(o.supply().lastBatchId()).isEqualTo(batch);
        });

        assertThatThrownBy(() -> register.recordBatch(batch, may)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("batch " + batch + " is already recorded against the supplier " + must.toUpperCase());
    }

    @Test
    void shouldRefuseABatchOfASourceTheSupplierIsNotRegisteredForOrOfNoSupplier() throws IOException {
        String nhs = code("nhs");
        register.register(nhs, "NHS England", "nhs-demographics", Obligation.MUST, Frequency.DAILY, List.of(), "test", "test");
        long batch = schoolsBatch();

        assertThatThrownBy(() -> register.recordBatch(batch, nhs)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the supplier " + nhs.toUpperCase() + " is not registered to supply schools (it supplies "
                        + "nhs-demographics)");
        assertThatThrownBy(() -> register.recordBatch(batch, "NOBODY-AT-ALL")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no supplier has the code NOBODY-AT-ALL");
        assertThatThrownBy(() -> register.recordBatch(-1, nhs)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("no batch has the id -1");
        assertThat(register.find(nhs).orElseThrow().supplies().get(0).lastBatchId()).isNull();
    }

    @Test
    void frequenciesGiveTheLastDayOnTime() {
        LocalDate last = LocalDate.of(2026, 1, 31);
        assertThat(Frequency.DAILY.due(last)).isEqualTo(LocalDate.of(2026, 2, 1));
        assertThat(Frequency.WEEKLY.due(last)).isEqualTo(LocalDate.of(2026, 2, 7));
        assertThat(Frequency.MONTHLY.due(last)).isEqualTo(LocalDate.of(2026, 2, 28));
        assertThat(Frequency.TERMLY.due(last)).isEqualTo(LocalDate.of(2026, 5, 31));
        assertThat(Frequency.ANNUALLY.due(last)).isEqualTo(LocalDate.of(2027, 1, 31));
        assertThat(SupplierRegister.sources()).containsExactly("births", "school-census", "child-benefit",
                "nhs-demographics", "la-services", "schools", "gp-practices");
    }
}
