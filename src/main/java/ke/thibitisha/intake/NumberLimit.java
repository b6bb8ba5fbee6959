package ke.thibitisha.intake;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import ke.thibitisha.platform.Settings;

import java.time.Duration;
import java.time.Instant;
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
    @PersistenceContext
    EntityManager em;
    @Inject
    Settings settings;

    /** The limit, or 0 for none. */
    public int limit() {
        return settings.maxCallsPerNumber();
    }

    /**
     * How many payments each number had dialled (or on their way to it) in the last 24 h, for the numbers of one
     * intake group; numbers without any are left out. Call inside the intake transaction: the numbers' stripes
     * stay locked until it commits, taken in ascending order so that two nodes' groups cannot deadlock.
     */
    public Map<String, Long> recentCounts(Collection<String> e164s) {
        if (limit() <= 0 || e164s.isEmpty()) {
            return Map.of();
        }
        lock(e164s);
        Map<String, Long> counts = new HashMap<>();
        // counted_phone is set only while a payment counts, so this reads at most about the limit's rows per number
        List<Object[]> rows = em.createQuery("select p.countedPhone, count(p) from Payment p where p.countedPhone in :phones"
                        + " and p.createdAt > :since group by p.countedPhone", Object[].class)
                .setParameter("phones", e164s).setParameter("since", Instant.now().minus(WINDOW)).getResultList();
        rows.forEach(row -> counts.put((String) row[0], (Long) row[1]));
        return counts;
    }

    /** {@code String.hashCode} is the same on every node. */
    private void lock(Collection<String> e164s) {
        List<Integer> stripes = e164s.stream().map(e164 -> Math.floorMod(e164.hashCode(), NumberLimitStripe.STRIPES))
                .distinct().sorted().toList();
        int locked = em.createQuery("select s from NumberLimitStripe s where s.stripe in :stripes order by s.stripe",
                        NumberLimitStripe.class)
                .setParameter("stripes", stripes).setLockMode(LockModeType.PESSIMISTIC_WRITE).getResultList().size();
        if (locked != stripes.size()) {
            throw new IllegalStateException("number_limit_stripe rows are missing (migration V20)");
        }
    }
}
