package uk.contactpoint.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.Optional;
import java.util.function.Consumer;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import uk.contactpoint.directory.Directory;
import uk.contactpoint.directory.ReferenceOrganisation;

/**
 * Loads an organisation reference file (GIAS schools, ODS GP practices) into the directory (ADR 16): every good
 * row adds the organisation or updates it by (kind, code), in one transaction for the whole file, so a failure
 * leaves the directory as it was. The file is recorded as an {@code ingest_batch} (by SHA-256: the same file is
 * applied once) and every change with its source, date and batch.
 */
@Service
public class OrganisationIngestion {

    /** Progress of a run: rows read so far and bytes of the file consumed. Called inside the transaction. */
    public interface Progress {
        Progress NONE = (rows, bytes) -> { };

        void update(long rows, long bytes);
    }

    private static final int PROGRESS_ROWS = 1_000;

    private final Directory directory;
    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;

    OrganisationIngestion(Directory directory, JdbcClient jdbc, PlatformTransactionManager transactionManager) {
        this.directory = directory;
        this.jdbc = jdbc;
        this.transactions = new TransactionTemplate(transactionManager);
    }

    /**
     * Applies a reference file. Every reject is passed to {@code rejects}; none reaches the directory.
     *
     * @param today the date changes are recorded with
     * @throws FeedRefusedException when the file as a whole is not in the source's layout
     */
    public OrganisationLoadSummary apply(ReferenceSource source, Path file, LocalDate today, Consumer<Reject> rejects,
            Progress progress) throws IOException {
        long started = System.nanoTime();
        String sha = sha256(file);
        Optional<Long> existing = jdbc.sql("SELECT id FROM ingest_batch WHERE source = :source AND sha256 = :sha "
                        + "AND status = 'COMPLETED'")
                .param("source", source.dataSource()).param("sha", sha).query(Long.class).optional();
        if (existing.isPresent()) {
            return alreadyApplied(existing.get(), started);
        }
        // Opened (and a GIAS header checked) before the transaction, so a refused file starts nothing.
        try (OrganisationReader reader = OrganisationReader.open(source, file)) {
            return transactions.execute(status -> {
                try {
                    return load(source, file, sha, today, reader, rejects, progress, started);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }

    private OrganisationLoadSummary load(ReferenceSource source, Path file, String sha, LocalDate today,
            OrganisationReader reader, Consumer<Reject> rejects, Progress progress, long started) throws IOException {
        jdbc.sql("""
                        INSERT INTO ingest_batch (source, file_name, sha256, status, started_at)
                        VALUES (:source, :file, :sha, 'IN_PROGRESS', :now)""")
                .param("source", source.dataSource()).param("file", file.getFileName().toString()).param("sha", sha)
                .param("now", Timestamp.from(Instant.now()))
                .update();
        long batchId = jdbc.sql("SELECT id FROM ingest_batch WHERE source = :source AND sha256 = :sha")
                .param("source", source.dataSource()).param("sha", sha).query(Long.class).single();
        long good = 0;
        long rejected = 0;
        long skipped = 0;
        long[] changes = new long[ReferenceOrganisation.Change.values().length];
        OrganisationReader.Row row;
        while ((row = reader.next()) != null) {
            if (row instanceof OrganisationReader.Good g) {
                good++;
                changes[directory.saveReferenceOrganisation(g.organisation(), source.dataSource(), today, batchId)
                        .ordinal()]++;
            } else if (row instanceof OrganisationReader.Rejected r) {
                rejected++;
                rejects.accept(r.reject());
            } else {
                skipped++;
            }
            if (reader.rowsRead() % PROGRESS_ROWS == 0) {
                progress.update(reader.rowsRead(), reader.bytesRead());
            }
        }
        progress.update(reader.rowsRead(), reader.bytesRead());
        long read = reader.rowsRead();
        jdbc.sql("""
                        UPDATE ingest_batch SET status = 'COMPLETED', finished_at = :now, last_row = :read,
                            rows_read = :read, rows_good = :good, rows_rejected = :rejected
                        WHERE id = :id""")
                .param("now", Timestamp.from(Instant.now())).param("read", read).param("good", good)
                .param("rejected", rejected).param("id", batchId)
                .update();
        return new OrganisationLoadSummary(batchId, false, read, good, rejected, skipped,
                changes[ReferenceOrganisation.Change.ADDED.ordinal()],
                changes[ReferenceOrganisation.Change.UPDATED.ordinal()],
                changes[ReferenceOrganisation.Change.UNCHANGED.ordinal()], millis(started));
    }

    private OrganisationLoadSummary alreadyApplied(long batchId, long started) {
        record Counts(long read, long good, long rejected) {
        }
        Counts c = jdbc.sql("SELECT rows_read, rows_good, rows_rejected FROM ingest_batch WHERE id = :id")
                .param("id", batchId)
                .query((rs, n) -> new Counts(rs.getLong(1), rs.getLong(2), rs.getLong(3))).single();
        long[] changed = directory.referenceChanges(batchId);
        return new OrganisationLoadSummary(batchId, true, c.read(), c.good(), c.rejected(),
                c.read() - c.good() - c.rejected(), changed[0], changed[1], c.good() - changed[0] - changed[1],
                millis(started));
    }

    private static long millis(long started) {
        return (System.nanoTime() - started) / 1_000_000;
    }

    static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 16];
            int n;
            while ((n = in.read(buffer)) > 0) {
                digest.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
