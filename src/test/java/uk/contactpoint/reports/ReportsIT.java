package uk.contactpoint.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import uk.contactpoint.TestFixtures;
import uk.contactpoint.access.Role;
import uk.contactpoint.access.Viewer;
import uk.contactpoint.directory.Address;
import uk.contactpoint.directory.ContactPointId;
import uk.contactpoint.directory.Directory;
import uk.contactpoint.directory.EducationStatus;
import uk.contactpoint.directory.Gender;
import uk.contactpoint.directory.LocalAuthorityCode;
import uk.contactpoint.directory.NewChild;
import uk.contactpoint.directory.OrganisationKind;
import uk.contactpoint.directory.PersonName;
import uk.contactpoint.directory.Postcode;
import uk.contactpoint.directory.Sector;
import uk.contactpoint.directory.ServiceType;
import uk.contactpoint.directory.Setting;
import uk.contactpoint.directory.Whereabouts;
import uk.contactpoint.ingest.SupplierRegister;
import uk.contactpoint.synthetic.DemoTruth;

/**
 * The reports computed on data whose truth is known: the demo generator's population (its children missing
 * education, electively home educated, at independent schools and gone from England) checked against the
 * generator's own children, month by month; and a handful of children of an authority the demo leaves empty, one
 * for each rule, with seeded conflicts, review rows, quarantine, rejects, an overdue supplier and inaccuracies.
 */
@SpringBootTest(properties = {"contactpoint.demo.enabled=true", "contactpoint.demo.children=3000",
        "contactpoint.demo.seed=2009"})
@ActiveProfiles("test")
class ReportsIT {

    static final ZoneId LONDON = ZoneId.of("Europe/London");
    static final List<String> DEMO = List.of("E08000035", "E09000007", "E10000008");
    static final String BIRMINGHAM = "E08000025";

    @DynamicPropertySource
    static void ownSchemaOnPostgresql(DynamicPropertyRegistry registry) {
        String url = System.getenv("TEST_DATABASE_URL");
        if (url != null && !url.isBlank()) {
            String schema = "reports_" + Long.toHexString(System.nanoTime());
            registry.add("spring.datasource.url", () -> url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema);
            registry.add("spring.flyway.default-schema", () -> schema);
            registry.add("spring.flyway.schemas", () -> schema);
        }
    }

    @Autowired
    MissingEducation missing;
    @Autowired
    DataQuality quality;
    @Autowired
    OverdueSupplierAlerts alerts;
    @Autowired
    SupplierRegister suppliers;
    @Autowired
    Directory directory;
    @Autowired
    TestFixtures fixtures;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    Clock clock;

    static Viewer national() {
        return new Viewer(3, "national", 0, "National team", "NATIONAL", Set.of(Role.NATIONAL_ADMIN), null, false,
                Set.of(), "127.0.0.1", "session");
    }

    static Viewer team(String la) {
        return new Viewer(4, "team-" + la, 0, "ContactPoint team", "LOCAL_AUTHORITY", Set.of(Role.LA_AUDITOR), la, false,
                Set.of(), "127.0.0.1", "session");
    }

    /** The generator's truth: whether a child is missing education on a day. */
    static boolean missingOn(NewChild c, LocalDate day) {
        if (!CompulsorySchoolAge.on(c.dateOfBirth(), day) || c.whereabouts().leftEngland()
                || c.dateOfDeath() != null && !c.dateOfDeath().isAfter(day)) {
            return false;
        }
        if (Set.of(EducationStatus.ELECTIVELY_HOME_EDUCATED, EducationStatus.INDEPENDENT_SCHOOL, EducationStatus.LEFT_ENGLAND)
                .contains(c.educationStatus())) {
            return false;
        }
        return c.settings().stream().noneMatch(s -> s.kind() == Setting.Kind.EDUCATION && !s.startDate().isAfter(day)
                && (s.endDate() == null || s.endDate().isAfter(day)));
    }

    static boolean current(NewChild c, Setting.Kind kind, LocalDate day) {
        return c.settings().stream().anyMatch(s -> s.kind() == kind && !s.startDate().isAfter(day)
                && (s.endDate() == null || s.endDate().isAfter(day)));
    }

    @Test
    void missingEducationIsExactlyTheGeneratorsChildrenOfSchoolAgeWithoutASettingInEveryAuthorityAndMonth() {
        LocalDate today = LocalDate.now(clock.withZone(LONDON));
        List<NewChild> truth = DemoTruth.children(DEMO.stream().map(LocalAuthorityCode::new).toList(), 3000, 2009,
                LocalDate.now(clock));
        assertThat(directory.count()).as("the demo population is in").isGreaterThanOrEqualTo(3000);
        List<LocalDate> days = MissingEducation.trendDays(today);
        // The exclusions are exercised: school-age children without a setting in each excluded group exist.
        for (EducationStatus excluded : List.of(EducationStatus.ELECTIVELY_HOME_EDUCATED, EducationStatus.INDEPENDENT_SCHOOL,
                EducationStatus.LEFT_ENGLAND)) {
            assertThat(truth.stream().filter(c -> c.educationStatus() == excluded && CompulsorySchoolAge.on(c.dateOfBirth(), today)
                    && c.settings().stream().noneMatch(s -> s.kind() == Setting.Kind.EDUCATION)).count())
                    .as("school-age children %s without a setting", excluded).isPositive();
        }

        MissingEducation.National all = missing.national(national());
        for (String la : DEMO) {
            List<NewChild> ofLa = truth.stream().filter(c -> c.responsibleLa().value().equals(la)).toList();
            List<Long> expectedTrend = days.stream().map(d -> ofLa.stream().filter(c -> missingOn(c, d)).count()).toList();
            Set<String> expectedIds = ofLa.stream().filter(c -> missingOn(c, today)).map(c -> c.contactPointId().value())
                    .collect(Collectors.toSet());
            assertThat(expectedIds).as("the generator's children missing education in %s", la).isNotEmpty();

            MissingEducation.Report report = missing.forAuthority(team(la), "ignored: a team sees its own");
            assertThat(report.localAuthority()).isEqualTo(la);
            assertThat(report.trend()).as("trend of %s", la).isEqualTo(expectedTrend);
            assertThat(report.children().stream().map(MissingEducation.Child::contactPointId).collect(Collectors.toSet()))
                    .as("children of %s", la).isEqualTo(expectedIds);
            assertThat(report.bySince().get(MissingEducation.Since.NEVER)).isEqualTo(expectedIds.size());
            assertThat(all.byAuthority().get(la)).isEqualTo((long) expectedIds.size());
            assertThat(report.childrenTable().rows()).hasSize(expectedIds.size());
        }
        // Data quality of the same children, against the same truth.
        for (String la : DEMO) {
            List<NewChild> inEngland = truth.stream().filter(c -> c.responsibleLa().value().equals(la)
                    && !c.whereabouts().leftEngland() && c.dateOfDeath() == null).toList();
            DataQuality.Figures f = quality.forAuthority(national(), la).figures();
            assertThat(f.children()).isEqualTo(inEngland.size());
            assertThat(f.noGpPractice()).isEqualTo(inEngland.stream().filter(c -> !current(c, Setting.Kind.PRIMARY_CARE, today)).count());
            assertThat(f.compulsorySchoolAge()).isEqualTo(inEngland.stream()
                    .filter(c -> CompulsorySchoolAge.on(c.dateOfBirth(), today)).count());
            long noSetting = inEngland.stream().filter(c -> CompulsorySchoolAge.on(c.dateOfBirth(), today)
                    && !current(c, Setting.Kind.EDUCATION, today)).count();
            assertThat(f.noEducationSetting()).isEqualTo(noSetting).isGreaterThan(all.byAuthority().get(la));
            assertThat(f.unconfirmedOverAYear()).as("everything was confirmed when it was seeded").isZero();
        }
        // Nothing in a list shows an address: the demo's shielded children among them read "restricted".
        for (String la : DEMO) {
            for (MissingEducation.Child c : missing.forAuthority(national(), la).children()) {
                assertThat(c.lastKnown()).doesNotMatch(".*\\d+ [A-Z][a-z]+ (Street|Road|Lane|Avenue).*");
            }
        }
        List<String> shieldedMissing = truth.stream().filter(c -> c.shielded() && missingOn(c, today))
                .map(c -> c.contactPointId().value()).toList();
        for (String la : DEMO) {
            missing.forAuthority(team(la), null).children().stream().filter(c -> shieldedMissing.contains(c.contactPointId()))
                    .forEach(c -> assertThat(List.of(c.lastKnown(), c.involved(), c.lastSetting())).containsOnly("restricted"));
        }
    }

    private long org(OrganisationKind kind, Sector sector, String name) {
        return fixtures.organisation(kind, sector, name);
    }

    private NewChild child(String family, LocalDate born, Whereabouts where, String postcode, LocalDate died,
                           EducationStatus status, boolean shielded, List<NewChild.NewSetting> settings,
                           List<NewChild.NewInvolvement> involvements, LocalDate asOf) {
        Address home = where.hasAddress() ? new Address("1 Report Street", null, "Birmingham", new Postcode(postcode)) : null;
        return new NewChild(ContactPointId.generate(ThreadLocalRandom.current()), new PersonName("Rory", null, family), List.of(),
                born, Gender.MALE, where, home, died, status, new LocalAuthorityCode(BIRMINGHAM), shielded, List.of(), settings,
                involvements, List.of(), "LA", asOf);
    }

    @Test
    void eachRuleCountsExactlyTheChildrenItShouldAndTheDataQualityFiguresAreTheSeededOnes() {
        LocalDate today = LocalDate.now(clock.withZone(LONDON));
        long school = org(OrganisationKind.EDUCATION_SETTING, Sector.EDUCATION, "Report Test Academy");
        long clinic = org(OrganisationKind.SERVICE, Sector.HEALTH, "Report Test Clinic");
        long social = org(OrganisationKind.SERVICE, Sector.SOCIAL_CARE, "Report Test Social Work");
        LocalDate ten = today.minusYears(10);
        LocalDate ended = today.minusMonths(3);
        LocalDate died = today.minusDays(10);
        NewChild.NewInvolvement socialWork = new NewChild.NewInvolvement(ServiceType.SOCIAL_CARE, social, "Sam Report", null,
                "Social worker", "0121 496 0000", "sam@example.org", today.minusYears(1), null, true, false);
        NewChild.NewInvolvement sexualHealth = new NewChild.NewInvolvement(ServiceType.SEXUAL_HEALTH, clinic, "Nurse Report", null,
                "Nurse", "0121 496 0001", "clinic@example.org", today.minusYears(1), null, false, false);
        Map<String, NewChild> kids = new java.util.LinkedHashMap<>();
        kids.put("never", child("Never", ten, Whereabouts.CURRENT_ADDRESS, "B1 1AA", null, EducationStatus.NOT_IN_EDUCATION, false,
                List.of(), List.of(socialWork), today.minusDays(400)));
        kids.put("left school", child("Leftschool", ten, Whereabouts.CURRENT_ADDRESS, "B2 1AA", null, EducationStatus.AT_SCHOOL, false,
                List.of(new NewChild.NewSetting(Setting.Kind.EDUCATION, school, today.minusYears(3), ended)), List.of(), today));
        kids.put("home educated", child("Homeed", ten, Whereabouts.CURRENT_ADDRESS, "B3 1AA", null,
                EducationStatus.ELECTIVELY_HOME_EDUCATED, false, List.of(), List.of(), today));
        kids.put("independent", child("Independent", ten, Whereabouts.CURRENT_ADDRESS, "B4 1AA", null,
                EducationStatus.INDEPENDENT_SCHOOL, false, List.of(), List.of(), today));
        kids.put("dead", child("Died", ten, Whereabouts.CURRENT_ADDRESS, "B5 1AA", died, EducationStatus.NOT_IN_EDUCATION, false,
                List.of(), List.of(), today));
        kids.put("abroad", child("Abroad", ten, Whereabouts.LEFT_ENGLAND_NOT_RETURNING, null, null, EducationStatus.UNKNOWN, false,
                List.of(), List.of(), today));
        kids.put("at school", child("Atschool", ten, Whereabouts.CURRENT_ADDRESS, "B6 1AA", null, EducationStatus.AT_SCHOOL, false,
                List.of(new NewChild.NewSetting(Setting.Kind.EDUCATION, school, today.minusYears(3), null)), List.of(), today));
        kids.put("too young", child("Young", today.minusYears(4), Whereabouts.CURRENT_ADDRESS, "B7 1AA", null, EducationStatus.UNKNOWN,
                false, List.of(), List.of(), today));
        kids.put("too old", child("Old", today.minusYears(17), Whereabouts.CURRENT_ADDRESS, "B8 1AA", null, EducationStatus.UNKNOWN,
                false, List.of(), List.of(), today));
        kids.put("shielded", child("Shielded", ten, Whereabouts.CURRENT_ADDRESS, "B9 1AA", null, EducationStatus.NOT_IN_EDUCATION, true,
                List.of(), List.of(socialWork), today));
        kids.put("sensitive", child("Sensitive", ten, Whereabouts.LAST_KNOWN_ADDRESS, "B10 1AA", null, EducationStatus.UNKNOWN, false,
                List.of(), List.of(sexualHealth), today));
        List<Long> ids = directory.add(List.copyOf(kids.values()));
        Map<String, Long> id = new HashMap<>();
        List<String> keys = new ArrayList<>(kids.keySet());
        for (int i = 0; i < keys.size(); i++) {
            id.put(keys.get(i), ids.get(i));
        }

        // Missing education, as Birmingham's team sees it.
        MissingEducation.Report report = missing.forAuthority(team(BIRMINGHAM), null);
        Map<Long, MissingEducation.Child> listed = report.children().stream()
                .collect(Collectors.toMap(MissingEducation.Child::id, c -> c));
        assertThat(listed.keySet()).containsExactlyInAnyOrder(id.get("never"), id.get("left school"), id.get("shielded"), id.get("sensitive"));
        assertThat(report.bySince()).containsEntry(MissingEducation.Since.NEVER, 3L)
                .containsEntry(MissingEducation.Since.ONE_TO_SIX_MONTHS, 1L).containsEntry(MissingEducation.Since.OVER_A_YEAR, 0L);
        List<Long> expectedTrend = MissingEducation.trendDays(today).stream()
                .map(d -> 3L + (d.isBefore(ended) ? 0 : 1) + (d.isBefore(died) ? 1 : 0)
                        // the child now 17 was of school age until the last Friday in June of the year it turned 16
                        + (CompulsorySchoolAge.on(today.minusYears(17), d) ? 1 : 0)
                        + (CompulsorySchoolAge.on(today.minusYears(4), d) ? 1 : 0)).toList();
        assertThat(report.trend()).isEqualTo(expectedTrend);
        MissingEducation.Child never = listed.get(id.get("never"));
        assertThat(never.lastKnown()).isEqualTo("B1");
        assertThat(never.involved()).isEqualTo(ServiceType.SOCIAL_CARE.label() + " (Report Test Social Work), lead professional");
        MissingEducation.Child left = listed.get(id.get("left school"));
        assertThat(left.lastSetting()).isEqualTo("Report Test Academy");
        assertThat(left.lastSettingEnded()).isEqualTo(ended);
        MissingEducation.Child shielded = listed.get(id.get("shielded"));
        assertThat(List.of(shielded.lastKnown(), shielded.lastSetting(), shielded.involved())).as("the team's own shielded child")
                .containsExactly("restricted", "None recorded", ServiceType.SOCIAL_CARE.label() + " (Report Test Social Work), lead professional");
        assertThat(listed.get(id.get("sensitive")).involved()).startsWith(ServiceType.SEXUAL_HEALTH.label());
        assertThat(listed.get(id.get("sensitive")).lastKnown()).isEqualTo("B10 (last known)");
        // A national administrator sees the same children, with less.
        Map<Long, MissingEducation.Child> nationally = missing.forAuthority(national(), BIRMINGHAM).children().stream()
                .collect(Collectors.toMap(MissingEducation.Child::id, c -> c));
        assertThat(nationally.keySet()).isEqualTo(listed.keySet());
        assertThat(List.of(nationally.get(id.get("shielded")).lastKnown(), nationally.get(id.get("shielded")).involved(),
                nationally.get(id.get("shielded")).lastSetting())).containsOnly("restricted");
        assertThat(nationally.get(id.get("sensitive")).involved()).isEqualTo("A sensitive service");
        assertThat(missing.national(national()).byAuthority()).containsEntry(BIRMINGHAM, 4L);
        // The list is audited with the children it showed.
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE detail = :d")
                .param("d", "report missing-education la=" + BIRMINGHAM + " children=4").query(Long.class).single()).isGreaterThanOrEqualTo(2);
        // Another team cannot ask for Birmingham: it gets its own.
        assertThat(missing.forAuthority(team("E08000035"), BIRMINGHAM).localAuthority()).isEqualTo("E08000035");
        Viewer practitioner = TestFixtures.practitioner(1, "HEALTH");
        assertThatThrownBy(() -> missing.forAuthority(practitioner, BIRMINGHAM)).isInstanceOf(ReportAccess.NotAllowed.class);
        assertThatThrownBy(() -> missing.national(team(BIRMINGHAM))).isInstanceOf(ReportAccess.NotAllowed.class);

        // Data quality: seeded conflicts, review rows, quarantine, rejects, an overdue supplier, inaccuracies.
        Instant now = clock.instant();
        String sha = Long.toHexString(ThreadLocalRandom.current().nextLong());
        jdbc.sql("INSERT INTO ingest_batch (source, file_name, sha256, status, started_at) VALUES ('LA', 'f.csv', :sha, 'COMPLETED', :at)")
                .param("sha", sha).param("at", Timestamp.from(now.minus(40, ChronoUnit.DAYS))).update();
        long oldBatch = jdbc.sql("SELECT id FROM ingest_batch WHERE sha256 = :sha").param("sha", sha).query(Long.class).single();
        jdbc.sql("INSERT INTO ingest_batch (source, file_name, sha256, status, started_at) VALUES ('LA', 'g.csv', :sha, 'COMPLETED', :at)")
                .param("sha", sha + "n").param("at", Timestamp.from(now)).update();
        long newBatch = jdbc.sql("SELECT id FROM ingest_batch WHERE sha256 = :sha").param("sha", sha + "n").query(Long.class).single();
        int row = 0;
        for (Object[] c : new Object[][] {{"never", "date_of_birth", "GRO", "OPEN"}, {"never", "family_name", "NHS_PDS", "OPEN"},
                {"left school", "date_of_birth", "GRO", "OPEN"}, {"left school", "gender", "GRO", "RESOLVED"}}) {
            jdbc.sql("""
                            INSERT INTO source_conflict (batch_id, row_no, child_id, field, source, row_value, status)
                            VALUES (:b, :r, :c, :f, :s, 'x', :st)""").param("b", oldBatch).param("r", ++row)
                    .param("c", id.get((String) c[0])).param("f", c[1]).param("s", c[2]).param("st", c[3]).update();
        }
        for (Object[] r : new Object[][] {{oldBatch, "OPEN"}, {newBatch, "OPEN"}, {newBatch, "LINKED"}}) {
            jdbc.sql("""
                            INSERT INTO ingest_review (batch_id, source, row_no, candidate_child_id, reason, status, payload)
                            VALUES (:b, 'LA', :r, :c, 'POSSIBLE_MATCH', :st, '{}')""").param("b", r[0]).param("r", ++row)
                    .param("c", id.get("never")).param("st", r[1]).update();
        }
        jdbc.sql("""
                        INSERT INTO ingest_quarantine (batch_id, source, row_no, local_authority, reason, status, payload)
                        VALUES (:b, 'LA', :r, :la, 'SHIELDED_CANDIDATE', 'OPEN', 'sealed')""").param("b", newBatch).param("r", ++row)
                .param("la", BIRMINGHAM).update();
        String supplierCode = "BHAM-" + Long.toString(ThreadLocalRandom.current().nextLong(1L << 30), 36).toUpperCase();
        suppliers.register(supplierCode, "Birmingham services", "la-services", SupplierRegister.Obligation.MUST,
                SupplierRegister.Frequency.WEEKLY, List.of(BIRMINGHAM), "tester", "test");
        suppliers.recordBatch(newBatch, supplierCode);
        jdbc.sql("INSERT INTO ingest_reject (batch_id, field, reason, rows_rejected) VALUES (:b, 'date_of_birth', 'not a date', 5)")
                .param("b", newBatch).update();
        jdbc.sql("INSERT INTO ingest_reject (batch_id, field, reason, rows_rejected) VALUES (:b, 'nhs_number', 'bad check digit', 2)")
                .param("b", newBatch).update();
        String lateCode = supplierCode + "-L";
        suppliers.register(lateCode, "Birmingham births", "births", SupplierRegister.Obligation.MUST,
                SupplierRegister.Frequency.DAILY, List.of(BIRMINGHAM), "tester", "test");
        jdbc.sql("UPDATE supplier_source SET registered_on = :d WHERE supplier_code = :c").param("d", today.minusDays(10))
                .param("c", lateCode).update();
        for (Object[] r : new Object[][] {{"OPEN", 5, null}, {"OPEN", 3, null}, {"RESOLVED", 10, 4}}) {
            jdbc.sql("""
                            INSERT INTO inaccuracy_report (child_id, local_authority, field, description, reported_by, reported_at,
                                status, resolved_at) VALUES (:c, :la, 'ADDRESS', 'Moved', 1, :at, :st, :res)""")
                    .param("c", id.get("never")).param("la", BIRMINGHAM).param("at", Timestamp.from(now.minus((Integer) r[1], ChronoUnit.DAYS)))
                    .param("st", r[0]).param("res", r[2] == null ? null : Timestamp.from(now.minus((Integer) r[2], ChronoUnit.DAYS)),
                            java.sql.Types.TIMESTAMP).update();
        }

        DataQuality.Report dq = quality.forAuthority(team(BIRMINGHAM), null);
        DataQuality.Figures f = dq.figures();
        // In England and alive: all but the dead child and the one abroad; none has a GP practice.
        assertThat(f.children()).isEqualTo(9);
        assertThat(f.noGpPractice()).isEqualTo(9);
        assertThat(f.compulsorySchoolAge()).isEqualTo(7);
        assertThat(f.noEducationSetting()).as("school age, no current setting, whatever the status").isEqualTo(6);
        assertThat(f.unconfirmedOverAYear()).isEqualTo(1);
        assertThat(f.openConflicts()).isEqualTo(3);
        assertThat(f.childrenWithConflicts()).isEqualTo(2);
        assertThat(dq.conflicts().rows()).containsExactly(List.of("date_of_birth", "GRO", "2", "2"), List.of("family_name", "NHS_PDS", "1", "1"));
        assertThat(f.reviewOpen()).isEqualTo(2);
        assertThat(f.reviewOldestDays()).isEqualTo(40);
        assertThat(dq.reviewWaiting()).containsEntry(DataQuality.Waiting.UNDER_A_WEEK, 1L)
                .containsEntry(DataQuality.Waiting.ONE_TO_THREE_MONTHS, 1L).containsEntry(DataQuality.Waiting.OVER_THREE_MONTHS, 0L);
        assertThat(f.quarantined()).isEqualTo(1);
        assertThat(dq.rejects().rows()).containsExactly(
                List.of("Birmingham services (" + supplierCode + ")", "LA", "date_of_birth", "not a date", "5", "1"),
                List.of("Birmingham services (" + supplierCode + ")", "LA", "nhs_number", "bad check digit", "2", "1"));
        assertThat(dq.overdue()).extracting(SupplierRegister.Overdue::supplierCode).containsExactly(lateCode);
        assertThat(f.inaccuraciesOpen()).isEqualTo(2);
        assertThat(f.inaccuraciesResolvedThisYear()).isEqualTo(1);
        assertThat(dq.inaccuracies().rows()).containsExactly(List.of("ADDRESS", "2", "5", "1", "6.0"));
        assertThat(quality.national(national()).byAuthority().get(BIRMINGHAM)).isEqualTo(f);
        // Other authorities see none of Birmingham's.
        assertThat(quality.forAuthority(team("E09000007"), null).rejects().rows()).isEmpty();

        // The overdue supplier is told to Birmingham's data managers, once for the period.
        String manager = fixtures.user(Set.of(Role.LA_DATA_MANAGER), org(OrganisationKind.LOCAL_AUTHORITY, Sector.LOCAL_AUTHORITY,
                "Birmingham ContactPoint Team"), false, BIRMINGHAM);
        long managerId = jdbc.sql("SELECT id FROM app_user WHERE username = :u").param("u", manager).query(Long.class).single();
        assertThat(alerts.alert(today)).isEqualTo(1);
        assertThat(alerts.alert(today)).as("once per overdue period").isZero();
        assertThat(notifications(managerId, 1)).isEqualTo(1);
        // A batch starts a new period; when that one lapses too, a new alert.
        jdbc.sql("INSERT INTO ingest_batch (source, file_name, sha256, status, started_at) VALUES ('GRO', 'b.csv', :sha, 'COMPLETED', :at)")
                .param("sha", sha + "b").param("at", Timestamp.from(now)).update();
        long births = jdbc.sql("SELECT id FROM ingest_batch WHERE sha256 = :sha").param("sha", sha + "b").query(Long.class).single();
        suppliers.recordBatch(births, lateCode);
        assertThat(alerts.alert(today)).isZero();
        assertThat(alerts.alert(today.plusDays(3))).isEqualTo(1);
        assertThat(notifications(managerId, 2)).isEqualTo(2);
    }

    private long notifications(long userId, long atLeast) {
        long until = System.nanoTime() + 10_000_000_000L;
        long n = 0;
        while (System.nanoTime() < until) {
            n = jdbc.sql("SELECT COUNT(*) FROM notification WHERE user_id = :u AND subject = 'A data supplier is overdue'")
                    .param("u", userId).query(Long.class).single();
            if (n >= atLeast) {
                return n;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return n;
            }
        }
        return n;
    }
}
