package uk.contactpoint.audit.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Seals audit events into the hash chain and writes signed checkpoints. Runs every second on whichever node
 * holds the chain head's row lock (the others wait or find nothing left to do); request threads never
 * wait for it. Events that commit late (a lower id committed after a higher one) are sealed when they
 * appear (up to 1,000 ids late at the next run, further back within ten runs): the chain's order is the sealing order, recorded in {@code chain_seq}. A checkpoint (Ed25519
 * over the chain head) is written when the chain has moved and the last checkpoint is at least
 * {@code contactpoint.audit.checkpoint-every} old (30 s by default, never more than 60 s), into the
 * database and, after commit, as a file in {@code contactpoint.audit.checkpoint-dir} for external verifiers.
 */
@Component
public class AuditSealer {

    /** Off in tests and command-line jobs, which run these by hand (another module may enable Spring's scheduling). */
    @org.springframework.beans.factory.annotation.Value("${contactpoint.scheduling.enabled:true}")
    boolean scheduling = true;

    private static final Logger log = LoggerFactory.getLogger(AuditSealer.class);
    static final int BATCH = 5_000;
    /** How far behind the highest sealed id a late-committing event is still looked for. */
    static final long LATE_WINDOW = 100_000;
    /** How far back the runs between full-window runs look: events committing a little late, sealed at once. */
    static final long RECENT_WINDOW = 1_000;
    static final int FULL_WINDOW_EVERY = 10;
    private int runs;
    static final Duration MAX_CHECKPOINT_INTERVAL = Duration.ofSeconds(60);

    private final JdbcClient jdbc;
    private final JdbcTemplate template;
    private final TransactionTemplate tx;
    private final CheckpointSigner signer;
    private final Clock clock;
    private final Path exportDir;
    private final Duration checkpointEvery;

    AuditSealer(JdbcClient jdbc, JdbcTemplate template, TransactionTemplate tx, CheckpointSigner signer, Clock clock,
                @Value("${contactpoint.audit.checkpoint-dir:${contactpoint.data-dir:./data}/audit-checkpoints}") Path exportDir,
                @Value("${contactpoint.audit.checkpoint-every:30s}") Duration checkpointEvery) {
        this.jdbc = jdbc;
        this.template = template;
        this.tx = tx;
        this.signer = signer;
        this.clock = clock;
        this.exportDir = exportDir;
        this.checkpointEvery = checkpointEvery.compareTo(MAX_CHECKPOINT_INTERVAL) > 0 ? MAX_CHECKPOINT_INTERVAL : checkpointEvery;
    }

    /** What one run did. */
    public record Result(long sealed, Long checkpointSeq) {
    }

    public Path exportDir() {
        return exportDir;
    }

    @Scheduled(fixedDelayString = "${contactpoint.audit.seal-every:1s}")
    void scheduled() {
        if (!scheduling) {
            return;
        }
        try {
            // the whole late window only every tenth run: looking 100,000 ids back every second cost more database
            // time than the searches it audits (ADR 19); late events are still sealed within ten seconds
            seal(false, runs++ % FULL_WINDOW_EVERY == 0 ? LATE_WINDOW : RECENT_WINDOW);
        } catch (RuntimeException e) {
            // Never personal data here: the exception's type says enough, and the next run tries again.
            log.warn("Audit sealing failed ({}); retrying in a second", e.getClass().getSimpleName());
        }
    }

    /** Seals everything unsealed; writes a checkpoint when due, or whenever the chain moved if {@code forceCheckpoint}. */
    public Result seal(boolean forceCheckpoint) {
        return seal(forceCheckpoint, LATE_WINDOW);
    }

    private Result seal(boolean forceCheckpoint, long window) {
        long total = 0;
        Long checkpoint = null;
        while (true) {
            Result r = tx.execute(s -> sealBatch(forceCheckpoint, window));
            total += r.sealed();
            if (r.checkpointSeq() != null) {
                checkpoint = r.checkpointSeq();
            }
            if (r.sealed() < BATCH) {
                return new Result(total, checkpoint);
            }
        }
    }

    private record Head(long seq, String hash, long maxEventId, long checkpointSeq, Instant checkpointAt) {
    }

    private Result sealBatch(boolean forceCheckpoint, long window) {
        Head head = jdbc.sql("""
                        SELECT chain_seq, hash, max_event_id, checkpoint_seq, checkpoint_at FROM audit_chain_head
                        WHERE id = 1 FOR UPDATE""")
                .query((rs, n) -> new Head(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getLong(4),
                        rs.getTimestamp(5) == null ? null : rs.getTimestamp(5).toInstant()))
                .single();
        List<Object[]> seals = new ArrayList<>();
        long[] seq = {head.seq()};
        String[] hash = {head.hash()};
        long[] maxId = {head.maxEventId()};
        Timestamp now = Timestamp.from(clock.instant());
        jdbc.sql("SELECT " + AuditChain.COLUMNS + " FROM audit_event e WHERE e.id > :low "
                        + "AND NOT EXISTS (SELECT 1 FROM audit_seal s WHERE s.event_id = e.id) ORDER BY e.id FETCH FIRST "
                        + BATCH + " ROWS ONLY")
                .param("low", Math.max(0, head.maxEventId() - window))
                .query(rs -> {
                    hash[0] = AuditChain.next(hash[0], AuditChain.canonical(rs));
                    seq[0]++;
                    long id = rs.getLong("id");
                    maxId[0] = Math.max(maxId[0], id);
                    seals.add(new Object[] {seq[0], id, hash[0], now});
                });
        if (!seals.isEmpty()) {
            template.batchUpdate("INSERT INTO audit_seal (chain_seq, event_id, hash, sealed_at) VALUES (?, ?, ?, ?)", seals);
        }
        Instant at = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        boolean moved = seq[0] > head.checkpointSeq();
        boolean due = head.checkpointAt() == null || !at.isBefore(head.checkpointAt().plus(checkpointEvery));
        Long checkpoint = null;
        if (moved && (forceCheckpoint || due) && seals.size() < BATCH) {
            String signature = signer.sign(seq[0], hash[0], at);
            jdbc.sql("""
                            INSERT INTO audit_checkpoint (chain_seq, head_hash, created_at, key_id, signature)
                            VALUES (:seq, :hash, :at, :key, :sig)""")
                    .param("seq", seq[0]).param("hash", hash[0]).param("at", Timestamp.from(at))
                    .param("key", signer.keyId()).param("sig", signature).update();
            Checkpoint written = new Checkpoint(seq[0], hash[0], at, signer.keyId(), signature);
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    export(written);
                }
            });
            checkpoint = seq[0];
        }
        jdbc.sql("""
                        UPDATE audit_chain_head SET chain_seq = :seq, hash = :hash, max_event_id = :max,
                            checkpoint_seq = :cseq, checkpoint_at = :cat WHERE id = 1""")
                .param("seq", seq[0]).param("hash", hash[0]).param("max", maxId[0])
                .param("cseq", checkpoint != null ? checkpoint : head.checkpointSeq())
                .param("cat", checkpoint != null ? Timestamp.from(at) : head.checkpointAt() == null ? null : Timestamp.from(head.checkpointAt()))
                .update();
        return new Result(seals.size(), checkpoint);
    }

    /** A signed checkpoint, as exported: one file per checkpoint, never rewritten. */
    public record Checkpoint(long chainSeq, String headHash, Instant createdAt, String keyId, String signature) {

        String toFile() {
            return "chain_seq=" + chainSeq + "\nhead_hash=" + headHash + "\ncreated_at=" + createdAt + "\nkey_id=" + keyId
                    + "\nsignature=" + signature + "\n";
        }

        static Checkpoint from(java.util.Map<String, String> v) {
            return new Checkpoint(Long.parseLong(v.get("chain_seq")), v.get("head_hash"), Instant.parse(v.get("created_at")),
                    v.get("key_id"), v.get("signature"));
        }
    }

    void export(Checkpoint c) {
        try {
            writeFile(exportDir, String.format("checkpoint-%015d.txt", c.chainSeq()), c.toFile());
        } catch (IOException e) {
            // The checkpoint is in the database; the next one is exported as usual. Operators see this line.
            log.error("Audit checkpoint {} could not be exported to {}: {}", c.chainSeq(), exportDir, e.getMessage());
        }
    }

    /** Every exported checkpoint in a directory (an empty list when it does not exist). */
    public static List<Checkpoint> exported(Path dir) {
        return readFiles(dir, "checkpoint-\\d+\\.txt").stream().map(v -> {
            try {
                return Checkpoint.from(v);
            } catch (RuntimeException e) {
                throw new IllegalStateException("Unreadable exported checkpoint " + v.get("chain_seq"), e);
            }
        }).toList();
    }

    /** Writes an exported file whole or not at all (a temporary file moved into place), never rewritten in part. */
    static void writeFile(Path dir, String name, String text) throws IOException {
        Files.createDirectories(dir);
        Path temp = Files.createTempFile(dir, ".export", ".tmp");
        Files.writeString(temp, text, StandardCharsets.US_ASCII);
        Files.move(temp, dir.resolve(name), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** The {@code key=value} lines of each exported file whose name matches, in name order. */
    static List<java.util.Map<String, String>> readFiles(Path dir, String nameRegex) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (var files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().matches(nameRegex)).sorted()
                    .map(f -> {
                        try {
                            java.util.Map<String, String> v = new java.util.HashMap<>();
                            for (String line : Files.readString(f, StandardCharsets.US_ASCII).split("\n")) {
                                int eq = line.indexOf('=');
                                if (eq > 0) {
                                    v.put(line.substring(0, eq).trim(), line.substring(eq + 1).trim());
                                }
                            }
                            return v;
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    })
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
