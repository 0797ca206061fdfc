package uk.contactpoint.audit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.transaction.support.TransactionTemplate;

import uk.contactpoint.audit.AuditAction;
import uk.contactpoint.audit.AuditEvent;
import uk.contactpoint.audit.AuditLog;
import uk.contactpoint.audit.AuditOutcome;
import uk.contactpoint.audit.AuditVerification;
import uk.contactpoint.audit.AuditVerifier;

/**
 * The audit hash chain and its signed, exported checkpoints: an intact log verifies, and each of 1,000
 * random single tamperings (an event altered, removed or inserted, seals removed, altered or reordered,
 * the log truncated, a checkpoint removed or altered) is detected, with the first bad event's id where an
 * event was touched. Each tampering is made in a transaction that is rolled back after verifying. On
 * PostgreSQL the append-only triggers are switched off inside that transaction, as a database owner could.
 */
@SpringBootTest
@ActiveProfiles("test")
class AuditChainIT {

    enum Tampering { ALTER_EVENT, REMOVE_EVENT, REMOVE_SEAL, ALTER_SEAL, INSERT_EVENT, REORDER, TRUNCATE, REMOVE_CHECKPOINT, ALTER_CHECKPOINT }

    @Autowired
    AuditLog log;
    @Autowired
    AuditSealer sealer;
    @Autowired
    AuditVerifier verifier;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    TransactionTemplate tx;
    @Autowired
    org.springframework.jdbc.core.JdbcTemplate template;

    private final List<Long> ours = new ArrayList<>();

    private void events(int n, Random random) {
        for (int i = 0; i < n; i++) {
            int k = i;
            AuditEvent event = new AuditEvent(Instant.now(), "user" + random.nextInt(50), "Org " + k,
                    "ROLE_PRACTITIONER", null, "192.0.2." + random.nextInt(255), "s" + random.nextInt(1000),
                    AuditAction.values()[random.nextInt(AuditAction.values().length)], List.of((long) random.nextInt(1000)),
                    random.nextBoolean() ? "new referral" : null, AuditOutcome.SUCCESS, "detail " + k);
            // Every third event carries sealed personal values (ADR 30), which the chain covers too.
            tx.executeWithoutResult(s -> {
                if (k % 3 == 0) {
                    log.record(event, "family=Tamperproof" + k);
                } else {
                    log.record(event);
                }
            });
        }
    }

    @BeforeEach
    void aSealedAndCheckpointedLog() {
        Random random = new Random(7);
        long before = jdbc.sql("SELECT COALESCE(MAX(id), 0) FROM audit_event").query(Long.class).single();
        for (int round = 0; round < 3; round++) {
            events(60, random);
            sealer.seal(true);
        }
        ours.clear();
        ours.addAll(jdbc.sql("SELECT id FROM audit_event WHERE id > :b ORDER BY id").param("b", before).query(Long.class).list());
    }

    @Test
    void shouldVerifyAnIntactLogAndReportEventsAfterTheLastCheckpointAsNotYetCovered() {
        AuditVerification intact = verifier.verify(sealer.exportDir());
        assertThat(intact.intact()).as(intact.problem()).isTrue();
        assertThat(intact.covered()).isGreaterThanOrEqualTo(180);
        assertThat(intact.checkpoints()).isGreaterThanOrEqualTo(3);
        assertThat(AuditSealer.exported(sealer.exportDir())).hasSizeGreaterThanOrEqualTo(3);

        events(5, new Random(1));
        AuditVerification pending = verifier.verify(sealer.exportDir());
        assertThat(pending.intact()).isTrue();
        assertThat(pending.notYetCovered()).isGreaterThanOrEqualTo(5);
        sealer.seal(false);
        AuditVerification sealedNotSigned = verifier.verify(sealer.exportDir());
        assertThat(sealedNotSigned.intact()).isTrue();
        assertThat(sealedNotSigned.notYetCovered()).as("sealed within the checkpoint interval, not yet signed").isGreaterThanOrEqualTo(5);
    }

    @Test
    void shouldDetectEveryOneOfAThousandRandomSingleTamperings() {
        Random random = new Random(20261122);
        Map<Tampering, Integer> counts = new EnumMap<>(Tampering.class);
        for (int i = 0; i < 1_000; i++) {
            Tampering kind = Tampering.values()[random.nextInt(Tampering.values().length)];
            long seed = random.nextLong();
            Object[] outcome = tx.execute(status -> {
                status.setRollbackOnly();
                allowTampering();
                Long expected = tamper(kind, new Random(seed));
                return new Object[] {expected, verifier.verify(sealer.exportDir())};
            });
            Long expected = (Long) outcome[0];
            AuditVerification v = (AuditVerification) outcome[1];
            assertThat(v.intact()).as("tampering %d (%s) must be detected", i, kind).isFalse();
            if (expected != null) {
                assertThat(v.firstBadEventId()).as("tampering %d (%s): %s", i, kind, v.problem()).isEqualTo(expected);
            }
            counts.merge(kind, 1, Integer::sum);
        }
        assertThat(counts).hasSize(Tampering.values().length);
        AuditVerification after = verifier.verify(sealer.exportDir());
        assertThat(after.intact()).as("every tampering was rolled back").isTrue();
    }

    private boolean postgres() {
        return Boolean.TRUE.equals(template.execute((org.springframework.jdbc.core.ConnectionCallback<Boolean>)
                c -> c.getMetaData().getDatabaseProductName().toLowerCase(java.util.Locale.ROOT).contains("postgres")));
    }

    /** On PostgreSQL, as the tables' owner, inside this transaction only (DDL rolls back with it). */
    private void allowTampering() {
        if (postgres()) {
            for (String table : List.of("audit_event", "audit_event_child", "audit_seal", "audit_checkpoint")) {
                jdbc.sql("ALTER TABLE " + table + " DISABLE TRIGGER USER").update();
            }
        }
    }

    private long pick(Random random) {
        return ours.get(random.nextInt(ours.size()));
    }

    private Long tamper(Tampering kind, Random random) {
        long id = pick(random);
        switch (kind) {
            case ALTER_EVENT -> {
                String[] changes = {"actor = 'mallory'", "reason = 'covering tracks'", "detail = 'nothing to see'",
                        "outcome = 'FAILURE'", "child_ids = '424242'", "remote_address = '203.0.113.9'",
                        "actor_role = 'ROLE_NATIONAL_ADMIN'", "action = CASE WHEN action = 'EXPORT' THEN 'SEARCH' ELSE 'EXPORT' END",
                        "session_ref = NULL", "occurred_at = occurred_at - INTERVAL '1' SECOND",
                        "personal = 'v1;forged'"};
                String change = changes[random.nextInt(changes.length)];
                jdbc.sql("UPDATE audit_event SET " + change + " WHERE id = :id").param("id", id).update();
                return id;
            }
            case REMOVE_EVENT -> {
                jdbc.sql("DELETE FROM audit_event_child WHERE event_id = :id").param("id", id).update();
                jdbc.sql("DELETE FROM audit_event WHERE id = :id").param("id", id).update();
                return id;
            }
            case REMOVE_SEAL -> {
                jdbc.sql("DELETE FROM audit_seal WHERE event_id = :id").param("id", id).update();
                return id;
            }
            case ALTER_SEAL -> {
                jdbc.sql("UPDATE audit_seal SET hash = :h WHERE event_id = :id")
                        .param("h", AuditChain.next("tamper", Long.toString(random.nextLong()))).param("id", id).update();
                return id;
            }
            case INSERT_EVENT -> {
                jdbc.sql("""
                                INSERT INTO audit_event (occurred_at, actor, action, child_ids, outcome)
                                VALUES (:t, 'ghost', 'RECORD_VIEW', '7', 'SUCCESS')""")
                        .param("t", Timestamp.from(Instant.now().minusSeconds(600 + random.nextInt(100_000)))).update();
                return jdbc.sql("SELECT MAX(id) FROM audit_event WHERE actor = 'ghost'").query(Long.class).single();
            }
            case REORDER -> {
                long other = pick(random);
                while (other == id) {
                    other = pick(random);
                }
                jdbc.sql("UPDATE audit_seal SET event_id = -1 WHERE event_id = :a").param("a", id).update();
                jdbc.sql("UPDATE audit_seal SET event_id = :a WHERE event_id = :b").param("a", id).param("b", other).update();
                jdbc.sql("UPDATE audit_seal SET event_id = :b WHERE event_id = -1").param("b", other).update();
                return null;
            }
            case TRUNCATE -> {
                long seq = jdbc.sql("SELECT chain_seq FROM audit_seal WHERE event_id = :id").param("id", id).query(Long.class).single();
                jdbc.sql("DELETE FROM audit_event_child WHERE event_id IN (SELECT event_id FROM audit_seal WHERE chain_seq >= :s)")
                        .param("s", seq).update();
                jdbc.sql("DELETE FROM audit_event WHERE id IN (SELECT event_id FROM audit_seal WHERE chain_seq >= :s)").param("s", seq).update();
                jdbc.sql("DELETE FROM audit_seal WHERE chain_seq >= :s").param("s", seq).update();
                jdbc.sql("DELETE FROM audit_checkpoint WHERE chain_seq >= :s").param("s", seq).update();
                return null;
            }
            case REMOVE_CHECKPOINT -> {
                List<Long> checkpoints = exportedSeqs();
                jdbc.sql("DELETE FROM audit_checkpoint WHERE chain_seq = :s").param("s", checkpoints.get(random.nextInt(checkpoints.size()))).update();
                return null;
            }
            case ALTER_CHECKPOINT -> {
                List<Long> checkpoints = exportedSeqs();
                jdbc.sql("UPDATE audit_checkpoint SET head_hash = :h WHERE chain_seq = :s")
                        .param("h", AuditChain.next("forged", "head")).param("s", checkpoints.get(random.nextInt(checkpoints.size()))).update();
                return null;
            }
            default -> throw new IllegalStateException();
        }
    }

    private List<Long> exportedSeqs() {
        return AuditSealer.exported(sealer.exportDir()).stream().map(AuditSealer.Checkpoint::chainSeq).toList();
    }
}
