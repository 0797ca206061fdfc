package uk.contactpoint.directory.internal;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.stereotype.Component;

import com.zaxxer.hikari.HikariDataSource;

/**
 * On PostgreSQL, lets the driver send a JDBC batch of inserts as multi-row INSERT statements
 * ({@code reWriteBatchedInserts}): bulk ingestion writes tens of thousands of rows per chunk, and one
 * statement per row costs a round trip each. Other databases are left as configured (H2 refuses unknown
 * connection settings).
 */
@Component
class PostgresBatching implements BeanPostProcessor {

    @Override
    public Object postProcessBeforeInitialization(Object bean, String beanName) {
        if (bean instanceof HikariDataSource hikari && hikari.getJdbcUrl() != null
                && hikari.getJdbcUrl().startsWith("jdbc:postgresql:")) {
            hikari.addDataSourceProperty("reWriteBatchedInserts", "true");
        }
        return bean;
    }
}
