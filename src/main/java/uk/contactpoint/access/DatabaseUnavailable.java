package uk.contactpoint.access;

import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

/**
 * Whether a failure means the database cannot be used at the moment (unreachable, restarting, read-only, out of
 * disk or of connections), rather than that this request was wrong. Such a failure is answered with 503 and no
 * child data: without the database there is no audit, and without audit there is no data (ADR 47). Kept in the
 * access module, which every module that answers requests may use.
 */
public final class DatabaseUnavailable {

    private DatabaseUnavailable() {
    }

    /** Whether {@code failure}, or anything that caused it, says the database is unavailable. */
    public static boolean is(Throwable failure) {
        int depth = 0;
        for (Throwable t = failure; t != null && depth < 20; t = t.getCause(), depth++) {
            if (t instanceof CannotCreateTransactionException
                    || t instanceof DataAccessResourceFailureException || t instanceof TransientDataAccessResourceException
                    || t instanceof SQLTransientConnectionException || t instanceof SQLRecoverableException
                    // a rollback on a connection the pool already closed: Hikari's "Connection is closed" has no SQLSTATE
                    || t instanceof TransactionSystemException && t.getCause() instanceof SQLException) {
                return true;
            }
            if (t instanceof SQLException sql && unavailableState(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    /**
     * SQLSTATEs of an unavailable database: class 08 (connection exception), 25006 (read-only transaction), class 53
     * (insufficient resources: disk full, out of memory, too many connections), 57P01-57P03 (administrator or crash
     * shutdown, cannot connect now), and H2's 90098 (database closed) and 90028 (I/O).
     */
    static boolean unavailableState(String state) {
        if (state == null) {
            return false;
        }
        return state.startsWith("08") || state.equals("25006") || state.startsWith("53") || state.equals("57P01")
                || state.equals("57P02") || state.equals("57P03") || state.equals("90098") || state.equals("90028");
    }
}
