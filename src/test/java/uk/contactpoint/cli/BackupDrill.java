package uk.contactpoint.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import uk.contactpoint.ContactPointApplication;
import uk.contactpoint.audit.AuditAction;
import uk.contactpoint.audit.AuditEvent;
import uk.contactpoint.audit.AuditLog;
import uk.contactpoint.audit.AuditOutcome;
import uk.contactpoint.audit.AuditVerifier;
import uk.contactpoint.directory.ChildForMatching;
import uk.contactpoint.directory.ChildRecord;
import uk.contactpoint.directory.Directory;
import uk.contactpoint.safeguards.ProtectedFields;

/**
 * What the backup and restore tests share: a directory to back up (the demo population, with shielded children
 * whose addresses are sealed, accounts, and audit events with sealed personal values, all sealed into signed
 * checkpoints), and what must be the same after a restore.
 */
final class BackupDrill {

    /** Tables whose row counts a restore must give back exactly. */
    static final List<String> TABLES = List.of("flyway_schema_history", "local_authority", "organisation", "child", "carer",
            "involvement", "source_identifier", "app_user", "audit_event", "audit_event_child", "audit_seal", "audit_checkpoint",
            "audit_subject_key");

    static final int CHILDREN = 300;

    private BackupDrill() {
    }

    /** Starts the application without its web server and without timed jobs, on the database these arguments name. */
    static ConfigurableApplicationContext start(String... args) {
        List<String> all = new ArrayList<>(Arrays.asList(args));
        all.add("--contactpoint.scheduling.enabled=false");
        all.add("--logging.level.root=WARN");
        return new SpringApplicationBuilder(ContactPointApplication.class)
                .web(WebApplicationType.NONE)
                .bannerMode(Banner.Mode.OFF)
                .logStartupInfo(false)
                .run(all.toArray(String[]::new));
    }

    /** Writes {@code n} audit events (every third with search values sealed under a per-child key) and seals them. */
    static void auditEvents(ConfigurableApplicationContext context, String actor, int n) {
        AuditLog log = context.getBean(AuditLog.class);
        JdbcClient jdbc = context.getBean(JdbcClient.class);
        List<Long> children = jdbc.sql("SELECT id FROM child ORDER BY id").query(Long.class).list();
        context.getBean(TransactionTemplate.class).executeWithoutResult(s -> {
            for (int i = 0; i < n; i++) {
                long child = children.get(i % children.size());
                log.record(new AuditEvent(Instant.now(), actor, "Drill school", "ROLE_PRACTITIONER", null, "192.0.2.7", "drill",
                        AuditAction.SEARCH, List.of(child), null, AuditOutcome.SUCCESS, "results=1"), i % 3 == 0 ? "family=Drill" + i : null);
            }
        });
        context.getBean(AuditVerifier.class).sealNow();
    }

    /** Row counts a restore must give back exactly (read before anything else, since opening a sealed field is audited). */
    static Map<String, Long> counts(ConfigurableApplicationContext context) {
        JdbcClient jdbc = context.getBean(JdbcClient.class);
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String table : TABLES) {
            counts.put(table, jdbc.sql("SELECT COUNT(*) FROM " + table).query(Long.class).single());
        }
        return counts;
    }

    /** One shielded child's record and its sealed address opened, as a restore must give them back. */
    record Readable(ChildRecord shieldedChild, List<String> openedAddress) {
    }

    static Readable readable(ConfigurableApplicationContext context) {
        JdbcClient jdbc = context.getBean(JdbcClient.class);
        long shielded = jdbc.sql("SELECT MIN(id) FROM child WHERE shielded AND sealed IS NOT NULL").query(Long.class).single();
        Directory directory = context.getBean(Directory.class);
        ChildRecord record = directory.find(shielded).orElseThrow();
        // Opening the sealed address needs the field key the backup was made under (ADR 26): the database alone is not enough.
        ChildForMatching opened = context.getBean(TransactionTemplate.class).execute(s -> context.getBean(ProtectedFields.class)
                .openForMatching(directory.forMatching(List.of(shielded)), "backup drill").get(0));
        assertThat(opened.postcode()).as("the sealed address opens").isNotBlank();
        return new Readable(record, Arrays.asList(opened.postcode(), opened.addressLine1(), opened.town()));
    }

    /** Runs a command of the command line as an operator would; returns its output. */
    static String command(int expectedExit, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine.application = ContactPointApplication.class;
        int exit = CommandLine.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        assertThat(exit).as(out + "\n" + err).isEqualTo(expectedExit);
        return out.toString();
    }
}
