package uk.contactpoint.cli;

import java.util.concurrent.Callable;

import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.simple.JdbcClient;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** Prints counts (never personal data) about the directory in the configured database. */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Print the schema version and counts of authorities, children, users and audit events.")
class StatusCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    SpringOptions options = new SpringOptions();

    @Override
    public Integer call() {
        return DatabaseJob.run(options.springArgs(), context -> {
            JdbcClient jdbc = context.getBean(JdbcClient.class);
            var out = spec.commandLine().getOut();
            var current = context.getBean(Flyway.class).info().current();
            out.println("schema version:      " + (current == null ? "none" : current.getVersion()));
            out.println("local authorities:   " + count(jdbc, "SELECT COUNT(*) FROM local_authority"));
            out.println("  practitioners live: " + count(jdbc, "SELECT COUNT(*) FROM local_authority WHERE live_state = 'PRACTITIONERS_LIVE'"));
            out.println("children:            " + count(jdbc, "SELECT COUNT(*) FROM child"));
            out.println("  live:              " + count(jdbc, "SELECT COUNT(*) FROM child WHERE status = 'LIVE'"));
            out.println("  shielded:          " + count(jdbc, "SELECT COUNT(*) FROM child WHERE shielded"));
            out.println("organisations:       " + count(jdbc, "SELECT COUNT(*) FROM organisation"));
            out.println("feed rows in review: " + count(jdbc, "SELECT COUNT(*) FROM ingest_review WHERE status = 'OPEN'"));
            out.println("  quarantined:       " + count(jdbc, "SELECT COUNT(*) FROM ingest_quarantine WHERE status = 'OPEN'"));
            out.println("source conflicts:    " + count(jdbc, "SELECT COUNT(*) FROM source_conflict WHERE status = 'OPEN'"));
            out.println("users:               " + count(jdbc, "SELECT COUNT(*) FROM app_user"));
            out.println("audit events:        " + count(jdbc, "SELECT COUNT(*) FROM audit_event"));
            return 0;
        });
    }

    private static long count(JdbcClient jdbc, String sql) {
        return jdbc.sql(sql).query(Long.class).single();
    }
}
