package uk.contactpoint.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import uk.contactpoint.ContactPointApplication;

/**
 * {@code audit-verify} on an embedded database: exit 0 on an intact log (sealing first with {@code --seal}),
 * exit 1 with the first bad event's id once a covered event has been altered behind the service's back.
 */
class AuditVerifyCommandIT {

    @TempDir
    Path data;

    private String run(int expectedExit, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine.application = ContactPointApplication.class;
        int exit = CommandLine.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        assertThat(exit).as(out + "\n" + err).isEqualTo(expectedExit);
        return out.toString();
    }

    private void sql(String... statements) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + data.resolve("contactpoint")
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;AUTO_SERVER=TRUE", "sa", "");
             Statement s = c.createStatement()) {
            for (String statement : statements) {
                s.executeUpdate(statement);
            }
        }
    }

    @Test
    void shouldExitZeroOnAnIntactLogAndOneWithTheFirstBadEventOnceAnEventIsAltered() throws Exception {
        assertThat(run(0, "audit-verify", "--data-dir", data.toString(), "--seal")).contains("chain intact");
        sql("INSERT INTO audit_event (occurred_at, actor, action, child_ids, outcome) VALUES (CURRENT_TIMESTAMP, 'alice', 'SEARCH', '1', 'SUCCESS')",
                "INSERT INTO audit_event (occurred_at, actor, action, child_ids, outcome) VALUES (CURRENT_TIMESTAMP, 'bob', 'RECORD_VIEW', '2', 'SUCCESS')",
                "INSERT INTO audit_event (occurred_at, actor, action, child_ids, outcome) VALUES (CURRENT_TIMESTAMP, 'carol', 'LOGIN', '', 'SUCCESS')");

        String sealed = run(0, "audit-verify", "--data-dir", data.toString(), "--seal");
        assertThat(sealed).contains("sealed:           3 events").contains("covered:          3 events, chain intact");
        assertThat(data.resolve("audit-checkpoints")).isDirectoryContaining("glob:**checkpoint-*.txt");

        sql("UPDATE audit_event SET actor = 'mallory' WHERE actor = 'bob'");
        String tampered = run(AuditVerifyCommand.TAMPERED, "audit-verify", "--data-dir", data.toString());
        assertThat(tampered).contains("TAMPERED").contains("first bad event:  2");
    }
}
