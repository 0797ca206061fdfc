package uk.contactpoint.reports;

import java.sql.Connection;
import java.sql.SQLException;

import javax.sql.DataSource;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Settings of the transaction a report runs in. On PostgreSQL the planner's JIT compilation is switched off for it:
 * the report queries are costed high enough to be compiled, and compiling their per-row expressions took about
 * 1.2 s of a 1.6 s data-quality query on 100,000 children (0.35 s without), for a query that runs once per page
 * (ADR 40).
 */
@Component
class ReportSession {

    private final JdbcClient jdbc;
    private final boolean postgres;

    ReportSession(JdbcClient jdbc, DataSource dataSource) throws SQLException {
        this.jdbc = jdbc;
        try (Connection c = dataSource.getConnection()) {
            this.postgres = c.getMetaData().getDatabaseProductName().toLowerCase(java.util.Locale.ROOT).contains("postgres");
        }
    }

    /** Call first inside the report's transaction. */
    void begin() {
        if (postgres) {
            jdbc.sql("SET LOCAL jit = off").update();
        }
    }
}
