package network.ohc.caresync.api.web;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

/** Whether a failure means the database cannot be reached right now (then the answer is 503, never 500). */
final class DatabaseTrouble {

    private DatabaseTrouble() {
    }

    /** Anywhere in the chain: a pool timeout, a refused connection, or a connection the server dropped. */
    static boolean isDatabaseDown(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof SQLTransientConnectionException || cause instanceof ConnectException
                    || cause instanceof SQLException sql && isConnectionProblem(sql)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Connection exceptions (08), the server shutting down or not yet accepting connections (57P01-03), and a pooled
     * connection Hikari closed after its server went away (it says so without an SQL state).
     */
    private static boolean isConnectionProblem(SQLException e) {
        String state = e.getSQLState();
        if (state == null) {
            return "Connection is closed".equals(e.getMessage());
        }
        return state.startsWith("08") || state.equals("57P01") || state.equals("57P02") || state.equals("57P03");
    }
}
