package ke.thibitisha.intake;

import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Ids for raw rows and payments, taken before the group insert so that each row names the other when it is
 * inserted. Same scheme as Hibernate's pooled-lo optimizer on the same sequences (V30, persistence.xml): one
 * {@code nextval} v reserves v .. v+49, so a sequence read costs one statement per 50 rows.
 */
@ApplicationScoped
class IntakeIds {

    private static final int BLOCK = 50;

    private final Block raw = new Block("raw_callback_seq");
    private final Block payment = new Block("payment_seq");

    long nextRaw(Connection connection) throws SQLException {
        return raw.next(connection);
    }

    long nextPayment(Connection connection) throws SQLException {
        return payment.next(connection);
    }

    private static final class Block {
        private final String sequence;
        private long next;
        private long end;

        Block(String sequence) {
            this.sequence = sequence;
        }

        synchronized long next(Connection connection) throws SQLException {
            if (next == end) {
                try (Statement statement = connection.createStatement();
                     ResultSet value = statement.executeQuery("select nextval('" + sequence + "')")) {
                    value.next();
                    next = value.getLong(1);
                    end = next + BLOCK;
                }
            }
            return next++;
        }
    }
}
