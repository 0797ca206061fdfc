package uk.contactpoint.access.internal;

import java.sql.Connection;
import java.sql.SQLException;

import javax.sql.DataSource;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.session.config.SessionRepositoryCustomizer;
import org.springframework.session.jdbc.JdbcIndexedSessionRepository;

/**
 * Every request moves its session's last access time, so every request commits an update of the session row.
 * On PostgreSQL that update commits without waiting for the write-ahead log to reach the disk (ADR 19): a
 * crash can lose the last fraction of a second of those touches, which at worst makes a session expire a
 * little early or (when the same transaction changed the session id or its sign-in state) sends the user
 * back to sign in. Deleting a session (sign-out, expiry, a revoked account) keeps its own statement and stays
 * durable, so a crash never brings back a session that was ended. The audit event of a search or record view
 * commits in its own transaction, synchronously, before the response is written.
 */
@Configuration(proxyBeanMethods = false)
class SessionTouchConfiguration {

    static final String UPDATE_SESSION = """
            UPDATE %TABLE_NAME% SET SESSION_ID = ?, LAST_ACCESS_TIME = ?, MAX_INACTIVE_INTERVAL = ?, EXPIRY_TIME = ?,
                PRINCIPAL_NAME = ?
            WHERE PRIMARY_ID = ? AND set_config('synchronous_commit', 'off', true) IS NOT NULL""";

    @Bean
    SessionRepositoryCustomizer<JdbcIndexedSessionRepository> asynchronousSessionTouch(DataSource dataSource) {
        boolean postgres = postgres(dataSource);
        return repository -> {
            if (postgres) {
                repository.setUpdateSessionQuery(UPDATE_SESSION);
            }
        };
    }

    private static boolean postgres(DataSource dataSource) {
        try (Connection c = dataSource.getConnection()) {
            return "PostgreSQL".equals(c.getMetaData().getDatabaseProductName());
        } catch (SQLException e) {
            return false;
        }
    }
}
