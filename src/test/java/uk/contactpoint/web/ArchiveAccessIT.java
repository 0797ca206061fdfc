package uk.contactpoint.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

import uk.contactpoint.TestFixtures;
import uk.contactpoint.access.Role;
import uk.contactpoint.access.Viewer;
import uk.contactpoint.directory.OrganisationKind;
import uk.contactpoint.directory.Sector;
import uk.contactpoint.safeguards.ArchivedRecords;
import uk.contactpoint.safeguards.ChildRecords;
import uk.contactpoint.safeguards.DisclosurePolicy.ArchivePurpose;
import uk.contactpoint.safeguards.Retention;

/**
 * Archived records (DOMAIN.md section 6, ADR 28), with the day moving: a record the retention job archived on a
 * day is seen by its LA's data managers on day 364 after it and not on day 366; a national administrator sees it
 * only with a statutory purpose; a practitioner never, by any path; every access is audited with its reason and
 * purpose.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class ArchiveAccessIT {

    @LocalServerPort
    int port;
    @Autowired
    TestFixtures fixtures;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    Retention retention;
    @Autowired
    ArchivedRecords archive;
    @Autowired
    ChildRecords records;

    final Viewer manager = TestFixtures.laTeam(Set.of(Role.LA_DATA_MANAGER));
    final Viewer national = new Viewer(4, "national", 0, "National", "NATIONAL", Set.of(Role.NATIONAL_ADMIN), null,
            false, Set.of(), "127.0.0.1", "s");
    final Viewer practitioner = new Viewer(5, "cp-worker", 0, "Social work", "SOCIAL_CARE", Set.of(Role.PRACTITIONER),
            TestFixtures.LEEDS, true, Set.of(), "127.0.0.1", "s");

    private final LocalDate today = LocalDate.now(ZoneId.of("Europe/London"));

    /** A child the retention job archives on the day {@code daysAgo} days before today (it turned 18 that day). */
    private TestFixtures.Child archivedDaysAgo(int daysAgo) {
        LocalDate archivedOn = today.minusDays(daysAgo);
        TestFixtures.Child child = fixtures.child("Perpetua", "Archiveby", archivedOn.minusYears(18), "LS6 2AB", false);
        retention.run(archivedOn);
        assertThat(jdbc.sql("SELECT archived_on FROM child WHERE id = :id").param("id", child.id()).query(LocalDate.class).single())
                .isEqualTo(archivedOn);
        return child;
    }

    private long audited(long child, String outcome, String detailLike) {
        return jdbc.sql("""
                        SELECT COUNT(*) FROM audit_event e JOIN audit_event_child c ON c.event_id = e.id
                        WHERE c.child_id = :c AND e.action = 'RECORD_VIEW' AND e.outcome = :o AND e.detail LIKE :d""")
                .param("c", child).param("o", outcome).param("d", detailLike).query(Long.class).single();
    }

    @Test
    void aDataManagerSeesAnArchivedRecordOnDay364AndNotOnDay366() {
        TestFixtures.Child day364 = archivedDaysAgo(364);
        TestFixtures.Child day366 = archivedDaysAgo(366);

        assertThat(archive.open(manager, day364.contactPointId(), null, "Checking a leaving-care referral"))
                .hasValueSatisfying(d -> assertThat(d.archived()).isTrue());
        assertThat(archive.open(manager, day366.contactPointId(), null, "Checking a leaving-care referral")).isEmpty();
        assertThat(audited(day364.id(), "DISCLOSED", "archive view%")).isEqualTo(1);
        assertThat(audited(day366.id(), "NOTHING_DISCLOSED", "archive view%")).isEqualTo(1);
        assertThatThrownBy(() -> archive.open(manager, day364.contactPointId(), null, " ")).hasMessageContaining("Say why");
    }

    @Test
    void aNationalAdministratorNeedsAStatutoryPurposeWhichIsAudited() {
        TestFixtures.Child child = archivedDaysAgo(800);

        assertThatThrownBy(() -> archive.open(national, child.contactPointId(), null, "Review 2026/14"))
                .hasMessageContaining("statutory purpose");
        assertThat(archive.open(national, child.contactPointId(), ArchivePurpose.SERIOUS_CASE_REVIEW, "Review 2026/14")).isPresent();
        assertThat(audited(child.id(), "DISCLOSED", "archive view;purpose=SERIOUS_CASE_REVIEW%")).isEqualTo(1);
        assertThat(archive.open(manager, child.contactPointId(), null, "Checking")).as("past the first year").isEmpty();
    }

    @Test
    void aPractitionerNeverSeesAnArchivedRecord() {
        TestFixtures.Child child = archivedDaysAgo(3);

        assertThatThrownBy(() -> archive.open(practitioner, child.contactPointId(), ArchivePurpose.CHILD_DEATH_REVIEW, "Enquiry"))
                .isInstanceOf(ArchivedRecords.NotAllowed.class);
        assertThat(audited(child.id(), "REFUSED", "archive view refused%")).isEqualTo(1);
        assertThat(records.open(practitioner, child.contactPointId(), "Child protection enquiry")).isEmpty();
        assertThat(records.open(manager, child.contactPointId(), "Checking")).as("not through the live path either").isEmpty();
    }

    @Test
    void theArchivePageAnswersTheDataManagerUntilTheYearIsUpAndRefusesPractitioners() {
        TestFixtures.Child recent = archivedDaysAgo(364);
        TestFixtures.Child old = archivedDaysAgo(366);
        String manager = fixtures.user(Set.of(Role.LA_DATA_MANAGER),
                fixtures.organisation(OrganisationKind.SERVICE, Sector.LOCAL_AUTHORITY, "Leeds ContactPoint team"), false);
        WebClient web = new WebClient(port);
        web.signIn(manager, TestFixtures.PASSWORD, TestFixtures.PIN, fixtures.totpSecret(manager));
        String worker = fixtures.user(Set.of(Role.PRACTITIONER),
                fixtures.organisation(OrganisationKind.SERVICE, Sector.SOCIAL_CARE, "Social work"), true);
        WebClient practitionerWeb = new WebClient(port);
        practitionerWeb.signIn(worker, TestFixtures.PASSWORD, TestFixtures.PIN, fixtures.totpSecret(worker));

        HttpResponse<String> seen = web.post("/archive", "/archive",
                Map.of("contactPointId", recent.contactPointId().value(), "reason", "Leaving-care referral"));
        assertThat(seen.statusCode()).isEqualTo(200);
        assertThat(seen.body()).contains("This record is archived").contains("Perpetua Archiveby");
        HttpResponse<String> gone = web.post("/archive", "/archive",
                Map.of("contactPointId", old.contactPointId().value(), "reason", "Leaving-care referral"));
        assertThat(gone.statusCode()).isEqualTo(404);
        assertThat(gone.body()).doesNotContain("Perpetua");

        assertThat(practitionerWeb.get("/archive").statusCode()).isEqualTo(403);
        assertThat(practitionerWeb.postWithoutFetching("/archive",
                Map.of("contactPointId", recent.contactPointId().value(), "reason", "x")).statusCode()).isEqualTo(403);
    }
}
