package uk.contactpoint.audit.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.transaction.support.TransactionTemplate;

import uk.contactpoint.audit.AuditAction;
import uk.contactpoint.audit.AuditEvent;
import uk.contactpoint.audit.AuditLog;
import uk.contactpoint.audit.AuditOutcome;

/**
 * On PostgreSQL the role the application connects as cannot update, delete or truncate audit rows,
 * seals or checkpoints, even though it owns the tables (runs in the PostgreSQL pass only).
 */
@Tag("postgres")
@SpringBootTest
@ActiveProfiles("test")
class AuditAppendOnlyIT {

    @Autowired
    AuditLog log;
    @Autowired
    AuditSealer sealer;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    TransactionTemplate tx;

    @Test
    void shouldRefuseToUpdateDeleteOrTruncateAuditRecords() {
        tx.executeWithoutResult(s -> log.record(new AuditEvent(Instant.now(), "append.only", null, null, null, null, null,
                AuditAction.SEARCH, List.of(5L), null, AuditOutcome.SUCCESS, "kept")));
        sealer.seal(true);
        long id = jdbc.sql("SELECT MAX(id) FROM audit_event WHERE actor = 'append.only'").query(Long.class).single();

        for (String sql : List.of(
                "UPDATE audit_event SET detail = 'changed' WHERE id = " + id,
                "DELETE FROM audit_event WHERE id = " + id,
                "TRUNCATE audit_event CASCADE",
                "DELETE FROM audit_event_child WHERE event_id = " + id,
                "UPDATE audit_seal SET hash = 'x' WHERE event_id = " + id,
                "DELETE FROM audit_seal WHERE event_id = " + id,
                "TRUNCATE audit_seal",
                "DELETE FROM audit_checkpoint",
                "TRUNCATE audit_checkpoint")) {
            assertThatThrownBy(() -> tx.executeWithoutResult(s -> jdbc.sql(sql).update()))
                    .as(sql).isInstanceOf(DataAccessException.class).rootCause().hasMessageContaining("append-only");
        }
        // The retention job's own flag (ADR 33) lets nothing recent go, and never an update.
        for (String sql : List.of("DELETE FROM audit_event_child WHERE event_id = " + id, "DELETE FROM audit_seal WHERE event_id = " + id,
                "DELETE FROM audit_event WHERE id = " + id, "UPDATE audit_event SET detail = 'changed' WHERE id = " + id,
                "TRUNCATE audit_retention", "DELETE FROM audit_checkpoint")) {
            assertThatThrownBy(() -> tx.executeWithoutResult(s -> {
                jdbc.sql("SELECT set_config('contactpoint.audit_retention', 'on', true)").query(String.class).single();
                jdbc.sql(sql).update();
            })).as("with the retention flag: " + sql).isInstanceOf(DataAccessException.class).rootCause().hasMessageContaining("append-only");
        }
        assertThat(jdbc.sql("SELECT detail FROM audit_event WHERE id = :id").param("id", id).query(String.class).single()).isEqualTo("kept");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_seal WHERE event_id = :id").param("id", id).query(Long.class).single()).isEqualTo(1);
    }
}
