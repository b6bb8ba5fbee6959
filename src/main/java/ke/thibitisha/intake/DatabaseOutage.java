package ke.thibitisha.intake;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;

/**
 * Whether a failed intake transaction failed because the database could not be reached (no connection from the
 * pool, connection refused or lost, server shutting down), as opposed to something about the callbacks themselves.
 */
final class DatabaseOutage {

    private DatabaseOutage() {
    }

    static boolean causes(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLTransientConnectionException || t instanceof SQLNonTransientConnectionException
                    || t instanceof jakarta.resource.ResourceException) {
                return true;
            }
            // SQL state class 08: connection exception; 57P: PostgreSQL shutting down or restarting
            if (t instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P"))) {
                return true;
            }
        }
        return false;
    }
}
