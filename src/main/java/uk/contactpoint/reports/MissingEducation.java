package uk.contactpoint.reports;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
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
import uk.contactpoint.audit.AuditAction;
import uk.contactpoint.audit.AuditLog;
import uk.contactpoint.audit.AuditOutcome;
import uk.contactpoint.directory.Address;
import uk.contactpoint.directory.LocalAuthorities;
import uk.contactpoint.directory.LocalAuthority;
import uk.contactpoint.directory.Postcode;
import uk.contactpoint.directory.ServiceType;
import uk.contactpoint.directory.Whereabouts;
import uk.contactpoint.safeguards.ListDisclosure;

/**
 * Children missing education (DOMAIN.md section 10, ADR 40): live children of compulsory school age with no current
 * education setting, leaving out those electively home educated, at an independent school, dead, or known to have
 * left England (by their education status or their whereabouts). Per authority, with how long since their last
 * setting, where they were last known (as a list may show it) and who works with them; and the trend over the last
 * twelve month ends, worked out from the settings' start and end dates.
 */
@Service
public class MissingEducation {

    static final ZoneId LONDON = ZoneId.of("Europe/London");
    /** Month ends before today the trend goes back over. */
    public static final int TREND_MONTHS = 12;
    private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("MMM yyyy", Locale.UK);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.UK);
    private static final int IN_CHUNK = 1000;

    /** How long since a child's last education setting ended, the report's bands. */
    public enum Since {
        NEVER("No setting ever recorded"), UNDER_A_MONTH("Under a month"), ONE_TO_SIX_MONTHS("1 to 6 months"),
        SIX_TO_TWELVE_MONTHS("6 to 12 months"), OVER_A_YEAR("Over a year");

        private final String label;

        Since(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }

        static Since of(LocalDate ended, LocalDate today) {
            if (ended == null) {
                return NEVER;
            }
            if (!ended.plusMonths(1).isBefore(today)) {
                return UNDER_A_MONTH;
            }
            if (!ended.plusMonths(6).isBefore(today)) {
                return ONE_TO_SIX_MONTHS;
            }
            return !ended.plusMonths(12).isBefore(today) ? SIX_TO_TWELVE_MONTHS : OVER_A_YEAR;
        }
    }

    /**
     * One child missing education as the report lists it: never an address; a shielded child's last known place
     * and services read "restricted".
     */
    public record Child(long id, String contactPointId, String name, LocalDate dateOfBirth, String lastKnown,
                        String lastSetting, LocalDate lastSettingEnded, Since since, String involved) {

        @Override
        public String toString() {
            return "Child[id=" + id + "]";
        }
    }

    /** The report for one authority. */
    public record Report(String localAuthority, String localAuthorityName, LocalDate asOf,
                         CompulsorySchoolAge.BirthDates ages, List<Child> children, Map<Since, Long> bySince,
                         Table childrenTable, Table sinceTable, Chart sinceChart, Table trendTable, Chart trendChart,
                         List<Long> trend) {

        public long missing() {
            return children.size();
        }
    }

    /** Every authority's count today and the trend across England. */
    public record National(LocalDate asOf, long missing, Map<String, Long> byAuthority, Table authoritiesTable,
                           Table trendTable, Chart trendChart, List<Long> trend) {
    }

    private final JdbcClient jdbc;
    private final LocalAuthorities authorities;
    private final ListDisclosure lists;
    private final AuditLog audit;
    private final Clock clock;
    private ReportSession session;

    MissingEducation(JdbcClient jdbc, LocalAuthorities authorities, ListDisclosure lists, AuditLog audit, Clock clock) {
        this.jdbc = jdbc;
        this.authorities = authorities;
        this.lists = lists;
        this.audit = audit;
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

    /** The points of the trend: the last day of each of the twelve months before this one, then today. */
    public static List<LocalDate> trendDays(LocalDate today) {
        List<LocalDate> days = new ArrayList<>();
        for (int i = TREND_MONTHS; i >= 1; i--) {
            LocalDate month = today.minusMonths(i);
            days.add(month.withDayOfMonth(month.lengthOfMonth()));
        }
        days.add(today);
        return days;
    }

    /**
     * The report for the authority the viewer may see ({@link ReportAccess#authority}); the list of children is
     * audited as a list of children shown to the viewer.
     */
    @Transactional
    public Report forAuthority(Viewer viewer, String requested) {
        return build(viewer, requested, AuditAction.LIST);
    }

    /** As {@link #forAuthority}, for a CSV download: audited as an export of the children listed. */
    @Transactional
    public Report export(Viewer viewer, String requested) {
        return build(viewer, requested, AuditAction.EXPORT);
    }

    private Report build(Viewer viewer, String requested, AuditAction action) {
        String la = authority(viewer, requested);
        begin();
        LocalDate today = today();
        List<LocalDate> days = trendDays(today);
        Scan scan = scan(la, days);
        List<Long> ids = scan.current.getOrDefault(la, List.of());
        List<Child> children = details(viewer, ids, today);
        audit.record(viewer, action, ids, null, ids.isEmpty() ? AuditOutcome.NOTHING_DISCLOSED : AuditOutcome.DISCLOSED,
                "report missing-education la=" + la + " children=" + ids.size());
        Map<Since, Long> bySince = new LinkedHashMap<>();
        for (Since s : Since.values()) {
            bySince.put(s, 0L);
        }
        children.forEach(c -> bySince.merge(c.since(), 1L, Long::sum));
        List<Long> trend = toList(scan.monthly.getOrDefault(la, new long[days.size()]));
        String name = authorities.find(new uk.contactpoint.directory.LocalAuthorityCode(la)).map(LocalAuthority::name).orElse(la);
        return new Report(la, name, today, CompulsorySchoolAge.birthDates(today), children, bySince, childrenTable(children),
                sinceTable(bySince), sinceChart(bySince, name), trendTable(days, trend), trendChart(days, trend, name), trend);
    }

    /** Every authority's count and the national trend, for national administrators; counts only, no child listed. */
    @Transactional
    public National national(Viewer viewer) {
        ReportAccess.requireNational(viewer);
        begin();
        LocalDate today = today();
        List<LocalDate> days = trendDays(today);
        Scan scan = scan(null, days);
        long[] total = new long[days.size()];
        Map<String, Long> byAuthority = new TreeMap<>();
        scan.monthly.forEach((la, counts) -> {
            for (int i = 0; i < counts.length; i++) {
                total[i] += counts[i];
            }
            byAuthority.put(la, counts[counts.length - 1]);
        });
        List<List<String>> rows = new ArrayList<>();
        for (LocalAuthority la : authorities.all()) {
            long n = byAuthority.getOrDefault(la.code().value(), 0L);
            long before = scan.monthly.containsKey(la.code().value()) ? scan.monthly.get(la.code().value())[days.size() - 2] : 0;
            if (n > 0 || before > 0) {
                rows.add(List.of(la.name(), la.code().value(), Long.toString(n), Long.toString(before)));
            }
        }
        rows.sort(Comparator.comparing((List<String> r) -> -Long.parseLong(r.get(2))).thenComparing(r -> r.get(0)));
        List<Long> trend = toList(total);
        Table table = new Table("authorities", "Children missing education by local authority",
                List.of("Local authority", "GSS code", "Today", "End of last month"), rows, Set.of(2, 3));
        return new National(today, total[total.length - 1], byAuthority, table, trendTable(days, trend),
                trendChart(days, trend, "England"), trend);
    }

    String authority(Viewer viewer, String requested) {
        String la;
        try {
            la = ReportAccess.authority(viewer, requested);
            return authorities.resolve(la).code().value();
        } catch (RuntimeException e) {
            if (e instanceof ReportAccess.NotAllowed n) {
                throw n;
            }
            throw new ReportAccess.NotAllowed("No local authority has the code " + requested);
        }
    }

    // ---------------------------------------------------------------------------------------------------------

    private record Scan(Map<String, long[]> monthly, Map<String, List<Long>> current) {
    }

    /**
     * One pass over the children who could be counted on any day of the trend (their dates of birth span all the
     * days' ranges), with their education settings: each child is counted on each day it was of compulsory school
     * age, alive, and without a setting that had started and not ended.
     */
    private Scan scan(String la, List<LocalDate> days) {
        List<CompulsorySchoolAge.BirthDates> ranges = days.stream().map(CompulsorySchoolAge::birthDates).toList();
        LocalDate from = ranges.stream().map(CompulsorySchoolAge.BirthDates::earliest).min(LocalDate::compareTo).orElseThrow();
        LocalDate to = ranges.stream().map(CompulsorySchoolAge.BirthDates::latest).max(LocalDate::compareTo).orElseThrow();
        Map<String, long[]> monthly = new HashMap<>();
        Map<String, List<Long>> current = new HashMap<>();
        var query = jdbc.sql("""
                SELECT c.id, c.responsible_la, c.date_of_birth, c.date_of_death, s.start_date, s.end_date
                FROM child c LEFT JOIN child_setting s ON s.child_id = c.id AND s.kind = 'EDUCATION'
                WHERE c.status = 'LIVE' AND c.date_of_birth BETWEEN :from AND :to"""
                + (la == null ? "" : " AND c.responsible_la = :la") + """

                  AND c.education_status NOT IN ('ELECTIVELY_HOME_EDUCATED', 'INDEPENDENT_SCHOOL', 'LEFT_ENGLAND')
                  AND c.whereabouts NOT IN ('LEFT_ENGLAND_INTENDS_TO_RETURN', 'LEFT_ENGLAND_NOT_RETURNING',
                                            'LEFT_ENGLAND_INTENTION_UNKNOWN')
                ORDER BY c.id""").param("from", from).param("to", to);
        if (la != null) {
            query = query.param("la", la);
        }
        int n = days.size();
        boolean[] covered = new boolean[n];
        long[] state = {-1};
        String[] childLa = {null};
        LocalDate[] born = {null};
        LocalDate[] died = {null};
        Runnable close = () -> {
            if (state[0] < 0) {
                return;
            }
            long[] counts = null;
            for (int i = 0; i < n; i++) {
                LocalDate day = days.get(i);
                if (!covered[i] && ranges.get(i).contains(born[0]) && (died[0] == null || died[0].isAfter(day))) {
                    if (counts == null) {
                        counts = monthly.computeIfAbsent(childLa[0], k -> new long[n]);
                    }
                    counts[i]++;
                    if (i == n - 1) {
                        current.computeIfAbsent(childLa[0], k -> new ArrayList<>()).add(state[0]);
                    }
                }
            }
        };
        query.query(rs -> {
            long id = rs.getLong(1);
            if (id != state[0]) {
                close.run();
                state[0] = id;
                childLa[0] = rs.getString(2);
                born[0] = rs.getObject(3, LocalDate.class);
                died[0] = rs.getObject(4, LocalDate.class);
                java.util.Arrays.fill(covered, false);
            }
            LocalDate start = rs.getObject(5, LocalDate.class);
            if (start != null) {
                LocalDate end = rs.getObject(6, LocalDate.class);
                for (int i = 0; i < n; i++) {
                    LocalDate day = days.get(i);
                    if (!start.isAfter(day) && (end == null || end.isAfter(day))) {
                        covered[i] = true;
                    }
                }
            }
        });
        close.run();
        return new Scan(monthly, current);
    }

    private record Detail(long id, String contactPointId, String name, LocalDate dob, String la, boolean shielded,
                          Whereabouts whereabouts, Address address) {
    }

    private List<Child> details(Viewer viewer, List<Long> ids, LocalDate today) {
        Map<Long, Detail> details = new LinkedHashMap<>();
        Map<Long, LocalDate> lastEnded = new HashMap<>();
        Map<Long, String> lastSetting = new HashMap<>();
        Map<Long, List<String>> involved = new HashMap<>();
        for (int from = 0; from < ids.size(); from += IN_CHUNK) {
            List<Long> chunk = ids.subList(from, Math.min(ids.size(), from + IN_CHUNK));
            jdbc.sql("""
                            SELECT id, contactpoint_id, given_name, family_name, date_of_birth, responsible_la, shielded,
                                   whereabouts, address_line1, address_line2, town, postcode
                            FROM child WHERE id IN (:ids)""").param("ids", chunk).query(rs -> {
                Whereabouts w = Whereabouts.valueOf(rs.getString("whereabouts"));
                details.put(rs.getLong("id"), new Detail(rs.getLong("id"), rs.getString("contactpoint_id"),
                        rs.getString("given_name") + " " + rs.getString("family_name"), rs.getObject("date_of_birth", LocalDate.class),
                        rs.getString("responsible_la"), rs.getBoolean("shielded"), w,
                        address(rs.getString("address_line1"), rs.getString("address_line2"), rs.getString("town"),
                                rs.getString("postcode"))));
            });
            jdbc.sql("""
                            SELECT s.child_id, s.end_date, o.name FROM child_setting s JOIN organisation o ON o.id = s.organisation_id
                            WHERE s.kind = 'EDUCATION' AND s.child_id IN (:ids) AND s.end_date IS NOT NULL AND s.end_date <= :today""")
                    .param("ids", chunk).param("today", today).query(rs -> {
                        long child = rs.getLong(1);
                        LocalDate end = rs.getObject(2, LocalDate.class);
                        if (!lastEnded.containsKey(child) || end.isAfter(lastEnded.get(child))) {
                            lastEnded.put(child, end);
                            lastSetting.put(child, rs.getString(3));
                        }
                    });
            jdbc.sql("""
                            SELECT i.child_id, i.service_type, o.name, i.lead_professional, i.sensitive
                            FROM involvement i JOIN organisation o ON o.id = i.organisation_id
                            WHERE i.child_id IN (:ids) AND (i.end_date IS NULL OR i.end_date > :today)
                            ORDER BY i.child_id, i.lead_professional DESC, i.id""")
                    .param("ids", chunk).param("today", today).query(rs -> {
                        long child = rs.getLong(1);
                        Detail d = details.get(child);
                        if (d == null || !ListDisclosure.showsServices(viewer, d.la(), d.shielded())) {
                            return;
                        }
                        String entry;
                        if (rs.getBoolean(5) && !ListDisclosure.showsSensitiveDetail(viewer, d.la())) {
                            entry = ListDisclosure.SENSITIVE;
                        } else {
                            entry = serviceLabel(rs.getString(2)) + " (" + rs.getString(3) + ")"
                                    + (rs.getBoolean(4) ? ", lead professional" : "");
                        }
                        List<String> list = involved.computeIfAbsent(child, k -> new ArrayList<>());
                        if (!list.contains(entry)) {
                            list.add(entry);
                        }
                    });
        }
        Map<Long, String> lastKnown = lists.lastKnown(viewer, details.values().stream()
                .map(d -> new ListDisclosure.Listed(d.id(), d.la(), d.shielded(), d.whereabouts(), d.address())).toList());
        List<Child> out = new ArrayList<>();
        for (Detail d : details.values()) {
            boolean services = ListDisclosure.showsServices(viewer, d.la(), d.shielded());
            String setting = !services ? ListDisclosure.RESTRICTED : lastSetting.getOrDefault(d.id(), "None recorded");
            String who = !services ? ListDisclosure.RESTRICTED
                    : involved.containsKey(d.id()) ? String.join("; ", involved.get(d.id())) : "Nobody recorded";
            LocalDate ended = lastEnded.get(d.id());
            out.add(new Child(d.id(), d.contactPointId(), d.name(), d.dob(), lastKnown.get(d.id()), setting,
                    services ? ended : null, Since.of(ended, today), who));
        }
        out.sort(Comparator.comparing((Child c) -> -c.since().ordinal())
                .thenComparing(c -> c.lastSettingEnded() == null ? LocalDate.MAX : c.lastSettingEnded())
                .thenComparing(Child::contactPointId));
        return out;
    }

    private static String serviceLabel(String type) {
        try {
            return ServiceType.valueOf(type).label();
        } catch (IllegalArgumentException e) {
            return type;
        }
    }

    private static Address address(String line1, String line2, String town, String postcode) {
        if (line1 == null && postcode == null) {
            return null;
        }
        Postcode pc = null;
        if (postcode != null) {
            try {
                pc = new Postcode(postcode);
            } catch (RuntimeException e) {
                pc = null;
            }
        }
        return new Address(line1, line2, town, pc);
    }

    private static List<Long> toList(long[] counts) {
        List<Long> out = new ArrayList<>(counts.length);
        for (long c : counts) {
            out.add(c);
        }
        return out;
    }

    static String dayLabel(LocalDate day, LocalDate today) {
        return day.equals(today) ? "Today" : day.format(MONTH);
    }

    private static Table childrenTable(List<Child> children) {
        List<List<String>> rows = new ArrayList<>();
        for (Child c : children) {
            rows.add(List.of(c.contactPointId(), c.name(), c.dateOfBirth().toString(), c.lastKnown(), c.lastSetting(),
                    c.lastSettingEnded() == null ? "" : c.lastSettingEnded().toString(), c.since().label(), c.involved()));
        }
        return new Table("children", "Children missing education", List.of("ContactPoint ID", "Name", "Date of birth",
                "Last known", "Last education setting", "Setting ended", "Since last setting", "Who is involved"), rows, Set.of());
    }

    private static Table sinceTable(Map<Since, Long> bySince) {
        List<List<String>> rows = new ArrayList<>();
        bySince.forEach((s, n) -> rows.add(List.of(s.label(), Long.toString(n))));
        return new Table("since", "How long since their last education setting", List.of("Since last setting", "Children"),
                rows, Set.of(1));
    }

    private static Chart sinceChart(Map<Since, Long> bySince, String where) {
        List<String> labels = bySince.keySet().stream().map(Since::label).toList();
        List<Long> values = List.copyOf(bySince.values());
        StringBuilder d = new StringBuilder("Bar chart of children missing education in " + where + " by how long since their last setting: ");
        for (int i = 0; i < labels.size(); i++) {
            d.append(i == 0 ? "" : ", ").append(labels.get(i).toLowerCase(Locale.UK)).append(' ').append(values.get(i));
        }
        return new Chart("since-chart", "How long since their last education setting", d.append('.').toString(),
                Chart.Kind.BAR, labels, values);
    }

    private static Table trendTable(List<LocalDate> days, List<Long> trend) {
        List<List<String>> rows = new ArrayList<>();
        LocalDate today = days.get(days.size() - 1);
        for (int i = 0; i < days.size(); i++) {
            rows.add(List.of(days.get(i).equals(today) ? "Today (" + today.format(DAY) + ")" : days.get(i).format(DAY),
                    Long.toString(trend.get(i))));
        }
        return new Table("trend", "Children missing education at the end of each month", List.of("Day", "Children"), rows, Set.of(1));
    }

    private static Chart trendChart(List<LocalDate> days, List<Long> trend, String where) {
        LocalDate today = days.get(days.size() - 1);
        List<String> labels = days.stream().map(d -> dayLabel(d, today)).toList();
        long first = trend.get(0);
        long last = trend.get(trend.size() - 1);
        long max = trend.stream().mapToLong(Long::longValue).max().orElse(0);
        String description = "Line chart of children missing education in " + where + " at the end of each of the last "
                + TREND_MONTHS + " months and today: " + first + " at the end of " + days.get(0).format(MONTH) + ", " + last
                + " today, at most " + max + ".";
        return new Chart("trend-chart", "Children missing education over the last year", description, Chart.Kind.LINE,
                labels, trend);
    }
}
