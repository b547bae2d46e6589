package io.confidencegateway.store;

import java.sql.SQLException;

/** A storage failure; the SQL state is kept, the statement text and parameters are not. */
public final class StoreException extends RuntimeException {

    public StoreException(SQLException cause) {
        super("storage failed (SQL state " + cause.getSQLState() + ")", cause);
    }

    /**
     * Whether the database refused the data itself (SQL state class 22, data exception, or 23, integrity
     * constraint violation): retrying the same statement cannot succeed, unlike a lost connection or a lock timeout.
     */
    public static boolean refusedData(Throwable failure) {
        if (!(failure instanceof StoreException) || !(failure.getCause() instanceof SQLException sql)) {
            return false;
        }
        String state = sql.getSQLState();
        return state != null && (state.startsWith("22") || state.startsWith("23"));
    }
}
