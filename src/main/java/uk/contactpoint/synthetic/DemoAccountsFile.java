package uk.contactpoint.synthetic;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * The demo accounts and their passwords, for whoever runs the demo: the only place the passwords exist
 * in clear. Written to a temporary file first (owner-only on POSIX systems) and moved into place, so that
 * a reader never sees half a file.
 */
final class DemoAccountsFile {

    static final String FILE_NAME = "demo-accounts.csv";
    static final String HEADER = "username,password,pin,totp_secret,role,organisation";

    private DemoAccountsFile() {
    }

    /**
     * One line of the file. The PIN and TOTP secret stay empty until the login issue provides them.
     *
     * @param roles the role names joined with "+"
     */
    record Credential(String username, String password, String pin, String totpSecret, String roles,
                      String organisation) {

        @Override
        public String toString() {
            return "Credential[roles=" + roles + "]";
        }
    }

    /** Writes (or replaces) the file in {@code directory}, creating the directory if needed. */
    static Path write(Path directory, List<Credential> credentials) {
        try {
            Files.createDirectories(directory);
            Path target = directory.resolve(FILE_NAME);
            // createTempFile makes the file readable by its owner only, and the move keeps that.
            Path temporary = Files.createTempFile(directory, "demo-accounts-", ".tmp");
            try (BufferedWriter out = Files.newBufferedWriter(temporary, StandardCharsets.UTF_8)) {
                out.write(HEADER);
                out.write('\n');
                for (Credential c : credentials) {
                    out.write(String.join(",", field(c.username()), field(c.password()), field(c.pin()),
                            field(c.totpSecret()), field(c.roles()), field(c.organisation())));
                    out.write('\n');
                }
            }
            try {
                Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the demo accounts file in " + directory, e);
        }
    }

    /** RFC 4180: quoted when it holds a comma, quote or line break, with quotes doubled. */
    static String field(String value) {
        if (value == null) {
            return "";
        }
        if (value.contains(",") || value.contains("\"") || value.contains("\n") || value.contains("\r")) {
            return '"' + value.replace("\"", "\"\"") + '"';
        }
        return value;
    }
}
