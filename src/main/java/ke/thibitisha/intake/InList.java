package ke.thibitisha.intake;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/**
 * The placeholders of a JDBC {@code in (…)} list, padded to the next power of two by repeating the last value, so
 * that groups of every size share a handful of statements in the pool's prepared-statement cache.
 */
final class InList {

    private InList() {
    }

    static String placeholders(int values) {
        return "?" + ", ?".repeat(padded(values) - 1);
    }

    /** Binds the values from {@code first} on, padded; returns the index after the list. */
    static int bind(PreparedStatement statement, int first, List<?> values) throws SQLException {
        int size = padded(values.size());
        for (int i = 0; i < size; i++) {
            statement.setObject(first + i, values.get(Math.min(i, values.size() - 1)));
        }
        return first + size;
    }

    static int padded(int values) {
        if (values < 1) {
            throw new IllegalArgumentException("an in list needs at least one value");
        }
        return values == 1 ? 1 : Integer.highestOneBit(values - 1) << 1;
    }
}
