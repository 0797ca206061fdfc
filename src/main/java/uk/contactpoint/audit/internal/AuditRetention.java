package uk.contactpoint.audit.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Retention of the audit log itself (ADR 33): events older than the retention period (default 7 years, never
 * fewer than 6) are removed in whole checkpointed segments from the start of the chain. A segment is the run of
 * events between two checkpoints; it goes only when every event in it, and in every segment before it, is older
 * than the cut-off. Each removal is one signed record (where the chain now starts and its hash there), kept in
 * the database and exported beside the checkpoints, so that the verifier starts from that checkpoint; the month
 * keys of personal values older than the cut-off are destroyed at the same time (ADR 30). Runs nightly on the
 * node that gets the chain head's row lock; idempotent.
 */
@Component
public class AuditRetention {

    private static final Logger log = LoggerFactory.getLogger(AuditRetention.class);
    /** The shortest retention the database's triggers allow deletions after (PostgreSQL, migration V30). */
    public static final int MINIMUM_YEARS = 6;
    private static final int BATCH = 5_000;

    /** What one run removed. */
    public record Removal(long throughSeq, long events) {
    }

    /** A signed record of removed segments, as stored and exported. */
    public record Record(long throughSeq, String anchorHash, Instant removedAt, long eventsRemoved, String keyId,
                         String signature) {

        String toFile() {
            return "through_seq=" + throughSeq + "\nanchor_hash=" + anchorHash + "\nremoved_at=" + removedAt
                    + "\nevents_removed=" + eventsRemoved + "\nkey_id=" + keyId + "\nsignature=" + signature + "\n";
        }
    }

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final CheckpointSigner signer;
    private final AuditSealer sealer;
    private final PersonalValueCipher personal;
    private final Clock clock;
    private final int keepYears;
    private final boolean postgres;

    @Value("${contactpoint.scheduling.enabled:true}")
    boolean scheduling = true;

    AuditRetention(JdbcClient jdbc, TransactionTemplate tx, CheckpointSigner signer, AuditSealer sealer,
                   PersonalValueCipher personal, Clock clock, DataSource dataSource,
                   @Value("${contactpoint.audit.keep-years:7}") int keepYears) {
        if (keepYears < MINIMUM_YEARS) {
            throw new IllegalStateException("contactpoint.audit.keep-years must be at least " + MINIMUM_YEARS);
        }
        this.jdbc = jdbc;
        this.tx = tx;
        this.signer = signer;
        this.sealer = sealer;
        this.personal = personal;
        this.clock = clock;
        this.keepYears = keepYears;
        this.postgres = Databases.isPostgres(dataSource);
    }

    @Scheduled(cron = "${contactpoint.audit.retention-cron:0 40 3 * * *}", zone = "Europe/London")
    void nightly() {
        if (!scheduling) {
            return;
        }
        try {
            Optional<Removal> removed = removeExpired(clock.instant());
            removed.ifPresent(r -> log.info("Audit retention: {} events removed, the chain now starts after seal {}",
                    r.events(), r.throughSeq()));
        } catch (RuntimeException e) {
            log.error("Audit retention failed; nothing was removed: {}", e.getMessage());
        }
    }

    /** The cut-off for a run at this instant: events before it may go. */
    Instant cutoff(Instant now) {
        return now.atOffset(ZoneOffset.UTC).minusYears(keepYears).toInstant();
    }

    /**
     * Removes every whole segment whose events are all older than the cut-off, in one transaction.
     *
     * @return what went, or empty when no segment is old enough
     */
    public Optional<Removal> removeExpired(Instant now) {
        Instant cutoff = cutoff(now);
        Optional<Removal> removal = tx.execute(s -> remove(cutoff, now));
        tx.executeWithoutResult(s -> personal.forgetMonthsBefore(YearMonth.from(cutoff.atOffset(ZoneOffset.UTC))));
        return removal;
    }

    private Optional<Removal> remove(Instant cutoff, Instant now) {
        // The chain head's row lock: the sealer waits, and only one node removes at a time.
        jdbc.sql("SELECT chain_seq FROM audit_chain_head WHERE id = 1 FOR UPDATE").query(Long.class).single();
        long from = jdbc.sql("SELECT COALESCE(MAX(through_seq), 0) FROM audit_retention").query(Long.class).single();
        List<Long> checkpoints = jdbc.sql("SELECT chain_seq FROM audit_checkpoint WHERE chain_seq > :from ORDER BY chain_seq")
                .param("from", from).query(Long.class).list();
        long through = from;
        for (long checkpoint : checkpoints) {
            Optional<OffsetDateTime> newest = jdbc.sql("""
                            SELECT MAX(e.occurred_at) FROM audit_seal s JOIN audit_event e ON e.id = s.event_id
                            WHERE s.chain_seq > :a AND s.chain_seq <= :b""")
                    .param("a", through).param("b", checkpoint).query(OffsetDateTime.class).optional();
            if (newest.isEmpty() || !newest.get().toInstant().isBefore(cutoff)) {
                break;
            }
            through = checkpoint;
        }
        if (through == from) {
            return Optional.empty();
        }
        if (postgres) {
            jdbc.sql("SELECT set_config('contactpoint.audit_retention', 'on', true)").query(String.class).single();
        }
        long events = 0;
        for (long a = from; a < through; a += BATCH) {
            long b = Math.min(through, a + BATCH);
            List<Long> ids = jdbc.sql("SELECT event_id FROM audit_seal WHERE chain_seq > :a AND chain_seq <= :b")
                    .param("a", a).param("b", b).query(Long.class).list();
            if (ids.isEmpty()) {
                continue;
            }
            jdbc.sql("DELETE FROM audit_event_child WHERE event_id IN (:ids)").param("ids", ids).update();
            jdbc.sql("DELETE FROM audit_seal WHERE chain_seq > :a AND chain_seq <= :b").param("a", a).param("b", b).update();
            events += jdbc.sql("DELETE FROM audit_event WHERE id IN (:ids)").param("ids", ids).update();
        }
        String anchor = jdbc.sql("SELECT head_hash FROM audit_checkpoint WHERE chain_seq = :s").param("s", through)
                .query(String.class).single();
        Instant at = now.truncatedTo(ChronoUnit.MILLIS);
        Record record = new Record(through, anchor, at, events, signer.keyId(), signer.signRetention(through, anchor, at));
        jdbc.sql("""
                        INSERT INTO audit_retention (through_seq, anchor_hash, removed_at, events_removed, key_id, signature)
                        VALUES (:through, :anchor, :at, :events, :key, :sig)""")
                .param("through", through).param("anchor", anchor).param("at", Timestamp.from(at)).param("events", events)
                .param("key", record.keyId()).param("sig", record.signature()).update();
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                export(record);
            }
        });
        return Optional.of(new Removal(through, events));
    }

    private void export(Record r) {
        try {
            AuditSealer.writeFile(sealer.exportDir(), String.format("retention-%015d.txt", r.throughSeq()), r.toFile());
        } catch (IOException e) {
            log.error("Audit retention record {} could not be exported to {}: {}", r.throughSeq(), sealer.exportDir(), e.getMessage());
        }
    }

    /** Every exported retention record in a directory. */
    public static List<Record> exported(Path dir) {
        return AuditSealer.readFiles(dir, "retention-\\d+\\.txt").stream().map(v -> {
            try {
                return new Record(Long.parseLong(v.get("through_seq")), v.get("anchor_hash"), Instant.parse(v.get("removed_at")),
                        Long.parseLong(v.get("events_removed")), v.get("key_id"), v.get("signature"));
            } catch (RuntimeException e) {
                throw new IllegalStateException("Unreadable exported retention record " + v.get("through_seq"), e);
            }
        }).toList();
    }
}
