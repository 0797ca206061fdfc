package uk.contactpoint.audit;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import uk.contactpoint.audit.internal.AuditChain;
import uk.contactpoint.audit.internal.AuditRetention;
import uk.contactpoint.audit.internal.AuditSealer;
import uk.contactpoint.audit.internal.AuditSealer.Checkpoint;
import uk.contactpoint.audit.internal.CheckpointSigner;

/**
 * Checks the audit log against its hash chain and the signed checkpoints exported outside the database
 * (the trust anchor: an attacker with the database alone cannot re-sign them). Detects an event altered,
 * removed, inserted or reordered among covered events, a seal or checkpoint altered or removed, and the log
 * truncated before the last exported checkpoint; reports the first bad event's id. Reads the whole log in
 * one streaming pass.
 */
@Service
public class AuditVerifier {

    /** An unsealed event older than the last checkpoint by more than this was not written by the service. */
    static final Duration SEAL_GRACE = Duration.ofSeconds(60);

    private final JdbcClient jdbc;
    private final CheckpointSigner signer;
    private final AuditSealer sealer;

    AuditVerifier(JdbcClient jdbc, CheckpointSigner signer, AuditSealer sealer) {
        this.jdbc = jdbc;
        this.signer = signer;
        this.sealer = sealer;
    }

    /** Where this service exports its checkpoints. */
    public Path checkpointDir() {
        return sealer.exportDir();
    }

    /** Seals every event written so far and writes a checkpoint over them, as the service does every second. */
    public long sealNow() {
        return sealer.seal(true).sealed();
    }

    /** Verifies against the checkpoints exported to the service's own checkpoint directory. */
    @Transactional(readOnly = true)
    public AuditVerification verify() {
        return verify(sealer.exportDir());
    }

    @Transactional(readOnly = true)
    public AuditVerification verify(Path checkpointDir) {
        List<Checkpoint> exported = AuditSealer.exported(checkpointDir);
        List<Checkpoint> stored = jdbc.sql("SELECT chain_seq, head_hash, created_at, key_id, signature FROM audit_checkpoint ORDER BY chain_seq")
                .query((rs, n) -> new Checkpoint(rs.getLong(1), rs.getString(2), rs.getObject(3, OffsetDateTime.class).toInstant(),
                        rs.getString(4), rs.getString(5)))
                .list();
        TreeMap<Long, Checkpoint> anchors = new TreeMap<>();
        for (Checkpoint c : stored) {
            if (!signer.verify(c.keyId(), c.chainSeq(), c.headHash(), c.createdAt(), c.signature())) {
                return AuditVerification.bad(null, "checkpoint " + c.chainSeq() + " in the database has a bad signature", 0, 0);
            }
            anchors.put(c.chainSeq(), c);
        }
        for (Checkpoint c : exported) {
            if (!signer.verify(c.keyId(), c.chainSeq(), c.headHash(), c.createdAt(), c.signature())) {
                return AuditVerification.bad(null, "exported checkpoint " + c.chainSeq() + " has a bad signature", 0, 0);
            }
            Checkpoint inDb = anchors.get(c.chainSeq());
            if (inDb == null) {
                return AuditVerification.bad(null, "checkpoint " + c.chainSeq() + " was removed from the database", 0, 0);
            }
            if (!inDb.headHash().equals(c.headHash())) {
                return AuditVerification.bad(null, "checkpoint " + c.chainSeq() + " in the database differs from the exported one", 0, 0);
            }
        }
        long lastExported = exported.isEmpty() ? 0 : exported.get(exported.size() - 1).chainSeq();
        // Segments removed by retention (ADR 33): the chain starts at the anchor of the latest signed removal.
        List<AuditRetention.Record> removals = jdbc.sql(
                        "SELECT through_seq, anchor_hash, removed_at, events_removed, key_id, signature FROM audit_retention ORDER BY through_seq")
                .query((rs, n) -> new AuditRetention.Record(rs.getLong(1), rs.getString(2), rs.getObject(3, OffsetDateTime.class).toInstant(),
                        rs.getLong(4), rs.getString(5), rs.getString(6)))
                .list();
        java.util.Set<Long> removalsInDb = new java.util.HashSet<>();
        for (AuditRetention.Record r : removals) {
            if (!signer.verifyRetention(r.keyId(), r.throughSeq(), r.anchorHash(), r.removedAt(), r.signature())) {
                return AuditVerification.bad(null, "the record of segments removed through seal " + r.throughSeq() + " has a bad signature", 0, 0);
            }
            Checkpoint anchor = anchors.get(r.throughSeq());
            if (anchor == null || !anchor.headHash().equals(r.anchorHash())) {
                return AuditVerification.bad(null, "segments were removed through seal " + r.throughSeq()
                        + " but no checkpoint there has that hash", 0, 0);
            }
            removalsInDb.add(r.throughSeq());
        }
        for (AuditRetention.Record r : AuditRetention.exported(checkpointDir)) {
            if (!removalsInDb.contains(r.throughSeq())) {
                return AuditVerification.bad(null, "the record of segments removed through seal " + r.throughSeq()
                        + " was removed from the database", 0, 0);
            }
        }
        Walk walk = new Walk(anchors);
        if (!removals.isEmpty()) {
            AuditRetention.Record start = removals.get(removals.size() - 1);
            walk.seq = start.throughSeq();
            walk.hash = start.anchorHash();
            walk.coveredSeq = start.throughSeq();
        }
        jdbc.sql("SELECT s.chain_seq, s.event_id AS sealed_id, s.hash AS sealed_hash, "
                        + AuditChain.COLUMNS.replace("id, ", "e.id, ") + " FROM audit_seal s LEFT JOIN audit_event e ON e.id = s.event_id ORDER BY s.chain_seq")
                .query((org.springframework.jdbc.core.RowCallbackHandler) walk::row);
        if (walk.problem != null) {
            Long bad = walk.badEvent;
            if (walk.gap) {
                // A seal is missing: the event it sealed is the bad one, if it is still there.
                bad = jdbc.sql("SELECT MIN(e.id) FROM audit_event e WHERE e.id < :next AND e.id > :previous "
                                + "AND NOT EXISTS (SELECT 1 FROM audit_seal s WHERE s.event_id = e.id)")
                        .param("next", walk.badEvent).param("previous", walk.lastEventId).query(Long.class).optional()
                        .orElse(walk.badEvent);
            }
            return AuditVerification.bad(bad, walk.problem, walk.coveredSeq, anchors.size());
        }
        long maxAnchor = anchors.isEmpty() ? 0 : anchors.lastKey();
        Instant lastCheckpoint = anchors.isEmpty() ? null : anchors.lastEntry().getValue().createdAt();
        long[] unsealed = {0};
        Long[] inserted = {null};
        jdbc.sql("SELECT e.id, e.occurred_at FROM audit_event e WHERE NOT EXISTS (SELECT 1 FROM audit_seal s WHERE s.event_id = e.id) ORDER BY e.id")
                .query(rs -> {
                    Instant at = rs.getObject(2, OffsetDateTime.class).toInstant();
                    if (inserted[0] == null && lastCheckpoint != null && at.isBefore(lastCheckpoint.minus(SEAL_GRACE))) {
                        inserted[0] = rs.getLong(1);
                    }
                    unsealed[0]++;
                });
        if (inserted[0] != null) {
            return AuditVerification.bad(inserted[0], "event " + inserted[0] + " is not in the chain but is older than the "
                    + "last checkpoint: it was inserted, or its seal removed", walk.coveredSeq, anchors.size());
        }
        if (walk.seq < maxAnchor || walk.seq < lastExported) {
            // The first event past the end of what is left, if its row survived (only its seal went).
            Long firstGone = jdbc.sql("SELECT MIN(e.id) FROM audit_event e WHERE e.id > :last "
                            + "AND NOT EXISTS (SELECT 1 FROM audit_seal s WHERE s.event_id = e.id)")
                    .param("last", walk.lastEventId).query(Long.class).optional().orElse(null);
            return AuditVerification.bad(firstGone != null ? firstGone : walk.lastEventId == 0 ? null : walk.lastEventId,
                    "the log was truncated: checkpoint " + Math.max(maxAnchor, lastExported) + " covers more than the "
                            + walk.seq + " sealed events left (the last is event " + walk.lastEventId + ")", walk.coveredSeq, anchors.size());
        }
        return new AuditVerification(true, null, null, walk.coveredSeq, (walk.seq - walk.coveredSeq) + unsealed[0], anchors.size());
    }

    /** The state of one pass along the chain. */
    private static final class Walk {
        final Map<Long, Checkpoint> anchors;
        long seq;
        String hash = AuditChain.GENESIS;
        long coveredSeq;
        long lastEventId;
        Long firstEventAfterAnchor;
        String problem;
        Long badEvent;
        boolean gap;

        Walk(Map<Long, Checkpoint> anchors) {
            this.anchors = anchors;
        }

        void row(java.sql.ResultSet rs) throws java.sql.SQLException {
            if (problem != null) {
                return;
            }
            long chainSeq = rs.getLong("chain_seq");
            long sealedId = rs.getLong("sealed_id");
            if (chainSeq != seq + 1) {
                gap = true;
                fail(sealedId, "seal " + (seq + 1) + " is missing (the chain jumps to " + chainSeq + " at event " + sealedId + ")");
                return;
            }
            if (rs.getObject("id") == null) {
                fail(sealedId, "event " + sealedId + " was removed");
                return;
            }
            String next = AuditChain.next(hash, AuditChain.canonical(rs));
            if (!next.equals(rs.getString("sealed_hash"))) {
                fail(sealedId, "event " + sealedId + " was altered, or events were reordered or their seals altered");
                return;
            }
            if (firstEventAfterAnchor == null) {
                firstEventAfterAnchor = sealedId;
            }
            seq = chainSeq;
            hash = next;
            lastEventId = sealedId;
            Checkpoint anchor = anchors.get(chainSeq);
            if (anchor != null) {
                if (!anchor.headHash().equals(next)) {
                    fail(firstEventAfterAnchor, "the chain does not match checkpoint " + chainSeq
                            + ": events after the previous checkpoint were rewritten");
                    return;
                }
                coveredSeq = chainSeq;
                firstEventAfterAnchor = null;
            }
        }

        private void fail(Long eventId, String why) {
            problem = why;
            badEvent = eventId;
        }
    }
}
