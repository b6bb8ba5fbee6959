package ke.thibitisha.intake;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import ke.thibitisha.platform.Settings;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Contract §2 rule 13: at most {@code DIALER_MAX_CALLS_PER_NUMBER} payments dialled for one phone number in any
 * rolling 24 h. Daraja signs nothing, so a forged callback can name any phone; without this limit a script could
 * ring one person all night from the bank's caller ID.
 * <p>
 * Decided in the intake transaction, not in the dialer: the payment's outcome is then settled when Daraja gets its
 * answer, a throttled payment never takes a call slot or a dial message, an operator's redial (which does not pass
 * intake) stays possible as a deliberate override, and the count is a plain database fact shared by every node.
 * Callbacks for one number take turns on a row lock ({@link NumberLimitStripe}), so a thousand at once still ring it
 * only up to the limit; callbacks for different numbers rarely share a stripe, and then wait only milliseconds.
 */
@ApplicationScoped
public class NumberLimit {

    static final Duration WINDOW = Duration.ofHours(24);
    @Inject
    Settings settings;

    /** The limit, or 0 for none. */
    public int limit() {
        return settings.maxCallsPerNumber();
    }

    /**
     * How many payments each number had dialled (or on their way to it) in the last 24 h, for the numbers of one
     * intake group; numbers without any are left out. Call on the intake transaction's connection: the numbers'
     * stripes stay locked until it commits, taken in ascending order so that two nodes' groups cannot deadlock.
     * Plain JDBC with one array parameter, like the group's inserts: a JPQL {@code in} list of a new length costs a
     * query translation, and one statement serves every group size.
     */
    public Map<String, Long> recentCounts(Connection connection, Collection<String> e164s) throws SQLException {
        if (limit() <= 0 || e164s.isEmpty()) {
            return Map.of();
        }
        lock(connection, e164s);
        Map<String, Long> counts = new HashMap<>();
        // counted_phone is set only while a payment counts, so this reads at most about the limit's rows per number
        try (PreparedStatement count = connection.prepareStatement("select counted_phone, count(*) from payment"
                + " where counted_phone = any (?) and created_at > ? group by counted_phone")) {
            count.setArray(1, connection.createArrayOf("varchar", e164s.toArray()));
            count.setObject(2, Instant.now().minus(WINDOW).atOffset(ZoneOffset.UTC));
            try (ResultSet rows = count.executeQuery()) {
                while (rows.next()) {
                    counts.put(rows.getString(1), rows.getLong(2));
                }
            }
        }
        return counts;
    }

    /** {@code String.hashCode} is the same on every node. */
    private static void lock(Connection connection, Collection<String> e164s) throws SQLException {
        List<Integer> stripes = e164s.stream().map(e164 -> Math.floorMod(e164.hashCode(), NumberLimitStripe.STRIPES))
                .distinct().sorted().toList();
        int locked = 0;
        try (PreparedStatement lock = connection.prepareStatement(
                "select stripe from number_limit_stripe where stripe = any (?) order by stripe for update")) {
            lock.setArray(1, connection.createArrayOf("integer", stripes.toArray()));
            try (ResultSet rows = lock.executeQuery()) {
                while (rows.next()) {
                    locked++;
                }
            }
        }
        if (locked != stripes.size()) {
            throw new IllegalStateException("number_limit_stripe rows are missing (migration V20)");
        }
    }
}
