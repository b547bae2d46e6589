package io.confidencegateway.store;

import java.sql.SQLException;

/** A storage failure; the SQL state is kept, the statement text and parameters are not. */
public final class StoreException extends RuntimeException {

    public StoreException(SQLException cause) {
        super("storage failed (SQL state " + cause.getSQLState() + ")", cause);
    }
}
