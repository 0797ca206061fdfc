package uk.contactpoint.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.jdbc.UncategorizedSQLException;
import org.springframework.transaction.CannotCreateTransactionException;

/** Which failures mean "the database is unavailable, answer 503" (ADR 47), and which are the request's own fault. */
class DatabaseUnavailableTest {

    private static RuntimeException wrapped(SQLException sql) {
        return new UncategorizedSQLException("statement", "SELECT ...", sql);
    }

    @ParameterizedTest
    @ValueSource(strings = {"08006", "08001", "08003", "25006", "53100", "53200", "53300", "57P01", "57P02", "57P03", "90098"})
    void aConnectionFailureAReadOnlyOrFullDatabaseOrAShutdownIsUnavailability(String state) {
        assertThat(DatabaseUnavailable.is(wrapped(new SQLException("failed", state)))).isTrue();
        assertThat(DatabaseUnavailable.is(new IllegalStateException("rendering", wrapped(new SQLException("failed", state))))).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"23505", "23503", "22001", "42P01", "40001", "57014"})
    void aConstraintADataErrorAMissingTableOrASerialisationFailureIsNot(String state) {
        assertThat(DatabaseUnavailable.is(wrapped(new SQLException("failed", state)))).isFalse();
    }

    @Test
    void springsAndHikarisWaysOfSayingNoConnectionAreUnavailability() {
        assertThat(DatabaseUnavailable.is(new CannotCreateTransactionException("no connection",
                new SQLTransientConnectionException("HikariPool-1 - Connection is not available")))).isTrue();
        assertThat(DatabaseUnavailable.is(new DataAccessResourceFailureException("I/O error"))).isTrue();
    }

    @Test
    void otherFailuresAreNot() {
        assertThat(DatabaseUnavailable.is(new DataIntegrityViolationException("duplicate"))).isFalse();
        assertThat(DatabaseUnavailable.is(new IllegalArgumentException("bad date"))).isFalse();
        assertThat(DatabaseUnavailable.is(new SQLException("no state"))).isFalse();
        assertThat(DatabaseUnavailable.is(null)).isFalse();
    }
}
