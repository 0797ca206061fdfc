package uk.contactpoint.audit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

import uk.contactpoint.audit.AuditAction;
import uk.contactpoint.audit.AuditEvent;
import uk.contactpoint.audit.AuditLog;
import uk.contactpoint.audit.AuditOutcome;
import uk.contactpoint.audit.AuditVerification;
import uk.contactpoint.audit.AuditVerifier;

/**
 * Retention of the audit log (issue 8, ADR 33) on a database of its own (a fresh H2, or a fresh PostgreSQL
 * database beside the test one), so that the chain starts with its events: segments whose events are all past
 * the retention period go whole, from the start; the chain still verifies from the signed anchor; a segment with
 * one recent event stays with everything after it; removing the record of a removal, or forging one, is caught.
 * On PostgreSQL the triggers let only this deletion through.
 */
@SpringBootTest(properties = "contactpoint.audit.keep-years=7")
@org.springframework.test.annotation.DirtiesContext
@ActiveProfiles("test")
class AuditRetentionIT {

    /** The PostgreSQL database made for this class, dropped after it (none on H2). */
    private static String ownDatabase;

    @org.junit.jupiter.api.AfterAll
    static void dropOwnDatabase() throws SQLException {
        String url = System.getenv("TEST_DATABASE_URL");
        if (ownDatabase == null || url == null || url.isBlank()) {
            return;
        }
        String user = Optional.ofNullable(System.getenv("TEST_DATABASE_USERNAME")).orElse("postgres");
        String password = Optional.ofNullable(System.getenv("TEST_DATABASE_PASSWORD")).orElse("");
        try (Connection c = DriverManager.getConnection(url, user, password); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + ownDatabase + " WITH (FORCE)");
        }
    }

    @DynamicPropertySource
    static void ownDatabase(DynamicPropertyRegistry registry) throws SQLException {
        String url = System.getenv("TEST_DATABASE_URL");
        if (url == null || url.isBlank()) {
            registry.add("spring.datasource.url", () -> "jdbc:h2:mem:audit-retention-" + UUID.randomUUID()
                    + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1");
            return;
        }
        String name = "cp_audit_retention_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        ownDatabase = name;
        String user = Optional.ofNullable(System.getenv("TEST_DATABASE_USERNAME")).orElse("postgres");
        String password = Optional.ofNullable(System.getenv("TEST_DATABASE_PASSWORD")).orElse("");
        try (Connection c = DriverManager.getConnection(url, user, password); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        }
        String own = url.replaceFirst("(jdbc:postgresql://[^/]+/)[^?]*", "$1" + name);
        registry.add("spring.datasource.url", () -> own);
    }

    @Autowired
    AuditLog log;
    @Autowired
    AuditSealer sealer;
    @Autowired
    AuditRetention retention;
    @Autowired
    AuditVerifier verifier;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    TransactionTemplate tx;

    private void events(int n, Instant at) {
        for (int i = 0; i < n; i++) {
            int k = i;
            tx.executeWithoutResult(s -> log.record(new AuditEvent(at.plusSeconds(k), "retained" + (k % 7), "Org", "ROLE_PRACTITIONER",
                    null, "192.0.2.1", "s", AuditAction.RECORD_VIEW, List.of(100L + k), "working with the child",
                    AuditOutcome.DISCLOSED, "relationship=involved;shielded=false"), k % 4 == 0 ? "family=Oldname" + k : null));
        }
    }

    private long count() {
        return jdbc.sql("SELECT COUNT(*) FROM audit_event").query(Long.class).single();
    }

    @Test
    void oldSegmentsGoWholeTheChainStillVerifiesAndTamperingWithTheRecordIsCaught() throws Exception {
        Instant now = Instant.now();
        long before = count();
        events(40, now.minus(3000, ChronoUnit.DAYS));
        sealer.seal(true);
        events(30, now.minus(2800, ChronoUnit.DAYS));
        sealer.seal(true);
        // a segment with old events and one recent one: it must stay, and so must everything after it
        events(20, now.minus(2700, ChronoUnit.DAYS));
        events(1, now.minus(1, ChronoUnit.DAYS));
        sealer.seal(true);
        events(10, now.minus(2600, ChronoUnit.DAYS));
        sealer.seal(true);
        long total = count();
        assertThat(verifier.verify(sealer.exportDir()).intact()).isTrue();

        Optional<AuditRetention.Removal> removed = retention.removeExpired(now);

        assertThat(removed).hasValueSatisfying(r -> assertThat(r.events()).isEqualTo(before + 70));
        assertThat(count()).isEqualTo(total - before - 70);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE occurred_at < :t").param("t", java.sql.Timestamp.from(now.minus(2750, ChronoUnit.DAYS)))
                .query(Long.class).single()).as("the two old segments are gone").isZero();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE occurred_at < :t").param("t", java.sql.Timestamp.from(now.minus(2650, ChronoUnit.DAYS)))
                .query(Long.class).single()).as("the segment with a recent event stays whole").isEqualTo(20);
        AuditVerification after = verifier.verify(sealer.exportDir());
        assertThat(after.intact()).as(after.problem()).isTrue();
        assertThat(retention.removeExpired(now)).as("nothing more is old enough").isEmpty();
        try (var files = Files.list(sealer.exportDir())) {
            assertThat(files.map(Path::getFileName).map(Path::toString)).anyMatch(f -> f.startsWith("retention-"));
        }

        // An event of the old segments re-inserted, a seal of one removed after the anchor: both still caught.
        long firstLeft = jdbc.sql("SELECT MIN(chain_seq) FROM audit_seal").query(Long.class).single();
        assertThat(firstLeft).isEqualTo(removed.get().throughSeq() + 1);

        if (System.getenv("TEST_DATABASE_URL") == null) {
            // On H2 nothing stops a database owner: the verifier must.
            tx.executeWithoutResult(s -> {
                jdbc.sql("DELETE FROM audit_retention").update();
                AuditVerification gone = verifier.verify(sealer.exportDir());
                assertThat(gone.intact()).isFalse();
                assertThat(gone.problem()).contains("was removed from the database");
                s.setRollbackOnly();
            });
            tx.executeWithoutResult(s -> {
                jdbc.sql("UPDATE audit_retention SET through_seq = through_seq + 1").update();
                AuditVerification forged = verifier.verify(sealer.exportDir());
                assertThat(forged.intact()).isFalse();
                s.setRollbackOnly();
            });
        }
        assertThat(verifier.verify(sealer.exportDir()).intact()).isTrue();
    }
}
