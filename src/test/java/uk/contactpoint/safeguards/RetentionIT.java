package uk.contactpoint.safeguards;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

import uk.contactpoint.TestFixtures;
import uk.contactpoint.access.Role;
import uk.contactpoint.access.Viewer;
import uk.contactpoint.directory.Directory;

/**
 * Retention day by day: the job is given the day it runs for (the moving clock), and each transition happens
 * on its day and not the day before: the 18th birthday (29 February birthdays on 1 March), a year after death,
 * the end of an extension, purging six years after archiving (with the records merged into it and the shield
 * decisions about it). Running twice changes nothing more.
 */
@SpringBootTest
@ActiveProfiles("test")
class RetentionIT {

    @Autowired
    Retention retention;
    @Autowired
    TestFixtures fixtures;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    Directory directory;

    private String status(long id) {
        return jdbc.sql("SELECT status FROM child WHERE id = :id").param("id", id).query(String.class).optional().orElse("PURGED");
    }

    private long child(LocalDate born) {
        return fixtures.child("Rhiannon", "Retentionby", born, "LS6 2AB", false).id();
    }

    @Test
    void aRecordIsArchivedOnThe18thBirthdayAndNotTheDayBefore() {
        LocalDate today = LocalDate.now();
        long child = child(today.minusYears(18));

        retention.run(today.minusDays(1));
        assertThat(status(child)).isEqualTo("LIVE");
        retention.run(today);
        assertThat(status(child)).isEqualTo("ARCHIVED");
        assertThat(jdbc.sql("SELECT archived_on FROM child WHERE id = :id").param("id", child).query(LocalDate.class).single())
                .isEqualTo(today);
        retention.run(today);
        assertThat(jdbc.sql("SELECT archived_on FROM child WHERE id = :id").param("id", child).query(LocalDate.class).single())
                .as("idempotent").isEqualTo(today);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_event_child c JOIN audit_event e ON e.id = c.event_id WHERE c.child_id = :id AND e.detail LIKE 'retention archived%'")
                .param("id", child).query(Long.class).single()).as("audited once").isEqualTo(1);
    }

    @Test
    void a29FebruaryBirthdayReaches18On1March() {
        long child = child(LocalDate.of(2008, 2, 29));

        retention.run(LocalDate.of(2026, 2, 28));
        assertThat(status(child)).isEqualTo("LIVE");
        retention.run(LocalDate.of(2026, 3, 1));
        assertThat(status(child)).isEqualTo("ARCHIVED");
    }

    @Test
    void aRecordStaysLiveForAYearAfterDeath() {
        long child = child(LocalDate.of(2015, 3, 3));
        Viewer manager = TestFixtures.laTeam(Set.of(Role.LA_DATA_MANAGER));
        retention.recordDeath(manager, directory.find(child).orElseThrow().contactPointId(), LocalDate.of(2025, 6, 10));

        retention.run(LocalDate.of(2026, 6, 9));
        assertThat(status(child)).isEqualTo("LIVE");
        retention.run(LocalDate.of(2026, 6, 10));
        assertThat(status(child)).isEqualTo("ARCHIVED");
    }

    @Test
    void anExtensionKeepsAYoungPersonLiveUntilItEndsAndNeverPast25() {
        LocalDate today = LocalDate.now();
        LocalDate born = today.minusYears(18).minusDays(10);
        long child = child(born);
        var id = directory.find(child).orElseThrow().contactPointId();
        Viewer manager = TestFixtures.laTeam(Set.of(Role.LA_DATA_MANAGER));
        assertThatThrownBy(() -> retention.extend(manager, id, born.plusYears(25).plusDays(1), "CARE_LEAVER", today.plusYears(1)))
                .hasMessageContaining("25th birthday");
        assertThatThrownBy(() -> retention.extend(TestFixtures.laTeam(Set.of(Role.LA_AUDITOR)), id, today.plusDays(20),
                "CARE_LEAVER", today.plusDays(10))).hasMessageContaining("data manager");
        // Extended before the job first sees the 18-year-old (the job runs at night; the LA acts in the day).
        retention.extend(manager, id, today.plusDays(20), "CARE_LEAVER", today.plusDays(10));

        retention.run(today);
        assertThat(status(child)).as("18, but extended").isEqualTo("LIVE");
        retention.run(today.plusDays(19));
        assertThat(status(child)).isEqualTo("LIVE");
        retention.run(today.plusDays(20));
        assertThat(status(child)).isEqualTo("ARCHIVED");
    }

    @Test
    void anArchivedRecordIsPurgedSixYearsLaterWithWhatWasMergedIntoItLeavingCountsOnly() {
        long child = child(LocalDate.of(2002, 1, 15));
        long merged = child(LocalDate.of(2002, 1, 15));
        jdbc.sql("UPDATE child SET status = 'MERGED', merged_into = :into WHERE id = :id").param("into", child).param("id", merged).update();
        jdbc.sql("""
                        INSERT INTO shield_decision (child_id, action, requested_by, local_authority, proposed_by, proposed_at, status)
                        VALUES (:c, 'SHIELD', 'police', :la, 'officer', CURRENT_TIMESTAMP, 'DONE')""")
                .param("c", child).param("la", TestFixtures.LEEDS).update();

        retention.run(LocalDate.of(2020, 1, 15));
        assertThat(status(child)).isEqualTo("ARCHIVED");
        retention.run(LocalDate.of(2026, 1, 14));
        assertThat(status(child)).isEqualTo("ARCHIVED");
        retention.run(LocalDate.of(2026, 1, 15));

        assertThat(status(child)).isEqualTo("PURGED");
        assertThat(status(merged)).isEqualTo("PURGED");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM involvement WHERE child_id IN (:ids)").param("ids", java.util.List.of(child, merged))
                .query(Long.class).single()).isZero();
        assertThat(jdbc.sql("SELECT COALESCE(SUM(children), 0) FROM retention_count WHERE action = 'PURGED' AND on_day = :d")
                .param("d", LocalDate.of(2026, 1, 15)).query(Long.class).single()).isPositive();
    }

    @Test
    void aSuppressedOldIdentityIsArchivedAt18AndPurgedSixYearsLaterLikeAnyRecord() {
        long old = child(LocalDate.of(2003, 4, 10));
        jdbc.sql("UPDATE child SET status = 'SUPPRESSED' WHERE id = :id").param("id", old).update();

        retention.run(LocalDate.of(2021, 4, 9));
        assertThat(status(old)).isEqualTo("SUPPRESSED");
        retention.run(LocalDate.of(2021, 4, 10));
        assertThat(status(old)).isEqualTo("ARCHIVED");
        retention.run(LocalDate.of(2027, 4, 9));
        assertThat(status(old)).isEqualTo("ARCHIVED");
        retention.run(LocalDate.of(2027, 4, 10));
        assertThat(status(old)).isEqualTo("PURGED");
    }
}
