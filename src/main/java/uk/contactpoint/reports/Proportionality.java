package uk.contactpoint.reports;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
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

/**
 * Proportionality and use (issue 10 part 4, ADR 46): the figures that show whether the directory is worth its
 * intrusion, per local authority per calendar month (Europe/London) over the last 12 months, read from the audit
 * log and the safeguards' own tables. Counts only: no child or user is named, so viewing it is not itself audited.
 *
 * <p>Whose figure is it: a search belongs to the authority of the user who searched (their own, else their
 * organisation's; national users' searches count only nationally); a view, an involvement recorded and a match
 * notification belong to the authority now responsible for the child; a break-glass override to the authority whose
 * team reviews it; a misuse alert to the authority of the user it is about.
 */
@Service
public class Proportionality {

    /** What is counted; the label is the column heading. */
    public enum Measure {
        SEARCHES("Searches"),
        VIEWS("Record views"),
        VIEWS_WITHOUT_INVOLVEMENT("Views by someone not involved"),
        INVOLVEMENTS("Involvements recorded"),
        MATCH_NOTIFICATIONS("Match notifications sent"),
        FOLLOWED("Followed within 30 days"),
        BREAK_GLASS("Break-glass overrides"),
        BREAK_GLASS_JUSTIFIED("Found justified"),
        BREAK_GLASS_NOT_JUSTIFIED("Found not justified"),
        BREAK_GLASS_OPEN("Awaiting review"),
        MISUSE_ALERTS("Misuse alerts"),
        MISUSE_DISMISSED("Dismissed"),
        MISUSE_ESCALATED("Escalated"),
        MISUSE_SUSPENDED("User suspended"),
        MISUSE_OPEN("Awaiting decision");

        private final String label;

        Measure(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    static final List<Measure> USE = List.of(Measure.SEARCHES, Measure.VIEWS, Measure.VIEWS_WITHOUT_INVOLVEMENT,
            Measure.INVOLVEMENTS, Measure.MATCH_NOTIFICATIONS, Measure.FOLLOWED);
    static final List<Measure> SAFEGUARDS = List.of(Measure.BREAK_GLASS, Measure.BREAK_GLASS_JUSTIFIED,
            Measure.BREAK_GLASS_NOT_JUSTIFIED, Measure.BREAK_GLASS_OPEN, Measure.MISUSE_ALERTS, Measure.MISUSE_DISMISSED,
            Measure.MISUSE_ESCALATED, Measure.MISUSE_SUSPENDED, Measure.MISUSE_OPEN);
    /** The key under which figures of no authority (national users, system) are kept. */
    public static final String NO_AUTHORITY = "";
    private static final int MONTHS = 12;
    private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("MMM yyyy", Locale.UK);

    /** Counts by measure, one per month (oldest first). */
    public record Figures(Map<Measure, long[]> byMonth) {

        public long get(Measure m, int month) {
            return byMonth.get(m)[month];
        }

        public long total(Measure m) {
            long t = 0;
            for (long v : byMonth.get(m)) {
                t += v;
            }
            return t;
        }
    }

    public record Report(String localAuthority, String localAuthorityName, List<YearMonth> months, Figures figures,
                         Table use, Table safeguards, Chart viewsChart, Chart followedChart) {

        public Map<String, Table> tables() {
            Map<String, Table> out = new LinkedHashMap<>();
            out.put(use.id(), use);
            out.put(safeguards.id(), safeguards);
            return out;
        }
    }

    public record National(List<YearMonth> months, Map<String, Figures> byAuthority, Figures england, Table authorities,
                           Table use, Table safeguards, Chart viewsChart) {

        public Map<String, Table> tables() {
            Map<String, Table> out = new LinkedHashMap<>();
            out.put(authorities.id(), authorities);
            out.put(use.id(), use);
            out.put(safeguards.id(), safeguards);
            return out;
        }
    }

    private final JdbcClient jdbc;
    private final LocalAuthorities authorities;
    private final MissingEducation missing;
    private final Clock clock;
    private ReportSession session;

    private final org.springframework.transaction.support.TransactionTemplate keep;

    Proportionality(JdbcClient jdbc, LocalAuthorities authorities, MissingEducation missing, Clock clock,
                    org.springframework.transaction.PlatformTransactionManager transactions) {
        this.keep = new org.springframework.transaction.support.TransactionTemplate(transactions);
        this.keep.setPropagationBehavior(org.springframework.transaction.TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.jdbc = jdbc;
        this.authorities = authorities;
        this.missing = missing;
        this.clock = clock;
    }

    @org.springframework.beans.factory.annotation.Autowired
    void session(ReportSession session) {
        this.session = session;
    }

    /** The last 12 calendar months in London, oldest first, the current one last. */
    public List<YearMonth> months() {
        YearMonth now = YearMonth.now(clock.withZone(DataQuality.LONDON));
        List<YearMonth> out = new ArrayList<>();
        for (int i = MONTHS - 1; i >= 0; i--) {
            out.add(now.minusMonths(i));
        }
        return out;
    }

    @Transactional(readOnly = true)
    public Report forAuthority(Viewer viewer, String requested) {
        String la = missing.authority(viewer, requested);
        begin();
        List<YearMonth> months = months();
        Figures f = figures(la, months).getOrDefault(la, empty());
        String name = authorities.find(new LocalAuthorityCode(la)).map(LocalAuthority::name).orElse(la);
        return new Report(la, name, months, f, monthly("use", "Use of the directory by month", USE, months, f),
                monthly("safeguards", "Break-glass overrides and misuse alerts by month", SAFEGUARDS, months, f),
                chart("views-chart", "Record views by month", Measure.VIEWS, months, f),
                chart("followed-chart", "Match notifications followed within 30 days by month", Measure.FOLLOWED, months, f));
    }

    @Transactional(readOnly = true)
    public National national(Viewer viewer) {
        ReportAccess.requireNational(viewer);
        begin();
        List<YearMonth> months = months();
        Map<String, Figures> all = figures(null, months);
        Figures england = empty();
        all.values().forEach(f -> f.byMonth().forEach((m, v) -> {
            long[] t = england.byMonth().get(m);
            for (int i = 0; i < v.length; i++) {
                t[i] += v[i];
            }
        }));
        List<Measure> columns = List.of(Measure.SEARCHES, Measure.VIEWS, Measure.VIEWS_WITHOUT_INVOLVEMENT,
                Measure.INVOLVEMENTS, Measure.MATCH_NOTIFICATIONS, Measure.FOLLOWED, Measure.BREAK_GLASS,
                Measure.BREAK_GLASS_NOT_JUSTIFIED, Measure.MISUSE_ALERTS, Measure.MISUSE_SUSPENDED);
        List<String> headers = new ArrayList<>(List.of("Local authority"));
        columns.forEach(m -> headers.add(m.label()));
        List<List<String>> rows = new ArrayList<>();
        // sorted by name (national users last), each authority's name looked up once
        Map<String, String> bySortKey = new TreeMap<>();
        Map<String, String> display = new java.util.HashMap<>();
        for (String la : all.keySet()) {
            String name = la.equals(NO_AUTHORITY) ? "No local authority (national users)"
                    : authorities.find(new LocalAuthorityCode(la)).map(LocalAuthority::name).orElse(la);
            display.put(la, name);
            bySortKey.put(la.equals(NO_AUTHORITY) ? "~" : name + " " + la, la);
        }
        bySortKey.values().forEach(la -> {
            Figures f = all.get(la);
            List<String> row = new ArrayList<>();
            row.add(display.get(la));
            columns.forEach(m -> row.add(Long.toString(f.total(m))));
            rows.add(row);
        });
        Set<Integer> numeric = new java.util.HashSet<>();
        for (int i = 1; i <= columns.size(); i++) {
            numeric.add(i);
        }
        Table byAuthority = new Table("authorities", "Each local authority over the last 12 months", headers, rows, numeric);
        return new National(months, all, england, byAuthority,
                monthly("use", "Use of the directory in England by month", USE, months, england),
                monthly("safeguards", "Break-glass overrides and misuse alerts in England by month", SAFEGUARDS, months, england),
                chart("views-chart", "Record views in England by month", Measure.VIEWS, months, england));
    }

    private void begin() {
        if (session != null) {
            session.begin();
        }
    }

    private static Figures empty() {
        return empty(MONTHS);
    }

    private static Figures empty(int months) {
        Map<Measure, long[]> m = new EnumMap<>(Measure.class);
        for (Measure measure : Measure.values()) {
            m.put(measure, new long[months]);
        }
        return new Figures(m);
    }

    private static Table monthly(String id, String caption, List<Measure> measures, List<YearMonth> months, Figures f) {
        List<String> headers = new ArrayList<>(List.of("Month"));
        measures.forEach(m -> headers.add(m.label()));
        List<List<String>> rows = new ArrayList<>();
        for (int i = months.size() - 1; i >= 0; i--) {
            List<String> row = new ArrayList<>();
            row.add(months.get(i).format(MONTH));
            for (Measure m : measures) {
                row.add(Long.toString(f.get(m, i)));
            }
            rows.add(row);
        }
        List<String> total = new ArrayList<>(List.of("12 months"));
        measures.forEach(m -> total.add(Long.toString(f.total(m))));
        rows.add(total);
        Set<Integer> numeric = new java.util.HashSet<>();
        for (int i = 1; i <= measures.size(); i++) {
            numeric.add(i);
        }
        return new Table(id, caption, headers, rows, numeric);
    }

    private static Chart chart(String id, String title, Measure measure, List<YearMonth> months, Figures f) {
        List<String> labels = months.stream().map(m -> m.format(DateTimeFormatter.ofPattern("MMM yy", Locale.UK))).toList();
        List<Long> values = new ArrayList<>();
        for (int i = 0; i < months.size(); i++) {
            values.add(f.get(measure, i));
        }
        long max = values.stream().mapToLong(Long::longValue).max().orElse(0);
        String description = measure.label() + " in each of the last 12 months, from " + months.get(0).format(MONTH) + " to "
                + months.get(months.size() - 1).format(MONTH) + ": " + f.total(measure) + " in all, at most " + max
                + " in one month. The table beside the chart gives each month's figure.";
        return new Chart(id, title, description, Chart.Kind.LINE, labels, values);
    }

    // ---- months kept once they can no longer change ----

    private static java.time.Instant start(YearMonth m) {
        return m.atDay(1).atStartOfDay(DataQuality.LONDON).toInstant();
    }

    /**
     * Whether a month's figures can no longer change: it ended more than 31 days ago, so every match notification of
     * it has had its 30 days to be followed (ADR 46).
     */
    boolean closed(YearMonth m) {
        return !clock.instant().isBefore(start(m.plusMonths(1)).plus(java.time.Duration.ofDays(31)));
    }

    /**
     * The figures of these months (oldest first) for one authority or all: the closed months kept in
     * {@code usage_month} read from there, every other month (open, or closed but not kept yet by the nightly job)
     * counted now from the audit log.
     */
    Map<String, Figures> figures(String la, List<YearMonth> months) {
        java.util.Set<YearMonth> kept = keptMonths(months);
        Map<String, Figures> out = new TreeMap<>();
        readKept(out, la, months, kept);
        int i = 0;
        while (i < months.size()) {
            if (kept.contains(months.get(i))) {
                i++;
                continue;
            }
            int from = i;
            while (i < months.size() && !kept.contains(months.get(i))) {
                i++;
            }
            Map<String, Figures> now = count(la, months.subList(from, i));
            now.forEach((authority, f) -> f.byMonth().forEach((m, v) -> {
                long[] to = out.computeIfAbsent(authority, k -> empty(months.size())).byMonth().get(m);
                for (int j = 0; j < v.length; j++) {
                    to[from + j] += v[j];
                }
            }));
        }
        return out;
    }

    private java.util.Set<YearMonth> keptMonths(List<YearMonth> months) {
        java.util.Set<YearMonth> kept = new java.util.HashSet<>();
        jdbc.sql("SELECT month_start FROM usage_month_done WHERE month_start >= :first AND month_start <= :last")
                .param("first", java.sql.Date.valueOf(months.get(0).atDay(1)))
                .param("last", java.sql.Date.valueOf(months.get(months.size() - 1).atDay(1)))
                .query((java.sql.ResultSet rs) -> {
                    YearMonth m = YearMonth.from(rs.getDate(1).toLocalDate());
                    if (closed(m)) {
                        kept.add(m);
                    }
                });
        return kept;
    }

    private final Object keeping = new Object();

    /**
     * Computes and stores, for every authority, the closed months of the last 12 not kept yet, one month at a time,
     * each in a transaction of its own (the nightly job; ADR 46). Returns how many months it kept.
     */
    public int keepClosedMonths() {
        int kept = 0;
        synchronized (keeping) {
            for (YearMonth m : months()) {
                if (!closed(m)) {
                    continue;
                }
                java.sql.Date first = java.sql.Date.valueOf(m.atDay(1));
                boolean done = jdbc.sql("SELECT COUNT(*) FROM usage_month_done WHERE month_start = :m").param("m", first)
                        .query(Long.class).single() > 0;
                if (done) {
                    continue;
                }
                Map<String, Figures> figures = keep.execute(t -> {
                    begin();
                    return count(null, List.of(m));
                });
                try {
                    keep.executeWithoutResult(t -> {
                        jdbc.sql("INSERT INTO usage_month_done (month_start, computed_at) VALUES (:m, :now)").param("m", first)
                                .param("now", Timestamp.from(clock.instant())).update();
                        figures.forEach((authority, f) -> f.byMonth().forEach((measure, v) -> {
                            if (v[0] != 0) {
                                jdbc.sql("""
                                                INSERT INTO usage_month (local_authority, month_start, measure, amount)
                                                VALUES (:la, :m, :measure, :amount)""")
                                        .param("la", authority).param("m", first).param("measure", measure.name())
                                        .param("amount", v[0]).update();
                            }
                        }));
                    });
                    kept++;
                } catch (org.springframework.dao.DuplicateKeyException e) {
                    // Another node stored this month at the same moment: its figures are the same.
                }
            }
        }
        return kept;
    }

    private void readKept(Map<String, Figures> out, String la, List<YearMonth> months, java.util.Set<YearMonth> kept) {
        if (kept.isEmpty()) {
            return;
        }
        JdbcClient.StatementSpec spec = jdbc.sql("SELECT local_authority, month_start, measure, amount FROM usage_month"
                        + " WHERE month_start >= :first AND month_start <= :last" + (la == null ? "" : " AND local_authority = :la"))
                .param("first", java.sql.Date.valueOf(months.get(0).atDay(1)))
                .param("last", java.sql.Date.valueOf(months.get(months.size() - 1).atDay(1)));
        if (la != null) {
            spec = spec.param("la", la);
        }
        spec.query((java.sql.ResultSet rs) -> {
            YearMonth month = YearMonth.from(rs.getDate(2).toLocalDate());
            int index = months.indexOf(month);
            Measure measure;
            try {
                measure = Measure.valueOf(rs.getString(3));
            } catch (IllegalArgumentException e) {
                return;
            }
            if (index >= 0 && kept.contains(month)) {
                out.computeIfAbsent(rs.getString(1), k -> empty(months.size())).byMonth().get(measure)[index] += rs.getLong(4);
            }
        });
    }

    // ---- counting ----

    /** The figures of these consecutive months for one authority ({@code la}) or every authority (null), counted now. */
    Map<String, Figures> count(String la, List<YearMonth> months) {
        int n = months.size();
        Map<String, Object> bounds = new LinkedHashMap<>();
        for (int i = 0; i <= months.size(); i++) {
            YearMonth m = i < months.size() ? months.get(i) : months.get(months.size() - 1).plusMonths(1);
            bounds.put("m" + i, Timestamp.from(start(m)));
        }
        Map<String, Figures> out = new TreeMap<>();
        // Searches, by the searcher's authority.
        add(out, Measure.SEARCHES, query(bounds, la, """
                SELECT COALESCE(u.local_authority, o.local_authority) AS la, %s AS m, 1 AS v
                FROM audit_event e LEFT JOIN app_user u ON u.username = e.actor
                LEFT JOIN organisation o ON o.id = u.organisation_id
                WHERE e.action = 'SEARCH' AND e.outcome <> 'REFUSED' AND %s""", "e.occurred_at",
                "COALESCE(u.local_authority, o.local_authority)"), 0, n);
        // Views, and of them those by a user neither involved themselves nor of an organisation involved.
        String views = """
                SELECT c.responsible_la AS la, %s AS m,
                       CASE WHEN EXISTS (SELECT 1 FROM involvement i WHERE i.child_id = c.id
                                         AND (i.recorded_by = u.id OR i.organisation_id = u.organisation_id))
                            THEN 0 ELSE 1 END AS v
                FROM audit_event e JOIN audit_event_child ec ON ec.event_id = e.id JOIN child c ON c.id = ec.child_id
                LEFT JOIN app_user u ON u.username = e.actor
                WHERE e.action = 'RECORD_VIEW' AND e.outcome <> 'REFUSED' AND %s""";
        List<Object[]> viewRows = query(bounds, la, views, "e.occurred_at", "c.responsible_la");
        add(out, Measure.VIEWS, viewRows, 0, n);
        add(out, Measure.VIEWS_WITHOUT_INVOLVEMENT, viewRows, 1, n);
        add(out, Measure.INVOLVEMENTS, query(bounds, la, """
                SELECT c.responsible_la AS la, %s AS m, 1 AS v
                FROM audit_event e JOIN audit_event_child ec ON ec.event_id = e.id JOIN child c ON c.id = ec.child_id
                WHERE e.action = 'RECORD_CHANGE' AND e.outcome = 'CHANGED' AND e.detail LIKE 'involvement recorded id=%%'
                  AND %s""", "e.occurred_at", "c.responsible_la"), 0, n);
        // Match notifications (a practitioner told that someone else recorded an involvement with a child they work
        // with), and of them those the practitioner followed within 30 days by opening the record or recording contact.
        List<Object[]> notices = query(bounds, la, """
                SELECT c.responsible_la AS la, %s AS m,
                       CASE WHEN EXISTS (SELECT 1 FROM audit_event f JOIN audit_event_child fc ON fc.event_id = f.id
                                         WHERE fc.child_id = ec.child_id AND f.actor = e.actor
                                           AND f.action IN ('RECORD_VIEW', 'RECORD_CHANGE', 'BROKERED_CONTACT')
                                           AND f.outcome <> 'REFUSED'
                                           AND f.occurred_at > e.occurred_at
                                           AND f.occurred_at <= e.occurred_at + INTERVAL '30' DAY)
                            THEN 1 ELSE 0 END AS v
                FROM audit_event e JOIN audit_event_child ec ON ec.event_id = e.id JOIN child c ON c.id = ec.child_id
                WHERE e.action = 'NOTIFICATION' AND e.detail LIKE 'notification: involvement recorded%%' AND %s""",
                "e.occurred_at", "c.responsible_la");
        add(out, Measure.MATCH_NOTIFICATIONS, notices, 0, n);
        add(out, Measure.FOLLOWED, notices, 1, n);
        // Break-glass overrides by their review's outcome.
        for (Object[] r : grouped(bounds, la, """
                SELECT local_authority AS la, %s AS m, COALESCE(outcome, 'OPEN') AS k FROM break_glass_review
                WHERE %s""", "overridden_at", "local_authority")) {
            Figures f = out.computeIfAbsent((String) r[0], k -> empty(n));
            int m = (int) r[1];
            long count = (long) r[3];
            f.byMonth().get(Measure.BREAK_GLASS)[m] += count;
            Measure outcome = switch ((String) r[2]) {
                case "JUSTIFIED" -> Measure.BREAK_GLASS_JUSTIFIED;
                case "NOT_JUSTIFIED" -> Measure.BREAK_GLASS_NOT_JUSTIFIED;
                default -> Measure.BREAK_GLASS_OPEN;
            };
            f.byMonth().get(outcome)[m] += count;
        }
        // Misuse alerts by their decision.
        for (Object[] r : grouped(bounds, la, """
                SELECT COALESCE(subject_la, '') AS la, %s AS m, status AS k FROM misuse_alert
                WHERE %s""", "created_at", "subject_la")) {
            Figures f = out.computeIfAbsent((String) r[0], k -> empty(n));
            int m = (int) r[1];
            long count = (long) r[3];
            f.byMonth().get(Measure.MISUSE_ALERTS)[m] += count;
            Measure decision = switch ((String) r[2]) {
                case "DISMISSED" -> Measure.MISUSE_DISMISSED;
                case "ESCALATED" -> Measure.MISUSE_ESCALATED;
                case "SUSPENDED" -> Measure.MISUSE_SUSPENDED;
                default -> Measure.MISUSE_OPEN;
            };
            f.byMonth().get(decision)[m] += count;
        }
        return out;
    }

    private static void add(Map<String, Figures> out, Measure measure, List<Object[]> rows, int valueColumn, int months) {
        for (Object[] r : rows) {
            long count = valueColumn == 0 ? (long) r[2] : (long) r[3];
            out.computeIfAbsent((String) r[0], k -> empty(months)).byMonth().get(measure)[(int) r[1]] += count;
        }
    }

    /** The month of a moment as an index 0-11: the CASE over the month boundaries :m1 to :m11. */
    private static String bucket(String column, int months) {
        if (months == 1) {
            return "0";
        }
        StringBuilder s = new StringBuilder("CASE");
        for (int i = 1; i < months; i++) {
            s.append(" WHEN ").append(column).append(" < :m").append(i).append(" THEN ").append(i - 1);
        }
        return s.append(" ELSE ").append(months - 1).append(" END").toString();
    }

    private static String window(String column, String la, String laColumn, int months) {
        return column + " >= :m0 AND " + column + " < :m" + months + (la == null ? "" : " AND " + laColumn + " = :la");
    }

    /**
     * Rows (la, month, count, sum of v) of an inner select of (la, m, v) per event, {@code %s} standing first for the
     * month bucket and then for the window and authority condition.
     */
    private List<Object[]> query(Map<String, Object> bounds, String la, String inner, String timeColumn, String laColumn) {
        String sql = "SELECT COALESCE(la, '') AS la, m, COUNT(*) AS n, SUM(v) AS s FROM ("
                + inner.formatted(bucket(timeColumn, bounds.size() - 1), window(timeColumn, la, laColumn, bounds.size() - 1))
                + ") x GROUP BY la, m";
        JdbcClient.StatementSpec spec = jdbc.sql(sql).params(bounds);
        if (la != null) {
            spec = spec.param("la", la);
        }
        return spec.query((rs, n) -> new Object[] {rs.getString(1), rs.getInt(2), rs.getLong(3), rs.getLong(4)}).list();
    }

    /** Rows (la, month, kind, count) of an inner select of (la, m, k). */
    private List<Object[]> grouped(Map<String, Object> bounds, String la, String inner, String timeColumn, String laColumn) {
        String sql = "SELECT la, m, k, COUNT(*) AS n FROM ("
                + inner.formatted(bucket(timeColumn, bounds.size() - 1), window(timeColumn, la, laColumn, bounds.size() - 1))
                + ") x GROUP BY la, m, k";
        JdbcClient.StatementSpec spec = jdbc.sql(sql).params(bounds);
        if (la != null) {
            spec = spec.param("la", la);
        }
        return spec.query((rs, n) -> new Object[] {rs.getString(1), rs.getInt(2), rs.getString(3), rs.getLong(4)}).list();
    }
}
