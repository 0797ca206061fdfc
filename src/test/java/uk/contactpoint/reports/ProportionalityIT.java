package uk.contactpoint.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

import uk.contactpoint.TestFixtures;
import uk.contactpoint.access.Role;
import uk.contactpoint.access.Viewer;
import uk.contactpoint.audit.AuditAction;
import uk.contactpoint.audit.AuditEvent;
import uk.contactpoint.audit.AuditLog;
import uk.contactpoint.audit.AuditOutcome;
import uk.contactpoint.directory.Directory;
import uk.contactpoint.directory.NewChild;
import uk.contactpoint.directory.OrganisationKind;
import uk.contactpoint.directory.Sector;
import uk.contactpoint.directory.ServiceType;
import uk.contactpoint.reports.Proportionality.Measure;

/**
 * Proportionality and use (ADR 46) on events whose truth is known: in two authorities no other test uses, searches,
 * views (by someone involved and by someone not), a refused view, an involvement recorded, match notifications one of
 * which is followed within 30 days and one only after, break-glass reviews and misuse alerts with each outcome, in the
 * previous and the current month, and events just outside the 12 months; every figure checked exactly, for the
 * authority's team, for a national administrator and in the CSV.
 */
@SpringBootTest
@ActiveProfiles("test")
class ProportionalityIT {

    static final ZoneId LONDON = ZoneId.of("Europe/London");
    static final String HARTLEPOOL = "E06000001";
    static final String MIDDLESBROUGH = "E06000002";

    @Autowired
    Proportionality proportionality;
    @Autowired
    AuditLog audit;
    @Autowired
    Directory directory;
    @Autowired
    TestFixtures fixtures;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    Clock clock;
    @Autowired
    org.springframework.transaction.PlatformTransactionManager transactions;

    private static Instant at(YearMonth month, int day, int hour) {
        return month.atDay(day).atTime(hour, 0).atZone(LONDON).toInstant();
    }

    private void event(Instant when, String actor, AuditAction action, long child, AuditOutcome outcome, String detail) {
        new org.springframework.transaction.support.TransactionTemplate(transactions).executeWithoutResult(t -> audit.record(new AuditEvent(when, actor, "Test organisation", "PRACTITIONER", null, "127.0.0.1", "session", action,
                child == 0 ? List.of() : List.of(child), action == AuditAction.RECORD_VIEW ? "checking who to contact" : null,
                outcome, detail)));
    }

    private long userId(String username) {
        return jdbc.sql("SELECT id FROM app_user WHERE username = :u").param("u", username).query(Long.class).single();
    }

    private long childOf(String la) {
        long id = fixtures.child(false).id();
        jdbc.sql("UPDATE child SET responsible_la = :la WHERE id = :id").param("la", la).param("id", id).update();
        return id;
    }

    private void breakGlass(long child, String la, String username, Instant when, String outcome) {
        jdbc.sql("""
                        INSERT INTO break_glass_review (child_id, local_authority, user_id, username, organisation_name,
                            overridden_at, reason, due_on, closed_by, closed_at, outcome)
                        VALUES (:child, :la, :user, :username, 'Test organisation', :at, 'Emergency: child missing', :due,
                            :closedBy, :closedAt, :outcome)""")
                .param("child", child).param("la", la).param("user", userId(username)).param("username", username)
                .param("at", Timestamp.from(when)).param("due", LocalDate.ofInstant(when, LONDON).plusDays(5))
                .param("closedBy", outcome == null ? null : "auditor").param("closedAt", outcome == null ? null : Timestamp.from(when))
                .param("outcome", outcome).update();
    }

    private void misuseAlert(String username, String la, Instant when, String status) {
        jdbc.sql("""
                        INSERT INTO misuse_alert (rule, subject_user, subject_la, created_at, window_start, summary, event_ids, status)
                        VALUES ('VOLUME', :user, :la, :at, :at, 'Test alert', '', :status)""")
                .param("user", username).param("la", la).param("at", Timestamp.from(when)).param("status", status).update();
    }

    static Viewer team(String la) {
        return new Viewer(4, "team-" + la, 0, "ContactPoint team", "LOCAL_AUTHORITY", Set.of(Role.LA_AUDITOR), la, false,
                Set.of(), "127.0.0.1", "session");
    }

    static Viewer national() {
        return new Viewer(3, "national", 0, "National team", "NATIONAL", Set.of(Role.NATIONAL_ADMIN), null, false,
                Set.of(), "127.0.0.1", "session");
    }

    @Test
    void everyFigureOfEachAuthorityAndMonthIsExactlyWhatHappened() {
        List<YearMonth> months = proportionality.months();
        assertThat(months).hasSize(12);
        YearMonth cur = months.get(11);
        YearMonth prev = months.get(10);
        assertThat(cur).isEqualTo(YearMonth.now(clock.withZone(LONDON)));

        long orgA = fixtures.organisation(OrganisationKind.SERVICE, Sector.HEALTH, "Hartlepool Health Visitors");
        long orgB = fixtures.organisation(OrganisationKind.SERVICE, Sector.SOCIAL_CARE, "Middlesbrough Youth Service");
        String pA = fixtures.user(Set.of(Role.PRACTITIONER), orgA, false, HARTLEPOOL);
        String pB = fixtures.user(Set.of(Role.PRACTITIONER), orgB, false, MIDDLESBROUGH);
        long kA = childOf(HARTLEPOOL);
        long kB = childOf(MIDDLESBROUGH);
        directory.recordInvolvement(kA, new NewChild.NewInvolvement(ServiceType.HEALTH_VISITING, orgA, "Hana Visitor", null,
                "Health visitor", "01429 000000", null, LocalDate.of(2024, 9, 1), null, false, false), userId(pA),
                LocalDate.now(clock), clock.instant());

        // Searches: pA twice last month and once this month (and once refused); pB once this month; pA 13 months ago
        // and next month (outside the 12 months).
        event(at(prev, 3, 10), pA, AuditAction.SEARCH, 0, AuditOutcome.DISCLOSED, "search");
        event(at(prev, 4, 10), pA, AuditAction.SEARCH, 0, AuditOutcome.NOTHING_DISCLOSED, "search");
        event(at(cur, 2, 10), pA, AuditAction.SEARCH, 0, AuditOutcome.DISCLOSED, "search");
        event(at(cur, 2, 11), pA, AuditAction.SEARCH, 0, AuditOutcome.REFUSED, "search");
        event(at(cur, 2, 10), pB, AuditAction.SEARCH, 0, AuditOutcome.DISCLOSED, "search");
        event(at(cur.minusMonths(12), 20, 10), pA, AuditAction.SEARCH, 0, AuditOutcome.DISCLOSED, "search");
        event(at(cur.plusMonths(1), 1, 10), pA, AuditAction.SEARCH, 0, AuditOutcome.DISCLOSED, "search");
        // Six months ago (a closed month, counted once and kept): one search and one view of kA by pB.
        YearMonth old = months.get(5);
        event(at(old, 10, 10), pA, AuditAction.SEARCH, 0, AuditOutcome.DISCLOSED, "search");
        event(at(old, 11, 10), pB, AuditAction.RECORD_VIEW, kA, AuditOutcome.DISCLOSED, "record view");
        // Closed months not kept yet are counted from the audit log: forget what other tests had the nightly job keep.
        jdbc.sql("DELETE FROM usage_month").update();
        jdbc.sql("DELETE FROM usage_month_done").update();
        // Views: pA (involved) opens kA last month; pB (not involved) opens kA this month and is refused once; pA (not
        // involved with kB) opens kB this month.
        event(at(prev, 5, 10), pA, AuditAction.RECORD_VIEW, kA, AuditOutcome.DISCLOSED, "record view");
        event(at(cur, 3, 10), pB, AuditAction.RECORD_VIEW, kA, AuditOutcome.DISCLOSED, "record view");
        event(at(cur, 3, 11), pB, AuditAction.RECORD_VIEW, kA, AuditOutcome.REFUSED, "record view");
        event(at(cur, 3, 12), pA, AuditAction.RECORD_VIEW, kB, AuditOutcome.DISCLOSED, "record view");
        // An involvement recorded with kA last month, and another change that is not one.
        event(at(prev, 5, 11), pA, AuditAction.RECORD_CHANGE, kA, AuditOutcome.CHANGED, "involvement recorded id=1 service=HEALTH_VISITING");
        event(at(prev, 5, 12), pA, AuditAction.RECORD_CHANGE, kA, AuditOutcome.CHANGED, "involvement ended id=1");
        // Match notifications: pB told about kA on the 6th of last month, and opened kA on the 3rd of this month
        // (at most 28 days later): followed. pA told about kB on the 1st of last month at 10:00; pA opened kB on the
        // 3rd of this month at 12:00, more than 30 days later: not followed. A notice of another kind is no match notice.
        event(at(prev, 6, 10), pB, AuditAction.NOTIFICATION, kA, AuditOutcome.DISCLOSED, "notification: involvement recorded id=1");
        event(at(prev, 1, 10), pA, AuditAction.NOTIFICATION, kB, AuditOutcome.DISCLOSED, "notification: involvement recorded id=2");
        event(at(prev, 7, 10), pA, AuditAction.NOTIFICATION, kB, AuditOutcome.DISCLOSED, "notification: death recorded");
        // Break-glass overrides reviewed by Hartlepool: two last month (justified, not justified), one open this month.
        breakGlass(kA, HARTLEPOOL, pB, at(prev, 8, 10), "JUSTIFIED");
        breakGlass(kA, HARTLEPOOL, pB, at(prev, 9, 10), "NOT_JUSTIFIED");
        breakGlass(kA, HARTLEPOOL, pB, at(cur, 1, 10), null);
        // Misuse alerts: about pA last month dismissed, this month one open and one that suspended; about pB escalated.
        misuseAlert(pA, HARTLEPOOL, at(prev, 10, 10), "DISMISSED");
        misuseAlert(pA, HARTLEPOOL, at(cur, 1, 11), "OPEN");
        misuseAlert(pA, HARTLEPOOL, at(cur, 1, 12), "SUSPENDED");
        misuseAlert(pB, MIDDLESBROUGH, at(cur, 1, 13), "ESCALATED");

        Map<Measure, long[]> a = expected(Map.ofEntries(
                Map.entry(Measure.SEARCHES, new long[] {2, 1}), Map.entry(Measure.VIEWS, new long[] {1, 1}),
                Map.entry(Measure.VIEWS_WITHOUT_INVOLVEMENT, new long[] {0, 1}), Map.entry(Measure.INVOLVEMENTS, new long[] {1, 0}),
                Map.entry(Measure.MATCH_NOTIFICATIONS, new long[] {1, 0}), Map.entry(Measure.FOLLOWED, new long[] {1, 0}),
                Map.entry(Measure.BREAK_GLASS, new long[] {2, 1}), Map.entry(Measure.BREAK_GLASS_JUSTIFIED, new long[] {1, 0}),
                Map.entry(Measure.BREAK_GLASS_NOT_JUSTIFIED, new long[] {1, 0}), Map.entry(Measure.BREAK_GLASS_OPEN, new long[] {0, 1}),
                Map.entry(Measure.MISUSE_ALERTS, new long[] {1, 2}), Map.entry(Measure.MISUSE_DISMISSED, new long[] {1, 0}),
                Map.entry(Measure.MISUSE_SUSPENDED, new long[] {0, 1}), Map.entry(Measure.MISUSE_OPEN, new long[] {0, 1})));
        // and six months ago, Hartlepool's search and the view of kA by pB (not involved)
        a.get(Measure.SEARCHES)[5] = 1;
        a.get(Measure.VIEWS)[5] = 1;
        a.get(Measure.VIEWS_WITHOUT_INVOLVEMENT)[5] = 1;
        Map<Measure, long[]> b = expected(Map.of(
                Measure.SEARCHES, new long[] {0, 1}, Measure.VIEWS, new long[] {0, 1},
                Measure.VIEWS_WITHOUT_INVOLVEMENT, new long[] {0, 1}, Measure.MATCH_NOTIFICATIONS, new long[] {1, 0},
                Measure.MISUSE_ALERTS, new long[] {0, 1}, Measure.MISUSE_ESCALATED, new long[] {0, 1}));

        Proportionality.Report ra = proportionality.forAuthority(team(HARTLEPOOL), MIDDLESBROUGH);
        assertThat(ra.localAuthority()).as("a team gets its own authority's whatever it asks").isEqualTo(HARTLEPOOL);
        assertFigures(ra.figures(), a, "Hartlepool");
        assertFigures(proportionality.forAuthority(team(MIDDLESBROUGH), null).figures(), b, "Middlesbrough");
        assertFigures(proportionality.forAuthority(national(), HARTLEPOOL).figures(), a, "Hartlepool (national)");

        // The tables: one row per month, newest first, then the 12-month total; and the CSV holds the same.
        List<String> thisMonth = ra.use().rows().get(0);
        assertThat(thisMonth).containsExactly(cur.format(java.time.format.DateTimeFormatter.ofPattern("MMM yyyy", java.util.Locale.UK)),
                "1", "1", "1", "0", "0", "0");
        assertThat(ra.use().rows().get(12)).containsExactly("12 months", "4", "3", "2", "1", "1", "1");
        assertThat(ra.safeguards().rows().get(12)).containsExactly("12 months", "3", "1", "1", "1", "3", "1", "0", "1", "1");
        assertThat(ra.use().csv()).contains("12 months,4,3,2,1,1,1");
        assertThat(ra.viewsChart().svg()).contains("role=\"img\"").contains("3 in all");
        // The nightly job keeps the closed months; a kept month stays as computed: an event written into it afterwards
        // (which the service never does: events carry the time they are written) does not change it, while this
        // month's figures are live.
        assertThat(proportionality.closed(old)).isTrue();
        assertThat(proportionality.closed(cur)).isFalse();
        assertThat(proportionality.keepClosedMonths()).isBetween(9, 10);
        assertThat(proportionality.keepClosedMonths()).isZero();
        event(at(old, 12, 10), pA, AuditAction.SEARCH, 0, AuditOutcome.DISCLOSED, "search");
        event(at(cur, 2, 12), pA, AuditAction.SEARCH, 0, AuditOutcome.DISCLOSED, "search");
        long[] searches = proportionality.forAuthority(team(HARTLEPOOL), null).figures().byMonth().get(Measure.SEARCHES);
        assertThat(searches[5]).isEqualTo(1);
        assertThat(searches[11]).isEqualTo(2);
        a.get(Measure.SEARCHES)[11] = 2;

        Proportionality.National all = proportionality.national(national());
        assertFigures(all.byAuthority().get(HARTLEPOOL), a, "Hartlepool in the national view");
        assertFigures(all.byAuthority().get(MIDDLESBROUGH), b, "Middlesbrough in the national view");
        assertThat(all.authorities().rows()).anySatisfy(r -> assertThat(r).containsExactly("Hartlepool", "5", "3", "2", "1", "1", "1", "3", "1", "3", "1"));
        assertThat(all.authorities().rows()).anySatisfy(r -> assertThat(r).containsExactly("Middlesbrough", "1", "1", "1", "0", "1", "0", "0", "0", "1", "0"));
        // England is the sum of the authorities (and of the users of none).
        for (Measure m : Measure.values()) {
            for (int i = 0; i < 12; i++) {
                final int month = i;
                assertThat(all.england().get(m, i)).as("%s month %d", m, i)
                        .isEqualTo(all.byAuthority().values().stream().mapToLong(f -> f.get(m, month)).sum());
            }
        }
        assertThatThrownBy(() -> proportionality.national(team(HARTLEPOOL))).isInstanceOf(ReportAccess.NotAllowed.class);
    }

    private static Map<Measure, long[]> expected(Map<Measure, long[]> lastTwo) {
        Map<Measure, long[]> out = new EnumMap<>(Measure.class);
        for (Measure m : Measure.values()) {
            long[] v = new long[12];
            long[] given = lastTwo.get(m);
            if (given != null) {
                v[10] = given[0];
                v[11] = given[1];
            }
            out.put(m, v);
        }
        return out;
    }

    private static void assertFigures(Proportionality.Figures actual, Map<Measure, long[]> expected, String who) {
        assertThat(actual).as(who).isNotNull();
        for (Measure m : Measure.values()) {
            if (expected.get(m) == null) {
                continue;
            }
            assertThat(actual.byMonth().get(m)).as("%s %s by month", who, m).containsExactly(expected.get(m));
        }
    }
}
