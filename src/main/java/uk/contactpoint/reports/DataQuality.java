package uk.contactpoint.reports;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import uk.contactpoint.access.Viewer;
import uk.contactpoint.directory.LocalAuthorities;
import uk.contactpoint.directory.LocalAuthority;
import uk.contactpoint.directory.LocalAuthorityCode;
import uk.contactpoint.ingest.ReviewQueue;
import uk.contactpoint.ingest.SupplierRegister;

/**
 * Data quality of an authority's records (DOMAIN.md section 10, ADR 40), in counts only (no child is listed, so
 * nothing here is personal data): live children in England with no current GP practice; children of compulsory
 * school age with no current education setting (whatever their education status); records no source has confirmed
 * a value of for over a year; open conflicts between sources by field and source; the review queue's size and age;
 * quarantined feed rows; feed rejects of the last year by supplier and reason; suppliers overdue; inaccuracies
 * practitioners reported and their resolution.
 */
@Service
public class DataQuality {

    static final ZoneId LONDON = ZoneId.of("Europe/London");
    private static final String IN_ENGLAND = """
            c.status = 'LIVE' AND c.date_of_death IS NULL
            AND c.whereabouts NOT IN ('LEFT_ENGLAND_INTENDS_TO_RETURN', 'LEFT_ENGLAND_NOT_RETURNING', 'LEFT_ENGLAND_INTENTION_UNKNOWN')""";
    private static final String SUPPLIES_LA = """
            sb.supplier_code IN (SELECT ss.supplier_code FROM supplier_source ss
                WHERE NOT EXISTS (SELECT 1 FROM supplier_source_la l WHERE l.supplier_source_id = ss.id)
                   OR EXISTS (SELECT 1 FROM supplier_source_la l WHERE l.supplier_source_id = ss.id AND l.local_authority = :la))""";

    /** The headline counts of one authority (or of England). */
    public record Figures(long children, long noGpPractice, long compulsorySchoolAge, long noEducationSetting,
                          long unconfirmedOverAYear, long openConflicts, long childrenWithConflicts, long reviewOpen,
                          long reviewOldestDays, long quarantined, long inaccuraciesOpen, long inaccuraciesResolvedThisYear) {
    }

    /** Review-queue rows by how long they have waited. */
    public enum Waiting {
        UNDER_A_WEEK("Under a week"), ONE_TO_FOUR_WEEKS("1 to 4 weeks"), ONE_TO_THREE_MONTHS("1 to 3 months"),
        OVER_THREE_MONTHS("Over 3 months");

        private final String label;

        Waiting(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }

        static Waiting of(long days) {
            return days < 7 ? UNDER_A_WEEK : days < 28 ? ONE_TO_FOUR_WEEKS : days < 91 ? ONE_TO_THREE_MONTHS : OVER_THREE_MONTHS;
        }
    }

    public record Report(String localAuthority, String localAuthorityName, LocalDate asOf, Figures figures,
                         Map<Waiting, Long> reviewWaiting, List<SupplierRegister.Overdue> overdue, Table summary,
                         Chart summaryChart, Table conflicts, Table review, Chart reviewChart, Table quarantine,
                         Table rejects, Table overdueTable, Table inaccuracies) {

        /** Every table of the report, by id (for CSV export). */
        public Map<String, Table> tables() {
            Map<String, Table> out = new LinkedHashMap<>();
            for (Table t : List.of(summary, conflicts, review, quarantine, rejects, overdueTable, inaccuracies)) {
                out.put(t.id(), t);
            }
            return out;
        }
    }

    public record National(LocalDate asOf, Map<String, Figures> byAuthority, Table authorities, Table rejects,
                           Table overdueTable) {
    }

    private final JdbcClient jdbc;
    private final LocalAuthorities authorities;
    private final SupplierRegister suppliers;
    private final ReviewQueue reviewQueue;
    private final MissingEducation missing;
    private final Clock clock;
    private ReportSession session;

    DataQuality(JdbcClient jdbc, LocalAuthorities authorities, SupplierRegister suppliers, ReviewQueue reviewQueue,
                MissingEducation missing, Clock clock) {
        this.jdbc = jdbc;
        this.authorities = authorities;
        this.suppliers = suppliers;
        this.reviewQueue = reviewQueue;
        this.missing = missing;
        this.clock = clock;
    }

    @org.springframework.beans.factory.annotation.Autowired
    void session(ReportSession session) {
        this.session = session;
    }

    private void begin() {
        if (session != null) {
            session.begin();
        }
    }

    LocalDate today() {
        return LocalDate.now(clock.withZone(LONDON));
    }

    @Transactional
    public Report forAuthority(Viewer viewer, String requested) {
        String la = missing.authority(viewer, requested);
        reviewQueue.placeByAuthority();
        begin();
        LocalDate today = today();
        Review queue = waiting(la);
        Figures f = figures(la, today, queue).getOrDefault(la, empty());
        Map<Waiting, Long> waiting = queue.waiting().getOrDefault(la, emptyWaiting());
        List<SupplierRegister.Overdue> overdue = suppliers.overdue(today).stream()
                .filter(o -> o.supply().localAuthorities().isEmpty() || o.supply().localAuthorities().contains(la)).toList();
        String name = authorities.find(new LocalAuthorityCode(la)).map(LocalAuthority::name).orElse(la);
        List<String[]> headline = headline(f);
        List<List<String>> rows = headline.stream().map(h -> List.of(h[0], h[1])).toList();
        Table summary = new Table("summary", "Data quality of " + name + "'s records", List.of("Measure", "Count"), rows, Set.of(1));
        Chart chart = new Chart("summary-chart", "Data quality: records needing attention",
                "Bar chart of " + name + "'s records needing attention: " + String.join(", ",
                        headline.subList(2, headline.size()).stream().map(h -> h[0].toLowerCase(java.util.Locale.UK) + " " + h[1]).toList()) + ".",
                Chart.Kind.BAR, headline.subList(2, headline.size()).stream().map(h -> h[2]).toList(),
                headline.subList(2, headline.size()).stream().map(h -> Long.parseLong(h[1])).toList());
        List<List<String>> reviewRows = new ArrayList<>();
        waiting.forEach((w, n) -> reviewRows.add(List.of(w.label(), Long.toString(n))));
        Table review = new Table("review", "Review queue: open possible matches by how long they have waited",
                List.of("Waiting", "Rows"), reviewRows, Set.of(1));
        Chart reviewChart = new Chart("review-chart", "Review queue by how long rows have waited",
                "Bar chart of the review queue's " + f.reviewOpen() + " open rows by waiting time: " + String.join(", ",
                        waiting.entrySet().stream().map(e -> e.getKey().label().toLowerCase(java.util.Locale.UK) + " " + e.getValue()).toList()) + ".",
                Chart.Kind.BAR, waiting.keySet().stream().map(Waiting::label).toList(), List.copyOf(waiting.values()));
        return new Report(la, name, today, f, waiting, overdue, summary, chart, conflicts(la), review, reviewChart,
                quarantine(la), rejects(la, today), overdueTable(overdue), inaccuracies(la, today));
    }

    /** Every authority's headline counts, feed rejects by supplier and every overdue supplier: national administrators. */
    @Transactional
    public National national(Viewer viewer) {
        ReportAccess.requireNational(viewer);
        reviewQueue.placeByAuthority();
        begin();
        LocalDate today = today();
        Map<String, Figures> byAuthority = figures(null, today, waiting(null));
        List<List<String>> rows = new ArrayList<>();
        for (LocalAuthority la : authorities.all()) {
            Figures f = byAuthority.get(la.code().value());
            if (f == null) {
                continue;
            }
            rows.add(List.of(la.name(), la.code().value(), n(f.children()), n(f.noGpPractice()), n(f.noEducationSetting()),
                    n(f.unconfirmedOverAYear()), n(f.childrenWithConflicts()), n(f.reviewOpen()), n(f.quarantined()),
                    n(f.inaccuraciesOpen())));
        }
        Table table = new Table("authorities", "Data quality by local authority", List.of("Local authority", "GSS code",
                "Children", "No GP practice", "School age, no setting", "Unconfirmed over a year", "Children with conflicts",
                "Review queue", "Quarantined", "Inaccuracies open"), rows, Set.of(2, 3, 4, 5, 6, 7, 8, 9));
        return new National(today, byAuthority, table, rejects(null, today), overdueTable(suppliers.overdue(today)));
    }

    // ---------------------------------------------------------------------------------------------------------

    private static String n(long v) {
        return Long.toString(v);
    }

    private static Figures empty() {
        return new Figures(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
    }

    private static Map<Waiting, Long> emptyWaiting() {
        Map<Waiting, Long> m = new LinkedHashMap<>();
        for (Waiting w : Waiting.values()) {
            m.put(w, 0L);
        }
        return m;
    }

    /** Label, count, short label for the chart; the first two are context, the rest need attention. */
    private static List<String[]> headline(Figures f) {
        return List.of(
                new String[] {"Live children in England", n(f.children()), "Children"},
                new String[] {"Of compulsory school age", n(f.compulsorySchoolAge()), "School age"},
                new String[] {"No current GP practice", n(f.noGpPractice()), "No GP"},
                new String[] {"Of school age with no current education setting", n(f.noEducationSetting()), "No setting"},
                new String[] {"Not confirmed by any source for over a year", n(f.unconfirmedOverAYear()), "Unconfirmed"},
                new String[] {"Children with open source conflicts", n(f.childrenWithConflicts()), "Conflicts"},
                new String[] {"Open rows in the review queue", n(f.reviewOpen()), "Review"},
                new String[] {"Quarantined feed rows", n(f.quarantined()), "Quarantined"},
                new String[] {"Inaccuracies reported, not yet resolved", n(f.inaccuraciesOpen()), "Inaccuracies"});
    }

    private record Base(long children, long noGp, long csa, long noSetting, long unconfirmed) {
    }

    private Map<String, Figures> figures(String la, LocalDate today, Review review) {
        CompulsorySchoolAge.BirthDates ages = CompulsorySchoolAge.birthDates(today);
        LocalDate yearAgo = today.minusYears(1);
        Map<String, Base> base = new TreeMap<>();
        var q = jdbc.sql("""
                SELECT c.responsible_la,
                    COUNT(*),
                    SUM(CASE WHEN NOT EXISTS (SELECT 1 FROM child_setting s WHERE s.child_id = c.id AND s.kind = 'PRIMARY_CARE'
                            AND s.start_date <= :today AND (s.end_date IS NULL OR s.end_date > :today)) THEN 1 ELSE 0 END),
                    SUM(CASE WHEN c.date_of_birth BETWEEN :from AND :to THEN 1 ELSE 0 END),
                    SUM(CASE WHEN c.date_of_birth BETWEEN :from AND :to AND NOT EXISTS (SELECT 1 FROM child_setting s
                            WHERE s.child_id = c.id AND s.kind = 'EDUCATION' AND s.start_date <= :today
                            AND (s.end_date IS NULL OR s.end_date > :today)) THEN 1 ELSE 0 END),
                    SUM(CASE WHEN NOT EXISTS (SELECT 1 FROM value_provenance v WHERE v.child_id = c.id AND v.as_of > :yearAgo)
                            AND NOT EXISTS (SELECT 1 FROM source_identifier i WHERE i.child_id = c.id AND i.as_of > :yearAgo)
                            AND NOT EXISTS (SELECT 1 FROM child_setting s WHERE s.child_id = c.id AND s.as_of > :yearAgo)
                            THEN 1 ELSE 0 END)
                FROM child c WHERE """ + " " + IN_ENGLAND + (la == null ? "" : " AND c.responsible_la = :la") + """

                GROUP BY c.responsible_la""")
                .param("today", today).param("from", ages.earliest()).param("to", ages.latest()).param("yearAgo", yearAgo);
        if (la != null) {
            q = q.param("la", la);
        }
        q.query(rs -> {
            base.put(rs.getString(1), new Base(rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5), rs.getLong(6)));
        });
        Map<String, long[]> conflicts = new HashMap<>();
        var cq = jdbc.sql("""
                SELECT c.responsible_la, COUNT(*), COUNT(DISTINCT sc.child_id) FROM source_conflict sc JOIN child c ON c.id = sc.child_id
                WHERE sc.status = 'OPEN' AND c.status = 'LIVE'""" + (la == null ? "" : " AND c.responsible_la = :la")
                + " GROUP BY c.responsible_la");
        if (la != null) {
            cq = cq.param("la", la);
        }
        cq.query(rs -> {
            conflicts.put(rs.getString(1), new long[] {rs.getLong(2), rs.getLong(3)});
        });
        Map<String, Map<Waiting, Long>> waiting = review.waiting();
        Map<String, Long> oldest = review.oldest();
        Map<String, Long> quarantined = new HashMap<>();
        var qq = jdbc.sql("SELECT q.local_authority, COUNT(*) FROM ingest_quarantine q WHERE q.status = 'OPEN'"
                + (la == null ? "" : " AND q.local_authority = :la") + " GROUP BY q.local_authority");
        if (la != null) {
            qq = qq.param("la", la);
        }
        qq.query(rs -> {
            quarantined.put(rs.getString(1), rs.getLong(2));
        });
        Map<String, long[]> inaccuracies = new HashMap<>();
        var iq = jdbc.sql("""
                SELECT local_authority, SUM(CASE WHEN status = 'OPEN' THEN 1 ELSE 0 END),
                       SUM(CASE WHEN status <> 'OPEN' AND resolved_at >= :yearAgo THEN 1 ELSE 0 END)
                FROM inaccuracy_report""" + (la == null ? "" : " WHERE local_authority = :la") + " GROUP BY local_authority")
                .param("yearAgo", Timestamp.from(yearAgo.atStartOfDay(LONDON).toInstant()));
        if (la != null) {
            iq = iq.param("la", la);
        }
        iq.query(rs -> {
            inaccuracies.put(rs.getString(1), new long[] {rs.getLong(2), rs.getLong(3)});
        });
        Set<String> keys = new java.util.TreeSet<>(base.keySet());
        keys.addAll(conflicts.keySet());
        keys.addAll(waiting.keySet());
        keys.addAll(quarantined.keySet());
        keys.addAll(inaccuracies.keySet());
        Map<String, Figures> out = new TreeMap<>();
        for (String k : keys) {
            if (k == null) {
                continue;
            }
            Base b = base.getOrDefault(k, new Base(0, 0, 0, 0, 0));
            long[] c = conflicts.getOrDefault(k, new long[2]);
            long open = waiting.getOrDefault(k, Map.of()).values().stream().mapToLong(Long::longValue).sum();
            long[] i = inaccuracies.getOrDefault(k, new long[2]);
            out.put(k, new Figures(b.children(), b.noGp(), b.csa(), b.noSetting(), b.unconfirmed(), c[0], c[1], open,
                    oldest.getOrDefault(k, 0L), quarantined.getOrDefault(k, 0L), i[0], i[1]));
        }
        return out;
    }

    /** Open review rows by authority and how long they have waited; the oldest open row's age in days. */
    private record Review(Map<String, Map<Waiting, Long>> waiting, Map<String, Long> oldest) {
    }

    /** Open review rows by authority (as the review queue scopes them) and how long they have waited. */
    private Review waiting(String la) {
        Map<String, Map<Waiting, Long>> out = new HashMap<>();
        Map<String, Long> oldest = new HashMap<>();
        Instant now = clock.instant();
        var q = jdbc.sql("""
                SELECT COALESCE(c.responsible_la, r.local_authority), b.started_at
                FROM ingest_review r JOIN ingest_batch b ON b.id = r.batch_id LEFT JOIN child c ON c.id = r.candidate_child_id
                WHERE r.status = 'OPEN'"""
                + (la == null ? "" : " AND (c.responsible_la = :la OR (r.candidate_child_id IS NULL AND r.local_authority = :la))"));
        if (la != null) {
            q = q.param("la", la);
        }
        q.query(rs -> {
            String key = rs.getString(1);
            if (key == null) {
                key = "NONE";
            }
            long days = Math.max(0, ChronoUnit.DAYS.between(rs.getObject(2, OffsetDateTime.class).toInstant(), now));
            out.computeIfAbsent(key, k -> emptyWaiting()).merge(Waiting.of(days), 1L, Long::sum);
            oldest.merge(key, days, Math::max);
        });
        return new Review(out, oldest);
    }

    private Table conflicts(String la) {
        List<List<String>> rows = jdbc.sql("""
                        SELECT sc.field, sc.source, COUNT(*), COUNT(DISTINCT sc.child_id) FROM source_conflict sc
                        JOIN child c ON c.id = sc.child_id
                        WHERE sc.status = 'OPEN' AND c.status = 'LIVE' AND c.responsible_la = :la
                        GROUP BY sc.field, sc.source ORDER BY sc.field, sc.source""").param("la", la)
                .query((rs, i) -> List.of(rs.getString(1), rs.getString(2), n(rs.getLong(3)), n(rs.getLong(4)))).list();
        return new Table("conflicts", "Open conflicts between sources, by field and the source that disagreed",
                List.of("Field", "Source that disagreed", "Conflicts", "Children"), rows, Set.of(2, 3));
    }

    private Table quarantine(String la) {
        List<List<String>> rows = jdbc.sql("""
                        SELECT q.reason, q.source, COUNT(*), MIN(b.started_at) FROM ingest_quarantine q JOIN ingest_batch b ON b.id = q.batch_id
                        WHERE q.status = 'OPEN' AND q.local_authority = :la GROUP BY q.reason, q.source ORDER BY q.reason, q.source""")
                .param("la", la)
                .query((rs, i) -> List.of(rs.getString(1), rs.getString(2), n(rs.getLong(3)),
                        rs.getObject(4, OffsetDateTime.class).atZoneSameInstant(LONDON).toLocalDate().toString())).list();
        return new Table("quarantine", "Quarantined feed rows (they may describe a shielded child)",
                List.of("Reason", "Source", "Rows", "Oldest batch"), rows, Set.of(2));
    }

    private Table rejects(String la, LocalDate today) {
        Map<String, String> names = new HashMap<>();
        suppliers.all().forEach(s -> names.put(s.code(), s.name()));
        var q = jdbc.sql("""
                SELECT sb.supplier_code, b.source, r.field, r.reason, SUM(r.rows_rejected), COUNT(DISTINCT b.id)
                FROM ingest_reject r JOIN ingest_batch b ON b.id = r.batch_id LEFT JOIN supplier_batch sb ON sb.batch_id = b.id
                WHERE b.started_at >= :since""" + (la == null ? "" : " AND " + SUPPLIES_LA) + """

                GROUP BY sb.supplier_code, b.source, r.field, r.reason
                ORDER BY sb.supplier_code, b.source, 5 DESC, r.field, r.reason""")
                .param("since", Timestamp.from(today.minusYears(1).atStartOfDay(LONDON).toInstant()));
        if (la != null) {
            q = q.param("la", la);
        }
        List<List<String>> rows = q.query((rs, i) -> {
            String code = rs.getString(1);
            String supplier = code == null ? "Not recorded" : names.getOrDefault(code, code) + " (" + code + ")";
            return List.of(supplier, rs.getString(2), rs.getString(3), rs.getString(4), n(rs.getLong(5)), n(rs.getLong(6)));
        }).list();
        return new Table("rejects", "Feed rows rejected in the last year, by supplier and reason",
                List.of("Supplier", "Source", "Field", "Reason", "Rows rejected", "Batches"), rows, Set.of(4, 5));
    }

    private static Table overdueTable(List<SupplierRegister.Overdue> overdue) {
        List<List<String>> rows = new ArrayList<>();
        for (SupplierRegister.Overdue o : overdue) {
            rows.add(List.of(o.supplierName() + " (" + o.supplierCode() + ")", o.supply().source(),
                    o.supply().frequency().name().toLowerCase(java.util.Locale.UK),
                    o.supply().lastBatchOn() == null ? "None yet" : o.supply().lastBatchOn().toString(),
                    o.supply().due().toString()));
        }
        return new Table("overdue", "Suppliers whose feeds are overdue", List.of("Supplier", "Source", "Frequency",
                "Last batch", "Was due by"), rows, Set.of());
    }

    private Table inaccuracies(String la, LocalDate today) {
        Map<String, long[]> byField = new TreeMap<>();
        Instant now = clock.instant();
        Instant yearAgo = today.minusYears(1).atStartOfDay(LONDON).toInstant();
        jdbc.sql("""
                        SELECT field, status, reported_at, resolved_at FROM inaccuracy_report
                        WHERE local_authority = :la AND (status = 'OPEN' OR resolved_at >= :yearAgo)""")
                .param("la", la).param("yearAgo", Timestamp.from(yearAgo)).query(rs -> {
                    // open, oldest open (days), resolved, total days to resolve
                    long[] f = byField.computeIfAbsent(rs.getString(1), k -> new long[4]);
                    Instant reported = rs.getObject(3, OffsetDateTime.class).toInstant();
                    if ("OPEN".equals(rs.getString(2))) {
                        f[0]++;
                        f[1] = Math.max(f[1], ChronoUnit.DAYS.between(reported, now));
                    } else {
                        f[2]++;
                        OffsetDateTime resolved = rs.getObject(4, OffsetDateTime.class);
                        f[3] += resolved == null ? 0 : ChronoUnit.DAYS.between(reported, resolved.toInstant());
                    }
                });
        List<List<String>> rows = new ArrayList<>();
        byField.forEach((field, f) -> rows.add(List.of(field, n(f[0]), f[0] == 0 ? "" : n(f[1]), n(f[2]),
                f[2] == 0 ? "" : String.format(java.util.Locale.ROOT, "%.1f", (double) f[3] / f[2]))));
        return new Table("inaccuracies", "Inaccuracies practitioners reported: open, and resolved in the last year",
                List.of("Field", "Open", "Oldest open (days)", "Resolved", "Average days to resolve"), rows, Set.of(1, 2, 3, 4));
    }
}
