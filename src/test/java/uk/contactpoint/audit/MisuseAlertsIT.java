package uk.contactpoint.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.transaction.support.TransactionTemplate;

import uk.contactpoint.TestFixtures;
import uk.contactpoint.access.Role;
import uk.contactpoint.access.UserAdministration;
import uk.contactpoint.access.Viewer;
import uk.contactpoint.audit.internal.MisuseMonitor;
import uk.contactpoint.directory.OrganisationKind;
import uk.contactpoint.directory.Sector;

/**
 * Each misuse rule on a seeded scenario (and a look-alike that must not raise it), the LA auditors' queue,
 * self-review prevention and suspension from an alert. Scenarios sit on separate far-future days so that
 * their windows never overlap.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class MisuseAlertsIT {

    @Autowired
    AuditLog log;
    @Autowired
    MisuseMonitor monitor;
    @Autowired
    MisuseAlerts alerts;
    @Autowired
    TestFixtures fixtures;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    TransactionTemplate tx;

    private String user() {
        return fixtures.user(Set.of(Role.PRACTITIONER), fixtures.organisation(OrganisationKind.SERVICE, Sector.HEALTH, "Misuse Test"), false);
    }

    private void event(String actor, Instant at, AuditAction action, long child, String detail, String role, String address) {
        tx.executeWithoutResult(s -> log.record(new AuditEvent(at, actor, "Org", role, null, address, "s", action,
                child == 0 ? List.of() : List.of(child), "reason", AuditOutcome.DISCLOSED, detail)));
    }

    /** A search as it is audited now: which fields in the detail, the values sealed apart. */
    private void search(String actor, Instant at, String values) {
        tx.executeWithoutResult(s -> log.record(new AuditEvent(at, actor, "Org", "ROLE_PRACTITIONER", null, "192.0.2.1", "s",
                AuditAction.SEARCH, List.of(), null, AuditOutcome.DISCLOSED, "search: fields=family,dob results=1"), values));
    }

    private void view(String actor, Instant at, long child, String detail) {
        event(actor, at, AuditAction.RECORD_VIEW, child, detail, "ROLE_PRACTITIONER", "192.0.2.1");
    }

    private List<String> rulesAbout(String user) {
        return jdbc.sql("SELECT rule FROM misuse_alert WHERE subject_user = :u ORDER BY id").param("u", user).query(String.class).list();
    }

    @Test
    void shouldRaiseVolumeWhenAUserFarExceedsTheirNormAndNotForAnOrdinaryDay() {
        Instant hour = Instant.parse("2031-05-05T10:00:00Z");
        String heavy = user();
        String ordinary = user();
        for (int i = 0; i < 40; i++) {
            view(heavy, hour.plusSeconds(60L * i + 1), 1000 + i % 5, "relationship=involved;shielded=false");
        }
        for (int i = 0; i < 10; i++) {
            view(ordinary, hour.plusSeconds(300L * i + 1), 2000, "relationship=involved;shielded=false");
        }
        monitor.scan(hour.plus(Duration.ofMinutes(59)));
        monitor.scan(hour.plus(Duration.ofMinutes(59)));
        assertThat(rulesAbout(heavy)).containsExactly("VOLUME");
        assertThat(rulesAbout(ordinary)).isEmpty();
    }

    @Test
    void shouldCountSearchesMadeOnAUsersBehalfByPhoneButNotACaseManagementSystemsTowardsTheirVolume() {
        Instant hour = Instant.parse("2031-12-08T10:00:00Z");
        String caller = user();
        String cmsUser = user();
        for (int i = 0; i < 40; i++) {
            Instant at = hour.plusSeconds(60L * i + 1);
            tx.executeWithoutResult(s -> log.record(new AuditEvent(at, caller, "Org", "PRACTITIONER", "mediated-by:operator1",
                    "192.0.2.9", "s", AuditAction.RECORD_VIEW, List.of(5000L), "reason", AuditOutcome.DISCLOSED,
                    "relationship=involved;shielded=false;mediated;operator=operator1")));
            tx.executeWithoutResult(s -> log.record(new AuditEvent(at, cmsUser, "Org", "PRACTITIONER", "case-system-1",
                    "192.0.2.9", "s", AuditAction.RECORD_VIEW, List.of(5001L), "reason", AuditOutcome.DISCLOSED,
                    "relationship=involved;shielded=false")));
        }
        monitor.scan(hour.plus(Duration.ofMinutes(59)));
        assertThat(rulesAbout(caller)).containsExactly("VOLUME");
        assertThat(rulesAbout(cmsUser)).isEmpty();
    }

    @Test
    void shouldRaiseNoRelationshipForThreeUnconnectedViewsOutsideTheLaInADay() {
        Instant day = Instant.parse("2031-06-10T09:00:00Z");
        String nosy = user();
        String proper = user();
        for (int i = 0; i < 3; i++) {
            view(nosy, day.plusSeconds(600L * i), 3000 + i, "relationship=none;shielded=false");
            view(proper, day.plusSeconds(600L * i), 3100 + i, "relationship=same-la;shielded=false");
        }
        monitor.scan(day.plus(Duration.ofHours(3)));
        assertThat(rulesAbout(nosy)).containsExactly("NO_RELATIONSHIP");
        assertThat(rulesAbout(proper)).isEmpty();
    }

    @Test
    void shouldRaiseShieldedProbingForShieldedRecordsViewedWithoutAnInvolvement() {
        Instant day = Instant.parse("2031-07-15T09:00:00Z");
        String prober = user();
        String worker = user();
        for (int i = 0; i < 2; i++) {
            view(prober, day.plusSeconds(900L * i), 4000 + i, "restricted;relationship=same-la;shielded=true");
            view(worker, day.plusSeconds(900L * i), 4100 + i, "relationship=involved;shielded=true");
        }
        monitor.scan(day.plus(Duration.ofHours(2)));
        assertThat(rulesAbout(prober)).containsExactly("SHIELDED_PROBING");
        assertThat(rulesAbout(worker)).isEmpty();
    }

    @Test
    void shouldRaiseBulkAccessForTwentyChildrenInTenMinutes() {
        Instant start = Instant.parse("2031-08-20T14:00:00Z");
        String harvester = user();
        String busy = user();
        for (int i = 0; i < 20; i++) {
            view(harvester, start.plusSeconds(25L * i), 5000 + i, "relationship=same-la;shielded=false");
            view(busy, start.plusSeconds(25L * i), 5100 + i % 3, "relationship=involved;shielded=false");
        }
        monitor.scan(start.plus(Duration.ofMinutes(12)));
        assertThat(rulesAbout(harvester)).containsExactly("BULK_ACCESS");
        assertThat(rulesAbout(busy)).isEmpty();
    }

    @Test
    void shouldRaiseConcurrentLoginForASecondAddressWhileASessionMayBeLiveButNotAfterSignOut() {
        Instant t = Instant.parse("2031-09-25T08:00:00Z");
        String shared = user();
        String mover = user();
        String full = "FACTOR_PASSWORD,FACTOR_PIN_TOTP,ROLE_PRACTITIONER";
        event(shared, t, AuditAction.LOGIN, 0, null, full, "192.0.2.10");
        event(shared, t.plus(Duration.ofHours(1)), AuditAction.LOGIN, 0, null, full, "198.51.100.20");
        event(mover, t, AuditAction.LOGIN, 0, null, full, "192.0.2.11");
        event(mover, t.plus(Duration.ofMinutes(30)), AuditAction.LOGOUT, 0, null, full, "192.0.2.11");
        event(mover, t.plus(Duration.ofHours(1)), AuditAction.LOGIN, 0, null, full, "198.51.100.21");
        monitor.scan(t.plus(Duration.ofMinutes(61)));
        assertThat(rulesAbout(shared)).containsExactly("CONCURRENT_LOGIN");
        assertThat(rulesAbout(mover)).isEmpty();
    }

    @Test
    void shouldRaiseOwnSurnameWhenAUserSearchesForTheirOwnFamilyName() {
        Instant day = Instant.parse("2031-11-05T09:00:00Z");
        String curious = user();
        String other = user();
        // Fixture users are called "Test User": searching for "User" is searching for one's own family name.
        search(curious, day, "family=User dob=2015-01-01");
        search(other, day, "family=Quixley dob=2015-01-01");
        // An event written before search parameters were sealed (ADR 30) kept them in its detail: still read.
        String earlier = user();
        event(earlier, day, AuditAction.SEARCH, 0, "search: family=User dob=2015-01-01 results=1", "ROLE_PRACTITIONER", "192.0.2.1");
        monitor.scan(day.plus(Duration.ofHours(1)));
        assertThat(rulesAbout(curious)).containsExactly("OWN_SURNAME");
        assertThat(rulesAbout(earlier)).containsExactly("OWN_SURNAME");
        assertThat(rulesAbout(other)).isEmpty();
    }

    private Viewer auditor(String username) {
        long id = jdbc.sql("SELECT id FROM app_user WHERE username = :u").param("u", username).query(Long.class).single();
        return new Viewer(id, username, 1, "Leeds ContactPoint team", "LOCAL_AUTHORITY", Set.of(Role.LA_AUDITOR),
                TestFixtures.LEEDS, false, Set.of(), "127.0.0.1", "s");
    }

    @Test
    void shouldKeepAlertsAboutAnAuditorFromThemAndLetAnotherAuditorSuspendTheUser() {
        long team = fixtures.organisation(OrganisationKind.LOCAL_AUTHORITY, Sector.LOCAL_AUTHORITY, "Leeds ContactPoint team");
        String first = fixtures.user(Set.of(Role.LA_AUDITOR), team, false);
        String second = fixtures.user(Set.of(Role.LA_AUDITOR), team, false);
        Instant day = Instant.parse("2031-10-30T09:00:00Z");
        for (int i = 0; i < 3; i++) {
            view(first, day.plusSeconds(60L * i), 6000 + i, "relationship=none;shielded=false");
        }
        monitor.scan(day.plus(Duration.ofHours(1)));
        long alertId = jdbc.sql("SELECT id FROM misuse_alert WHERE subject_user = :u").param("u", first).query(Long.class).single();

        assertThat(alerts.queue(auditor(first))).extracting(MisuseAlerts.Alert::id).doesNotContain(alertId);
        assertThatThrownBy(() -> alerts.decide(auditor(first), alertId, MisuseAlerts.Decision.DISMISS, "fine"))
                .isInstanceOf(UserAdministration.AccessDenied.class).hasMessageContaining("about themselves");
        Viewer elsewhere = new Viewer(1, "auditor.elsewhere", 1, "Other LA", "LOCAL_AUTHORITY", Set.of(Role.LA_AUDITOR),
                "E08000036", false, Set.of(), "127.0.0.1", "s");
        assertThatThrownBy(() -> alerts.decide(elsewhere, alertId, MisuseAlerts.Decision.DISMISS, "x"))
                .isInstanceOf(UserAdministration.AccessDenied.class);

        assertThat(alerts.queue(auditor(second))).extracting(MisuseAlerts.Alert::id).contains(alertId);
        alerts.decide(auditor(second), alertId, MisuseAlerts.Decision.SUSPEND, "Viewed children with no reason to");
        assertThat(jdbc.sql("SELECT enabled FROM app_user WHERE username = :u").param("u", first).query(Boolean.class).single()).isFalse();
        assertThat(jdbc.sql("SELECT status FROM misuse_alert WHERE id = :id").param("id", alertId).query(String.class).single())
                .isEqualTo("SUSPENDED");
        assertThatThrownBy(() -> alerts.decide(auditor(second), alertId, MisuseAlerts.Decision.DISMISS, "again"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("decided already");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE actor = :u AND action = 'OVERSIGHT' AND detail LIKE :d")
                .param("u", second).param("d", "alert " + alertId + "%SUSPEND").query(Long.class).single()).isEqualTo(1);
    }
}
