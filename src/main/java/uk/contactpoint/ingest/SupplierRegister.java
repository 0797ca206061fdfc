package uk.contactpoint.ingest;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import uk.contactpoint.audit.AuditAction;
import uk.contactpoint.audit.AuditEvent;
import uk.contactpoint.audit.AuditLog;
import uk.contactpoint.audit.AuditOutcome;
import uk.contactpoint.directory.LocalAuthorities;

/**
 * The register of data suppliers (ADR 16, DOMAIN.md section 3): which bodies must supply and which may, which
 * source, for which authorities and how often; each applied batch recorded against the supplier that sent it; and
 * the suppliers who must supply and whose last batch is older than their frequency allows.
 */
@Service
public class SupplierRegister {

    static final ZoneId LONDON = ZoneId.of("Europe/London");
    private static final Pattern CODE = Pattern.compile("[A-Z0-9][A-Z0-9_-]{1,39}");

    /** Whether a supplier must supply a source and keep it current, or may. */
    public enum Obligation { MUST, MAY }

    /** How often a source is due; a school census comes once a term, which is taken as 4 months at most. */
    public enum Frequency {
        DAILY(Period.ofDays(1)), WEEKLY(Period.ofWeeks(1)), MONTHLY(Period.ofMonths(1)), TERMLY(Period.ofMonths(4)),
        ANNUALLY(Period.ofYears(1));

        private final Period period;

        Frequency(Period period) {
            this.period = period;
        }

        /** The last day a next batch is on time after one on {@code last}. */
        public LocalDate due(LocalDate last) {
            return last.plus(period);
        }

        public static Optional<Frequency> of(String text) {
            return Arrays.stream(values()).filter(f -> f.name().equalsIgnoreCase(text == null ? "" : text.trim()))
                    .findFirst();
        }
    }

    /**
     * One source a supplier sends.
     *
     * @param localAuthorities GSS codes the source is supplied for; empty for all of England
     * @param registeredOn     when the supplier was registered for it: the clock of one that has sent nothing yet
     * @param lastBatchId      its last batch recorded, null if none
     * @param lastBatchOn      the day of that batch (Europe/London)
     */
    public record Supply(String source, Obligation obligation, Frequency frequency, List<String> localAuthorities,
                         LocalDate registeredOn, Long lastBatchId, LocalDate lastBatchOn) {

        /** The last day the next batch is on time. */
        public LocalDate due() {
            return frequency.due(lastBatchOn != null ? lastBatchOn : registeredOn);
        }

        /** A supplier that must supply and whose next batch is late on {@code today}. */
        public boolean overdue(LocalDate today) {
            return obligation == Obligation.MUST && today.isAfter(due());
        }
    }

    public record Supplier(String code, String name, List<Supply> supplies) {

        public Optional<Supply> supply(String source) {
            return supplies.stream().filter(s -> s.source().equals(source)).findFirst();
        }

        public boolean overdue(LocalDate today) {
            return supplies.stream().anyMatch(s -> s.overdue(today));
        }
    }

    /** A source a supplier must send and has not sent in time. */
    public record Overdue(String supplierCode, String supplierName, Supply supply) {
    }

    /** The data_source code each source's batches are recorded under (ingest_batch.source). */
    private static final Map<String, String> SOURCE_OF_BATCH = Map.of("GRO", "births", "SCHOOL_CENSUS",
            "school-census", "CHILD_BENEFIT", "child-benefit", "NHS_PDS", "nhs-demographics", "LA", "la-services",
            "GIAS", "schools", "ODS", "gp-practices");

    private final JdbcClient jdbc;
    private final LocalAuthorities authorities;
    private final AuditLog audit;

    SupplierRegister(JdbcClient jdbc, LocalAuthorities authorities, AuditLog audit) {
        this.jdbc = jdbc;
        this.authorities = authorities;
        this.audit = audit;
    }

    /** Every source a supplier may be registered for: the five feeds, then the reference files. */
    public static List<String> sources() {
        return Stream.concat(Arrays.stream(FeedSource.values()).map(FeedSource::cliName),
                Arrays.stream(ReferenceSource.values()).map(ReferenceSource::cliName)).toList();
    }

    /**
     * Registers a supplier for a source, or amends it: a new supplier is added, a known one renamed if the name
     * differs, and its entry for the source replaced (obligation, frequency, authorities), keeping the date it
     * was first registered for that source.
     *
     * @param localAuthorities GSS codes or 3-letter register codes; empty for all of England
     * @param actor            who registers (an administrative act: audited in the same transaction)
     * @param channel          how: the command line, a page
     * @throws IllegalArgumentException with a message for the person registering, when a value is not valid
     */
    @Transactional
    public Supplier register(String code, String name, String source, Obligation obligation, Frequency frequency,
            List<String> localAuthorities, String actor, String channel) {
        String supplier = code(code);
        if (name == null || name.isBlank() || name.strip().length() > 200) {
            throw new IllegalArgumentException("the supplier's name is required, at most 200 characters");
        }
        if (!sources().contains(source)) {
            throw new IllegalArgumentException("no source is called '" + source + "'; use one of "
                    + String.join(", ", sources()));
        }
        if (obligation == null || frequency == null) {
            throw new IllegalArgumentException("say whether the supplier must or may supply, and how often");
        }
        Set<String> las = new LinkedHashSet<>();
        for (String la : localAuthorities) {
            las.add(authorities.resolve(la).code().value());
        }
        Timestamp now = Timestamp.from(Instant.now());
        int renamed = jdbc.sql("UPDATE supplier SET name = :name, updated_at = :now WHERE code = :code")
                .param("name", name.strip()).param("now", now).param("code", supplier).update();
        if (renamed == 0) {
            jdbc.sql("INSERT INTO supplier (code, name, created_at, updated_at) VALUES (:code, :name, :now, :now)")
                    .param("code", supplier).param("name", name.strip()).param("now", now).update();
        }
        Optional<Long> existing = jdbc.sql("SELECT id FROM supplier_source WHERE supplier_code = :code AND source = :source")
                .param("code", supplier).param("source", source).query(Long.class).optional();
        long id;
        if (existing.isPresent()) {
            id = existing.get();
            jdbc.sql("UPDATE supplier_source SET obligation = :obligation, frequency = :frequency WHERE id = :id")
                    .param("obligation", obligation.name()).param("frequency", frequency.name()).param("id", id).update();
            jdbc.sql("DELETE FROM supplier_source_la WHERE supplier_source_id = :id").param("id", id).update();
        } else {
            jdbc.sql("""
                            INSERT INTO supplier_source (supplier_code, source, obligation, frequency, registered_on)
                            VALUES (:code, :source, :obligation, :frequency, :today)""")
                    .param("code", supplier).param("source", source).param("obligation", obligation.name())
                    .param("frequency", frequency.name()).param("today", LocalDate.now(LONDON)).update();
            id = jdbc.sql("SELECT id FROM supplier_source WHERE supplier_code = :code AND source = :source")
                    .param("code", supplier).param("source", source).query(Long.class).single();
        }
        for (String la : las) {
            jdbc.sql("INSERT INTO supplier_source_la (supplier_source_id, local_authority) VALUES (:id, :la)")
                    .param("id", id).param("la", la).update();
        }
        audit.record(new AuditEvent(Instant.now(), actor, null, null, channel, null, null, AuditAction.ADMIN, List.of(),
                null, AuditOutcome.CHANGED, "supplier " + supplier + (existing.isPresent() ? " amended" : " registered")
                + " for " + source + ": " + obligation + " " + frequency + " "
                + (las.isEmpty() ? "all of England" : String.join(",", las))));
        return find(supplier).orElseThrow();
    }

    @Transactional(readOnly = true)
    public Optional<Supplier> find(String code) {
        String supplier = code == null ? "" : code.trim().toUpperCase(Locale.ROOT);
        return load(supplier).stream().findFirst();
    }

    /** Every supplier, by code, with each source's last batch. */
    @Transactional(readOnly = true)
    public List<Supplier> all() {
        return load(null);
    }

    /**
     * Checks, before a file is applied, that the supplier is registered for the source.
     *
     * @throws IllegalArgumentException saying what is wrong: no such supplier, or not registered for that source
     */
    @Transactional(readOnly = true)
    public void checkSupplies(String supplierCode, String source) {
        Supplier supplier = find(supplierCode).orElseThrow(() -> new IllegalArgumentException(
                "no supplier has the code " + supplierCode + "; add it with 'suppliers add' first"));
        if (supplier.supply(source).isEmpty()) {
            throw new IllegalArgumentException("the supplier " + supplier.code() + " is not registered to supply "
                    + source + (supplier.supplies().isEmpty() ? ""
                    : " (it supplies " + String.join(", ", supplier.supplies().stream().map(Supply::source).toList())
                    + ")"));
        }
    }

    /**
     * Records an applied batch against the supplier that sent it. Recording it again against the same supplier
     * changes nothing.
     *
     * @throws IllegalArgumentException when there is no such batch, no such supplier, the supplier is not registered
     *                                  for the batch's source, or the batch is already another supplier's
     */
    @Transactional
    public void recordBatch(long batchId, String supplierCode) {
        String dataSource = jdbc.sql("SELECT source FROM ingest_batch WHERE id = :id").param("id", batchId)
                .query(String.class).optional()
                .orElseThrow(() -> new IllegalArgumentException("no batch has the id " + batchId));
        String source = SOURCE_OF_BATCH.get(dataSource);
        if (source == null) {
            throw new IllegalArgumentException("batch " + batchId + " is of no source a supplier sends");
        }
        checkSupplies(supplierCode, source);
        String supplier = supplierCode.trim().toUpperCase(Locale.ROOT);
        Optional<String> recorded = jdbc.sql("SELECT supplier_code FROM supplier_batch WHERE batch_id = :id")
                .param("id", batchId).query(String.class).optional();
        if (recorded.isPresent()) {
            if (!recorded.get().equals(supplier)) {
                throw new IllegalArgumentException("batch " + batchId + " is already recorded against the supplier "
                        + recorded.get());
            }
            return;
        }
        jdbc.sql("""
                        INSERT INTO supplier_batch (batch_id, supplier_code, source, recorded_at)
                        VALUES (:id, :supplier, :source, :now)""")
                .param("id", batchId).param("supplier", supplier).param("source", source)
                .param("now", Timestamp.from(Instant.now()))
                .update();
    }

    /**
     * Sources that suppliers must send and whose last batch (or, before the first, the registration) is older than
     * their frequency allows on {@code today}, most overdue first.
     */
    @Transactional(readOnly = true)
    public List<Overdue> overdue(LocalDate today) {
        List<Overdue> out = new ArrayList<>();
        for (Supplier s : all()) {
            for (Supply supply : s.supplies()) {
                if (supply.overdue(today)) {
                    out.add(new Overdue(s.code(), s.name(), supply));
                }
            }
        }
        out.sort((a, b) -> a.supply().due().compareTo(b.supply().due()));
        return out;
    }

    // ---------------------------------------------------------------------------------------------------------

    static String code(String code) {
        String c = code == null ? "" : code.trim().toUpperCase(Locale.ROOT);
        if (!CODE.matcher(c).matches()) {
            throw new IllegalArgumentException("a supplier code is 2 to 40 letters, digits, '-' or '_', such as "
                    + "NHS-PDS or LA-E08000035");
        }
        return c;
    }

    private record SupplyRow(long id, String supplier, String source, Obligation obligation, Frequency frequency,
                             LocalDate registeredOn) {
    }

    private record LastBatch(long id, LocalDate on) {
    }

    private List<Supplier> load(String only) {
        String where = only == null ? "" : " WHERE code = :code";
        Map<String, String> names = new LinkedHashMap<>();
        var namesQuery = jdbc.sql("SELECT code, name FROM supplier" + where + " ORDER BY code");
        if (only != null) {
            namesQuery = namesQuery.param("code", only);
        }
        namesQuery.query(rs -> {
            names.put(rs.getString("code"), rs.getString("name"));
        });
        if (names.isEmpty()) {
            return List.of();
        }
        String filter = only == null ? "" : " WHERE supplier_code = :code";
        var supplyQuery = jdbc.sql("SELECT id, supplier_code, source, obligation, frequency, registered_on "
                + "FROM supplier_source" + filter + " ORDER BY supplier_code, id");
        var laQuery = jdbc.sql("SELECT l.supplier_source_id, l.local_authority FROM supplier_source_la l "
                + "JOIN supplier_source s ON s.id = l.supplier_source_id"
                + (only == null ? "" : " WHERE s.supplier_code = :code") + " ORDER BY l.local_authority");
        var batchQuery = jdbc.sql("""
                SELECT b.supplier_code, b.source, b.batch_id, b.recorded_at FROM supplier_batch b
                WHERE b.recorded_at = (SELECT MAX(x.recorded_at) FROM supplier_batch x
                                       WHERE x.supplier_code = b.supplier_code AND x.source = b.source)"""
                + (only == null ? "" : " AND b.supplier_code = :code"));
        if (only != null) {
            supplyQuery = supplyQuery.param("code", only);
            laQuery = laQuery.param("code", only);
            batchQuery = batchQuery.param("code", only);
        }
        List<SupplyRow> supplies = supplyQuery.query((rs, n) -> new SupplyRow(rs.getLong("id"),
                rs.getString("supplier_code"), rs.getString("source"), Obligation.valueOf(rs.getString("obligation")),
                Frequency.valueOf(rs.getString("frequency")), rs.getObject("registered_on", LocalDate.class))).list();
        Map<Long, List<String>> las = new HashMap<>();
        laQuery.query(rs -> {
            las.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(rs.getString(2));
        });
        Map<String, LastBatch> last = new HashMap<>();
        batchQuery.query(rs -> {
            LastBatch batch = new LastBatch(rs.getLong("batch_id"),
                    rs.getTimestamp("recorded_at").toInstant().atZone(LONDON).toLocalDate());
            last.merge(rs.getString("supplier_code") + "\u0000" + rs.getString("source"), batch,
                    (a, b) -> a.id() >= b.id() ? a : b);
        });
        Map<String, List<Supply>> bySupplier = new HashMap<>();
        for (SupplyRow r : supplies) {
            LastBatch batch = last.get(r.supplier() + "\u0000" + r.source());
            bySupplier.computeIfAbsent(r.supplier(), k -> new ArrayList<>()).add(new Supply(r.source(), r.obligation(),
                    r.frequency(), List.copyOf(las.getOrDefault(r.id(), List.of())), r.registeredOn(),
                    batch == null ? null : batch.id(), batch == null ? null : batch.on()));
        }
        List<Supplier> out = new ArrayList<>();
        names.forEach((code, name) -> out.add(new Supplier(code, name, List.copyOf(bySupplier.getOrDefault(code, List.of())))));
        return out;
    }
}
