package uk.contactpoint.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import uk.contactpoint.ContactPointApplication;
import uk.contactpoint.access.internal.TotpSecretCipher;

/**
 * {@code rotate-totp-keys} on an embedded database: a TOTP secret encrypted under an older key, still listed, is
 * re-encrypted under the first key and still opens to the same secret; a second run finds nothing to do; the run is
 * audited with its counts.
 */
class RotateTotpKeysCommandIT {

    private static final String OLD_KEY = "old:HyAhIiMkJSYnKCkqKywtLi8wMTIzNDU2Nzg5Ojs8PT4=";
    private static final String PROPERTY = "contactpoint.security.totp-keys";

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

    private String query(String sql) throws Exception {
        try (Connection c = database(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    @Test
    void shouldReencryptUnderTheFirstKeyWhatAnOlderKeyEncrypted() throws Exception {
        run("migrate", "--data-dir", data.toString());
        byte[] secret = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);
        String old = new TotpSecretCipher(OLD_KEY).encrypt(secret);
        String current = new TotpSecretCipher(TotpSecretCipher.DEV_KEYS).encrypt(secret);
        try (Connection c = database(); Statement s = c.createStatement()) {
            s.executeUpdate("INSERT INTO organisation (id, kind, name, sector) VALUES (1, 'SERVICE', 'Test team', 'HEALTH')");
            s.executeUpdate("INSERT INTO app_user (id, username, password_hash, display_name, organisation_id, created_at, totp_secret)"
                    + " VALUES (1, 'old-key-user', 'x', 'Old Key', 1, CURRENT_TIMESTAMP, '" + old + "')");
            s.executeUpdate("INSERT INTO app_user (id, username, password_hash, display_name, organisation_id, created_at, totp_secret)"
                    + " VALUES (2, 'current-key-user', 'x', 'Current Key', 1, CURRENT_TIMESTAMP, '" + current + "')");
        }
        System.setProperty(PROPERTY, TotpSecretCipher.DEV_KEYS + "," + OLD_KEY);

        assertThat(run("rotate-totp-keys", "--data-dir", data.toString())).contains("re-encrypted:       1")
                .contains("under current key:  1 already");

        String rotated = query("SELECT totp_secret FROM app_user WHERE id = 1");
        assertThat(rotated).startsWith("dev:").isNotEqualTo(old);
        assertThat(new TotpSecretCipher(TotpSecretCipher.DEV_KEYS).decrypt(rotated)).isEqualTo(secret);
        assertThat(query("SELECT totp_secret FROM app_user WHERE id = 2")).isEqualTo(current);
        assertThat(run("rotate-totp-keys", "--data-dir", data.toString())).contains("re-encrypted:       0")
                .contains("under current key:  2 already");
        assertThat(query("SELECT COUNT(*) FROM audit_event WHERE detail LIKE 'TOTP_KEYS_ROTATED user=0 reencrypted=1 current=1'"))
                .isEqualTo("1");
    }
}
