package uk.contactpoint.directory;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;

import javax.sql.DataSource;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Loads many rows straight into the directory's tables, for benchmarks and demos at national scale:
 * PostgreSQL's COPY where the database is PostgreSQL, batched inserts elsewhere (H2). Rows are loaded as
 * given, with no matching: the caller vouches for them. Runs inside the caller's transaction, so a load
 * that fails part-way leaves nothing behind.
 */
@Service
public class BulkLoad {

    /** The tables that can be bulk loaded, each with the columns a row gives, in order. */
    public enum Table {
        ORGANISATION("organisation", "id", "kind", "code", "name", "sector", "setting_type", "address_line1",
                "address_line2", "town", "postcode", "phone", "email", "local_authority", "accredited"),
        CHILD("child", "id", "contactpoint_id", "given_name", "middle_names", "family_name", "date_of_birth", "gender",
                "whereabouts", "address_line1", "address_line2", "town", "postcode", "date_of_death", "education_status",
                "responsible_la", "status", "shielded", "created_at", "updated_at"),
        CHILD_NAME("child_name", "child_id", "kind", "given_name", "family_name", "source", "as_of"),
        CARER("carer", "child_id", "given_name", "family_name", "relationship", "parental_responsibility", "has_care",
                "address_line1", "address_line2", "town", "postcode", "phone", "email", "source", "as_of"),
        CHILD_SETTING("child_setting", "child_id", "kind", "organisation_id", "start_date", "end_date", "source", "as_of"),
        INVOLVEMENT("involvement", "child_id", "service_type", "organisation_id", "practitioner_name", "team_name",
                "role", "phone", "email", "start_date", "end_date", "lead_professional", "caf_holder", "sensitive",
                "source", "as_of"),
        SOURCE_IDENTIFIER("source_identifier", "child_id", "scheme", "allocating_body", "identifier", "source", "as_of"),
        VALUE_PROVENANCE("value_provenance", "child_id", "field", "source", "as_of");

        private final String name;
        private final List<String> columns;

        Table(String name, String... columns) {
            this.name = name;
            this.columns = List.of(columns);
        }

        public List<String> columns() {
            return columns;
        }

        String sqlColumns() {
            return String.join(", ", columns);
        }
    }

    private static final int BATCH = 1_000;
    private static final int COPY_BUFFER = 1 << 20;

    private final DataSource dataSource;
    private final JdbcClient jdbc;

    BulkLoad(DataSource dataSource, JdbcClient jdbc) {
        this.dataSource = dataSource;
        this.jdbc = jdbc;
    }

    /**
     * Loads rows into a table. Each row has one value per column of the table, as text in the database's
     * input format (dates yyyy-MM-dd, booleans true/false); null means NULL.
     *
     * @return the number of rows loaded
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public long load(Table table, Iterator<String[]> rows) {
        Connection connection = DataSourceUtils.getConnection(dataSource);
        try {
            if (isPostgresql(connection)) {
                return copy(connection.unwrap(PGConnection.class), table, rows);
            }
            return insert(connection, table, rows);
        } catch (SQLException e) {
            throw new IllegalStateException("Bulk load of " + table.name + " failed: " + e.getMessage(), e);
        } finally {
            DataSourceUtils.releaseConnection(connection, dataSource);
        }
    }

    /** After loading rows with their own ids, moves each identity column past the highest id loaded. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void resetIdentities() {
        Connection connection = DataSourceUtils.getConnection(dataSource);
        try {
            boolean postgresql = isPostgresql(connection);
            for (String table : List.of("organisation", "child")) {
                long next = jdbc.sql("SELECT COALESCE(MAX(id), 0) + 1 FROM " + table).query(Long.class).single();
                if (postgresql) {
                    jdbc.sql("SELECT setval(pg_get_serial_sequence('" + table + "', 'id'), :next, false)")
                            .param("next", next).query(Long.class).single();
                } else {
                    jdbc.sql("ALTER TABLE " + table + " ALTER COLUMN id RESTART WITH " + next).update();
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        } finally {
            DataSourceUtils.releaseConnection(connection, dataSource);
        }
    }

    /** The database's size on disk, where the database can tell (PostgreSQL). */
    public OptionalLong databaseSize() {
        try (Connection connection = dataSource.getConnection()) {
            if (isPostgresql(connection)) {
                return OptionalLong.of(jdbc.sql("SELECT pg_database_size(current_database())").query(Long.class).single());
            }
            return OptionalLong.empty();
        } catch (SQLException e) {
            return OptionalLong.empty();
        }
    }

    private static boolean isPostgresql(Connection connection) throws SQLException {
        return connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT).contains("postgresql");
    }

    private static long copy(PGConnection pg, Table table, Iterator<String[]> rows) throws SQLException {
        CopyIn copy = pg.getCopyAPI().copyIn("COPY " + table.name + " (" + table.sqlColumns() + ") FROM STDIN WITH (FORMAT csv)");
        long count = 0;
        try {
            StringBuilder buffer = new StringBuilder(COPY_BUFFER + 4096);
            while (rows.hasNext()) {
                String[] row = rows.next();
                check(table, row);
                for (int i = 0; i < row.length; i++) {
                    if (i > 0) {
                        buffer.append(',');
                    }
                    if (row[i] != null) {
                        buffer.append('"').append(row[i].replace("\"", "\"\"")).append('"');
                    }
                }
                buffer.append('\n');
                count++;
                if (buffer.length() >= COPY_BUFFER) {
                    byte[] bytes = buffer.toString().getBytes(StandardCharsets.UTF_8);
                    copy.writeToCopy(bytes, 0, bytes.length);
                    buffer.setLength(0);
                }
            }
            byte[] bytes = buffer.toString().getBytes(StandardCharsets.UTF_8);
            copy.writeToCopy(bytes, 0, bytes.length);
            copy.endCopy();
            return count;
        } finally {
            if (copy.isActive()) {
                copy.cancelCopy();
            }
        }
    }

    private static long insert(Connection connection, Table table, Iterator<String[]> rows) throws SQLException {
        String marks = String.join(", ", table.columns.stream().map(c -> "?").toList());
        long count = 0;
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO " + table.name + " (" + table.sqlColumns() + ") VALUES (" + marks + ")")) {
            int pending = 0;
            while (rows.hasNext()) {
                String[] row = rows.next();
                check(table, row);
                for (int i = 0; i < row.length; i++) {
                    if (row[i] == null) {
                        insert.setNull(i + 1, Types.VARCHAR);
                    } else {
                        insert.setString(i + 1, row[i]);
                    }
                }
                insert.addBatch();
                count++;
                if (++pending == BATCH) {
                    insert.executeBatch();
                    pending = 0;
                }
            }
            if (pending > 0) {
                insert.executeBatch();
            }
        }
        return count;
    }

    private static void check(Table table, String[] row) {
        if (row.length != table.columns.size()) {
            throw new IllegalArgumentException("A row for " + table.name + " has " + row.length + " values; expected "
                    + table.columns.size());
        }
    }
}
