package uk.contactpoint.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import uk.contactpoint.ContactPointApplication;
import uk.contactpoint.directory.SealedValues;
import uk.contactpoint.safeguards.internal.FieldKeys;

/**
 * {@code rotate-field-keys} on an embedded database: a value sealed under an older key, still listed, is re-encrypted
 * under the first key; a second run finds nothing to do.
 */
class RotateFieldKeysCommandIT {

    private static final String OLD_KEY = "old:HyAhIiMkJSYnKCkqKywtLi8wMTIzNDU2Nzg5Ojs8PT4=";
    private static final String PROPERTY = "contactpoint.safeguards.field-keys";

    @TempDir
    Path data;

    @AfterEach
    void forgetKeys() {
        System.clearProperty(PROPERTY);
    }

    private String run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine.application = ContactPointApplication.class;
        int exit = CommandLine.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        assertThat(exit).as(out + "\n" + err).isZero();
        return out.toString();
    }

    private Connection database() throws Exception {
        return DriverManager.getConnection("jdbc:h2:file:" + data.resolve("contactpoint")
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;AUTO_SERVER=TRUE", "sa", "");
    }

    private String sealedOfChild1() throws Exception {
        try (Connection c = database(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT sealed FROM child WHERE id = 1")) {
            rs.next();
            return rs.getString(1);
        }
    }

    @Test
    void shouldReencryptUnderTheFirstKeyWhatAnOlderKeySealed() throws Exception {
        run("migrate", "--data-dir", data.toString()); // the schema and the local authorities
        String value = SealedValues.encode("7 Quarry Street", null, "Leeds", "LS6 2AB");
        try (Connection c = database(); Statement s = c.createStatement()) {
            s.executeUpdate("INSERT INTO child (id, contactpoint_id, given_name, family_name, date_of_birth, gender, whereabouts,"
                    + " responsible_la, shielded, created_at, updated_at, sealed) VALUES (1, 'TEST00000001', 'A', 'B',"
                    + " DATE '2012-05-17', 'MALE', 'CURRENT_ADDRESS', 'E08000035', TRUE, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, '"
                    + FieldKeys.of(OLD_KEY).seal("child:1", value) + "')");
        }
        System.setProperty(PROPERTY, FieldKeys.DEV_KEYS + "," + OLD_KEY);

        assertThat(run("rotate-field-keys", "--data-dir", data.toString())).contains("re-encrypted:       1");

        String rotated = sealedOfChild1();
        assertThat(rotated).startsWith("dev:");
        assertThat(FieldKeys.of(FieldKeys.DEV_KEYS).open("child:1", rotated)).isEqualTo(value);
        assertThat(run("rotate-field-keys", "--data-dir", data.toString())).contains("re-encrypted:       0")
                .contains("under current key:  1 already");
    }
}
