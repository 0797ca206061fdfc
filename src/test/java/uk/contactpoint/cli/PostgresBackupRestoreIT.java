package uk.contactpoint.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import uk.contactpoint.audit.AuditVerification;
import uk.contactpoint.audit.AuditVerifier;

/**
 * Backup and restore of the PostgreSQL database as docs/operations.md tells an operator to do them: {@code pg_dump
 * --format=custom} while the service is running, {@code pg_restore --no-owner --single-transaction} into an empty
 * database, with the exported audit checkpoints copied beside the dump. The restored database gives back every row,
 * a shielded child's record with its sealed address opened under the same field key, a log that verifies against
 * the backup's checkpoints (the live ones, which cover events written after the dump, show the loss), the audit
 * tables still append-only, and a service that carries on the chain.
 *
 * <p>Runs in the PostgreSQL pass only (tag {@code postgres}, switched on by {@code TEST_DATABASE_URL}), on two
 * databases of its own made beside the test database and dropped after. Debian's client programs are taken from
 * the newest {@code /usr/lib/postgresql/N/bin}, else from the PATH.
 */
@Tag("postgres")
class PostgresBackupRestoreIT {

    private static final String SUFFIX = UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    private static final String LIVE = "cp_ops_backup_live_" + SUFFIX;
    private static final String RESTORED = "cp_ops_backup_restored_" + SUFFIX;

    @TempDir
    Path root;

    private static String adminUrl() {
        return System.getenv("TEST_DATABASE_URL");
    }

    private static String user() {
        return Optional.ofNullable(System.getenv("TEST_DATABASE_USERNAME")).orElse("postgres");
    }

    private static String password() {
        return Optional.ofNullable(System.getenv("TEST_DATABASE_PASSWORD")).orElse("");
    }

    private static String url(String database) {
        return adminUrl().replaceFirst("(jdbc:postgresql://[^/]+/)[^?]*", "$1" + database);
    }

    private static void admin(String statement) throws SQLException {
        try (Connection c = DriverManager.getConnection(adminUrl(), user(), password()); Statement s = c.createStatement()) {
            s.execute(statement);
        }
    }

    @AfterAll
    static void dropOwnDatabases() throws SQLException {
        admin("DROP DATABASE IF EXISTS " + LIVE + " WITH (FORCE)");
        admin("DROP DATABASE IF EXISTS " + RESTORED + " WITH (FORCE)");
    }

    /** pg_dump or pg_restore: Debian's newest, else the PATH's. */
    private static String program(String name) {
        try (Stream<Path> versions = Files.list(Path.of("/usr/lib/postgresql"))) {
            return versions.filter(v -> v.getFileName().toString().matches("\\d+"))
                    .max(Comparator.comparingInt(v -> Integer.parseInt(v.getFileName().toString())))
                    .map(v -> v.resolve("bin").resolve(name)).filter(Files::isExecutable)
                    .map(Path::toString).orElse(name);
        } catch (IOException e) {
            return name;
        }
    }

    /** Runs a PostgreSQL client program against one database, with the test database's host, port, user and password. */
    private static void client(String program, String database, String... args) throws Exception {
        Matcher m = Pattern.compile("jdbc:postgresql://([^:/]+)(?::(\\d+))?/").matcher(adminUrl());
        assertThat(m.find()).as("TEST_DATABASE_URL names a host").isTrue();
        List<String> command = new ArrayList<>(List.of(program(program), "--host=" + m.group(1), "--port=" + (m.group(2) == null ? "5432" : m.group(2)),
                "--username=" + user(), "--dbname=" + database, "--no-password"));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().put("PGPASSWORD", password());
        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(5, TimeUnit.MINUTES)).isTrue();
        assertThat(p.exitValue()).as(String.join(" ", command) + "\n" + output).isZero();
    }

    private static String[] on(String database, Path dataDir, String... more) {
        List<String> args = new ArrayList<>(List.of("--spring.datasource.url=" + url(database), "--spring.datasource.username=" + user(),
                "--spring.datasource.password=" + password(), "--contactpoint.data-dir=" + dataDir));
        args.addAll(List.of(more));
        return args.toArray(String[]::new);
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
    void aDumpTakenWhileServingRestoresEveryRowTheSealedFieldsAndAVerifiableAppendOnlyLog() throws Exception {
        admin("CREATE DATABASE " + LIVE);
        Path live = root.resolve("live");
        Path backup = root.resolve("backup");
        Files.createDirectories(backup);
        Path dump = backup.resolve("contactpoint.dump");
        Map<String, Long> counts;
        BackupDrill.Readable readable;
        try (ConfigurableApplicationContext service = BackupDrill.start(on(LIVE, live,
                "--contactpoint.demo.enabled=true", "--contactpoint.demo.children=" + BackupDrill.CHILDREN))) {
            BackupDrill.auditEvents(service, "before.backup", 40);
            counts = BackupDrill.counts(service);
            assertThat(counts.get("child")).isEqualTo(BackupDrill.CHILDREN);

            // pg_dump reads one snapshot: consistent while the service keeps writing.
            client("pg_dump", LIVE, "--format=custom", "--file=" + dump);
            copyDirectory(live.resolve("audit-checkpoints"), backup.resolve("audit-checkpoints"));

            readable = BackupDrill.readable(service);
            BackupDrill.auditEvents(service, "after.backup", 10);
        }

        admin("CREATE DATABASE " + RESTORED);
        client("pg_restore", RESTORED, "--no-owner", "--single-transaction", "--exit-on-error", dump.toString());

        Path restored = root.resolve("restored");
        copyDirectory(backup.resolve("audit-checkpoints"), restored.resolve("audit-checkpoints"));
        try (ConfigurableApplicationContext service = BackupDrill.start(on(RESTORED, restored, "--contactpoint.demo.enabled=false"))) {
            assertThat(BackupDrill.counts(service)).isEqualTo(counts);
            assertThat(BackupDrill.readable(service)).isEqualTo(readable);

            AuditVerifier verifier = service.getBean(AuditVerifier.class);
            AuditVerification intact = verifier.verify(backup.resolve("audit-checkpoints"));
            assertThat(intact.intact()).as(intact.problem()).isTrue();
            AuditVerification lost = verifier.verify(live.resolve("audit-checkpoints"));
            assertThat(lost.intact()).as("the live checkpoints cover events the dump does not hold").isFalse();
            assertThat(lost.problem()).matches("checkpoint \\d+ was removed from the database");

            // The restore brought the append-only triggers back with the rows (they come after the data in the dump).
            JdbcClient jdbc = service.getBean(JdbcClient.class);
            assertThatThrownBy(() -> jdbc.sql("DELETE FROM audit_event WHERE actor = 'before.backup'").update())
                    .rootCause().hasMessageContaining("append-only");

            BackupDrill.auditEvents(service, "after.restore", 5);
            AuditVerification carriesOn = verifier.verify();
            assertThat(carriesOn.intact()).as(carriesOn.problem()).isTrue();
        }
    }
}
