package uk.contactpoint.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.stream.Stream;

import org.h2.tools.Restore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

import uk.contactpoint.audit.AuditVerification;
import uk.contactpoint.audit.AuditVerifier;

/**
 * Backup and restore of the embedded H2 database, as docs/operations.md tells an operator to do them: an online
 * {@code BACKUP TO} (a zip of the database file, restored with H2's Restore tool) and a {@code SCRIPT TO} (SQL,
 * replayed into a fresh database with {@code RUNSCRIPT}), both taken while the service has the database open, with
 * the exported audit checkpoints copied beside them. Each restored copy gives back every row, a shielded child's
 * record with its sealed address opened under the same field key, and a log that {@code audit-verify} passes
 * against the checkpoints of the backup; against the live checkpoints, which cover events written after the
 * backup, the verifier reports the loss (a checkpoint removed from the database), which is why the runbook keeps both. The restored
 * service then carries on the chain.
 *
 * <p>The database is an H2 file of this test's own in every pass (also the PostgreSQL one).
 */
class H2BackupRestoreIT {

    @TempDir
    Path root;

    private static String url(Path dataDir) {
        return "jdbc:h2:file:" + dataDir.toAbsolutePath().resolve("contactpoint")
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;AUTO_SERVER=TRUE";
    }

    private static void sql(Path dataDir, String statement) throws SQLException {
        try (Connection c = DriverManager.getConnection(url(dataDir), "sa", ""); Statement s = c.createStatement()) {
            s.execute(statement);
        }
    }

    private static void copyDirectory(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (Stream<Path> files = Files.list(from)) {
            for (Path f : files.toList()) {
                Files.copy(f, to.resolve(f.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    @Test
    void bothBackupsRestoreEveryRowTheSealedFieldsAndAVerifiableAuditLog() throws Exception {
        Path live = root.resolve("live");
        Path backup = root.resolve("backup");
        Files.createDirectories(backup);
        Map<String, Long> counts;
        BackupDrill.Readable readable;
        try (ConfigurableApplicationContext service = BackupDrill.start("--contactpoint.data-dir=" + live,
                "--contactpoint.demo.enabled=true", "--contactpoint.demo.children=" + BackupDrill.CHILDREN)) {
            BackupDrill.auditEvents(service, "before.backup", 40);
            counts = BackupDrill.counts(service);
            assertThat(counts.get("child")).isEqualTo(BackupDrill.CHILDREN);
            assertThat(counts.get("audit_subject_key")).as("some events carry sealed search values").isPositive();

            // Online, while the service holds the database open (AUTO_SERVER lets the backup connect beside it).
            sql(live, "BACKUP TO '" + backup.resolve("contactpoint.zip") + "'");
            sql(live, "SCRIPT TO '" + backup.resolve("contactpoint.sql.gz") + "' COMPRESSION GZIP");
            copyDirectory(live.resolve("audit-checkpoints"), backup.resolve("audit-checkpoints"));

            readable = BackupDrill.readable(service);
            // Written after the backup: what a restore from it loses, and what the live checkpoints cover.
            BackupDrill.auditEvents(service, "after.backup", 10);
        }

        Path fromZip = root.resolve("restored-zip");
        Restore.execute(backup.resolve("contactpoint.zip").toString(), fromZip.toString(), "contactpoint");
        Path fromScript = root.resolve("restored-script");
        Files.createDirectories(fromScript);
        sql(fromScript, "RUNSCRIPT FROM '" + backup.resolve("contactpoint.sql.gz") + "' COMPRESSION GZIP");

        for (Path restored : new Path[] {fromZip, fromScript}) {
            copyDirectory(backup.resolve("audit-checkpoints"), restored.resolve("audit-checkpoints"));
            try (ConfigurableApplicationContext service = BackupDrill.start("--contactpoint.data-dir=" + restored,
                    "--contactpoint.demo.enabled=false")) {
                assertThat(BackupDrill.counts(service)).as(restored.toString()).isEqualTo(counts);
                assertThat(BackupDrill.readable(service)).as(restored.toString()).isEqualTo(readable);

                AuditVerifier verifier = service.getBean(AuditVerifier.class);
                AuditVerification lost = verifier.verify(live.resolve("audit-checkpoints"));
                assertThat(lost.intact()).as("the live checkpoints cover events the backup does not hold").isFalse();
                assertThat(lost.problem()).matches("checkpoint \\d+ was removed from the database");

                BackupDrill.auditEvents(service, "after.restore", 5);
                AuditVerification carriesOn = verifier.verify();
                assertThat(carriesOn.intact()).as(carriesOn.problem()).isTrue();
            }
            String verified = BackupDrill.command(0, "audit-verify", "--data-dir", restored.toString(),
                    "--checkpoints", backup.resolve("audit-checkpoints").toString());
            assertThat(verified).contains("chain intact");
        }
    }
}
