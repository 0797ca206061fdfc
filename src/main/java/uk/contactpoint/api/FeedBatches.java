package uk.contactpoint.api;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import jakarta.annotation.PreDestroy;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import uk.contactpoint.access.ApiClient;
import uk.contactpoint.audit.AuditAction;
import uk.contactpoint.audit.AuditEvent;
import uk.contactpoint.audit.AuditLog;
import uk.contactpoint.audit.AuditOutcome;
import uk.contactpoint.ingest.FeedIngestion;
import uk.contactpoint.ingest.FeedReader;
import uk.contactpoint.ingest.FeedRefusedException;
import uk.contactpoint.ingest.FeedRow;
import uk.contactpoint.ingest.FeedSource;
import uk.contactpoint.ingest.IngestSummary;
import uk.contactpoint.ingest.Reject;
import uk.contactpoint.ingest.SupplierRegister;

/**
 * Feed batches sent by suppliers through the API: the file is kept under the data directory, then validated (dry
 * run) or applied with the same ingestion as the command line, one batch at a time per node in the background,
 * with its progress, counts and reject report kept in the database. A supplier sees only its own batches.
 */
@Component
class FeedBatches {

    private static final Logger log = LoggerFactory.getLogger(FeedBatches.class);
    /** The largest feed file the API takes in one batch. */
    static final long MAX_FILE = 100L * 1024 * 1024;

    private final JdbcClient jdbc;
    private final FeedIngestion ingestion;
    private final SupplierRegister register;
    private final AuditLog audit;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final Path dir;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "api-feed-batches");
        t.setDaemon(true);
        return t;
    });

    FeedBatches(JdbcClient jdbc, FeedIngestion ingestion, SupplierRegister register, AuditLog audit,
                PlatformTransactionManager transactions, Clock clock, @Value("${contactpoint.data-dir:./data}") String dataDir) {
        this.jdbc = jdbc;
        this.ingestion = ingestion;
        this.register = register;
        this.audit = audit;
        this.tx = new TransactionTemplate(transactions);
        this.clock = clock;
        this.dir = Path.of(dataDir, "api-feeds");
    }

    record Batch(long id, String source, boolean dryRun, String status, long bytesTotal, long bytesRead, long rowsRead,
                 Long good, Long rejected, Long linked, Long created, Long review, Long quarantined, Long ingestBatchId,
                 String failure, Instant submittedAt, Instant finishedAt) {
    }

    /** Stores the file and queues the batch; refuses a source the supplier is not registered for. */
    Batch submit(ApiClient client, FeedSource source, boolean dryRun, InputStream body, String remoteAddress) throws IOException {
        try {
            register.checkSupplies(client.supplierCode(), source.cliName());
        } catch (IllegalArgumentException e) {
            throw ApiProblem.forbidden("This supplier is not registered to send " + source.cliName());
        }
        Files.createDirectories(dir);
        Path temp = Files.createTempFile(dir, "upload-", ".csv");
        long size;
        try (InputStream limited = new java.io.BufferedInputStream(body)) {
            size = copyAtMost(limited, temp);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(temp);
            throw e;
        }
        if (size == 0) {
            Files.deleteIfExists(temp);
            throw ApiProblem.badRequest("The batch is empty: send the feed file (CSV with its header) as the body");
        }
        Instant now = clock.instant();
        long id = tx.execute(s -> {
            var keys = new org.springframework.jdbc.support.GeneratedKeyHolder();
            jdbc.sql("""
                            INSERT INTO api_feed_batch (client_id, supplier_code, source, dry_run, status, bytes_total, submitted_at)
                            VALUES (:c, :s, :src, :d, 'QUEUED', :b, :t)""")
                    .param("c", client.clientId()).param("s", client.supplierCode()).param("src", source.cliName())
                    .param("d", dryRun).param("b", size).param("t", Timestamp.from(now))
                    .update(keys, "id");
            long batch = keys.getKeyAs(Number.class).longValue();
            audit.record(new AuditEvent(now, client.supplierCode(), client.name(), "DATA_SUPPLIER",
                    AuditLog.clientSystem(client.clientId()), remoteAddress, null, AuditAction.ADMIN, List.of(), null,
                    AuditOutcome.SUCCESS, "feed batch submitted id=" + batch + " source=" + source.cliName() + " dryRun=" + dryRun
                            + " bytes=" + size));
            return batch;
        });
        Path file = dir.resolve(id + ".csv");
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
        worker.submit(() -> process(id, client.supplierCode(), source, dryRun, file));
        return find(client, id).orElseThrow();
    }

    private static long copyAtMost(InputStream in, Path to) throws IOException {
        long total = 0;
        byte[] buf = new byte[1 << 16];
        try (var out = Files.newOutputStream(to)) {
            int n;
            while ((n = in.read(buf)) > 0) {
                total += n;
                if (total > MAX_FILE) {
                    throw new ApiProblem(HttpStatus.CONTENT_TOO_LARGE, "body-too-large", "The batch is too large",
                            "A feed batch may be at most " + MAX_FILE / (1024 * 1024) + " MB: split the file");
                }
                out.write(buf, 0, n);
            }
        }
        return total;
    }

    private void process(long id, String supplier, FeedSource source, boolean dryRun, Path file) {
        LocalDate today = LocalDate.now(clock);
        List<Reject> pending = new ArrayList<>();
        long[] lastWrite = {0};
        status(id, "RUNNING");
        try {
            if (dryRun) {
                long good = 0;
                long rejected = 0;
                try (FeedReader reader = FeedReader.open(source, file, today)) {
                    for (FeedRow row = reader.next(); row != null; row = reader.next()) {
                        if (row instanceof Reject r) {
                            rejected++;
                            pending.add(r);
                            flush(id, pending, false);
                        } else {
                            good++;
                        }
                        progress(id, reader.rowsRead(), reader.bytesRead(), lastWrite);
                    }
                    flush(id, pending, true);
                    finish(id, "DONE", reader.rowsRead(), good, rejected, null, null, null, null, null, null);
                }
            } else {
                IngestSummary s = ingestion.apply(source, file, FeedIngestion.DEFAULT_CHUNK_ROWS, today, r -> {
                    pending.add(r);
                    flush(id, pending, false);
                }, (rows, bytes) -> progress(id, rows, bytes, lastWrite));
                flush(id, pending, true);
                register.recordBatch(s.batchId(), supplier);
                finish(id, "DONE", s.rowsRead(), s.good(), s.rejected(), s.linked(), s.created(), s.review(), s.quarantined(),
                        s.batchId(), s.alreadyApplied() ? "this file was applied before: nothing was applied again" : null);
            }
        } catch (FeedRefusedException e) {
            finish(id, "REFUSED", 0, null, null, null, null, null, null, null, cut(e.getMessage()));
        } catch (Exception e) {
            log.error("API feed batch {} failed", id, e);
            finish(id, "FAILED", 0, null, null, null, null, null, null, null, "The batch could not be processed; send it again later");
        } finally {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                log.warn("could not delete the file of API feed batch {}", id);
            }
        }
    }

    private static String cut(String s) {
        return s == null ? null : s.length() > 500 ? s.substring(0, 500) : s;
    }

    private void status(long id, String status) {
        jdbc.sql("UPDATE api_feed_batch SET status = :s WHERE id = :id").param("s", status).param("id", id).update();
    }

    private void progress(long id, long rows, long bytes, long[] lastWrite) {
        long now = System.nanoTime();
        if (now - lastWrite[0] < 500_000_000L) {
            return;
        }
        lastWrite[0] = now;
        jdbc.sql("UPDATE api_feed_batch SET rows_read = :r, bytes_read = :b WHERE id = :id")
                .param("r", rows).param("b", bytes).param("id", id).update();
    }

    private void flush(long id, List<Reject> pending, boolean all) {
        if (pending.isEmpty() || (!all && pending.size() < 500)) {
            return;
        }
        for (Reject r : pending) {
            jdbc.sql("INSERT INTO api_feed_reject (batch_id, row_no, field, reason) VALUES (:b, :r, :f, :why)")
                    .param("b", id).param("r", r.row()).param("f", cut(r.field())).param("why", cut(r.reason())).update();
        }
        pending.clear();
    }

    private void finish(long id, String status, long rows, Long good, Long rejected, Long linked, Long created, Long review,
                        Long quarantined, Long ingestBatch, String failure) {
        jdbc.sql("""
                        UPDATE api_feed_batch SET status = :s, rows_read = :rows, bytes_read = bytes_total, good = :g, rejected = :rj,
                          linked = :l, created = :c, review = :rv, quarantined = :q, ingest_batch_id = :ib, failure = :f, finished_at = :t
                        WHERE id = :id""")
                .param("s", status).param("rows", rows).param("g", good).param("rj", rejected).param("l", linked)
                .param("c", created).param("rv", review).param("q", quarantined).param("ib", ingestBatch)
                .param("f", failure).param("t", Timestamp.from(clock.instant())).param("id", id).update();
    }

    Optional<Batch> find(ApiClient client, long id) {
        return jdbc.sql("SELECT * FROM api_feed_batch WHERE id = :id AND supplier_code = :s")
                .param("id", id).param("s", client.supplierCode()).query(FeedBatches::map).optional();
    }

    List<Batch> list(ApiClient client, Long before, int limit) {
        return jdbc.sql("SELECT * FROM api_feed_batch WHERE supplier_code = :s AND id < :before ORDER BY id DESC FETCH FIRST :n ROWS ONLY")
                .param("s", client.supplierCode()).param("before", before == null ? Long.MAX_VALUE : before).param("n", limit)
                .query(FeedBatches::map).list();
    }

    List<Reject> rejects(long batchId, long afterRow, int limit) {
        return jdbc.sql("SELECT row_no, field, reason FROM api_feed_reject WHERE batch_id = :b AND row_no > :r ORDER BY row_no, field FETCH FIRST :n ROWS ONLY")
                .param("b", batchId).param("r", afterRow).param("n", limit)
                .query((rs, i) -> new Reject(rs.getLong(1), rs.getString(2), rs.getString(3))).list();
    }

    /** Audits a supplier's read of its batch (status or reject report): no personal data, but an act of a machine. */
    void audited(ApiClient client, String remoteAddress, String what) {
        tx.executeWithoutResult(s -> audit.record(new AuditEvent(clock.instant(), client.supplierCode(), client.name(),
                "DATA_SUPPLIER", AuditLog.clientSystem(client.clientId()), remoteAddress, null, AuditAction.EXPORT, List.of(),
                null, AuditOutcome.SUCCESS, what)));
    }

    private static Batch map(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        Timestamp finished = rs.getTimestamp("finished_at");
        return new Batch(rs.getLong("id"), rs.getString("source"), rs.getBoolean("dry_run"), rs.getString("status"),
                rs.getLong("bytes_total"), rs.getLong("bytes_read"), rs.getLong("rows_read"), nullable(rs, "good"),
                nullable(rs, "rejected"), nullable(rs, "linked"), nullable(rs, "created"), nullable(rs, "review"),
                nullable(rs, "quarantined"), nullable(rs, "ingest_batch_id"), rs.getString("failure"),
                rs.getTimestamp("submitted_at").toInstant(), finished == null ? null : finished.toInstant());
    }

    private static Long nullable(java.sql.ResultSet rs, String column) throws java.sql.SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : v;
    }

    @PreDestroy
    void stop() {
        worker.shutdownNow();
    }
}
