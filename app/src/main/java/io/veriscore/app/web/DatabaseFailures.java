package io.veriscore.app.web;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.List;
import org.hibernate.exception.JDBCConnectionException;

/** Tells a database that cannot be reached from a query that failed. */
public final class DatabaseFailures {

    /** SQLSTATE class 08, connection exception, and PostgreSQL's 57P0x: the server shut down or is starting. */
    private static final List<String> UNAVAILABLE_STATES = List.of("08", "57P01", "57P02", "57P03");

    private DatabaseFailures() {}

    public static boolean isUnavailable(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof JDBCConnectionException || t instanceof SQLTransientConnectionException) {
                return true;
            }
            if (t instanceof SQLException sql && (isConnectionState(sql.getSQLState()) || isPoolTimeout(sql))) {
                return true;
            }
        }
        return false;
    }

    private static boolean isConnectionState(String state) {
        return state != null && UNAVAILABLE_STATES.stream().anyMatch(state::startsWith);
    }

    /** Agroal reports an exhausted wait for a connection without a SQLSTATE. */
    private static boolean isPoolTimeout(SQLException e) {
        return e.getSQLState() == null && e.getMessage() != null && e.getMessage().contains("acquisition timeout");
    }
}
