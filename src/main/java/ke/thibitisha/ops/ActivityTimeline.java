package ke.thibitisha.ops;

import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import ke.thibitisha.payments.PaymentStatus;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * What happened in the last hours, counted per time bucket by the database: payments received, calls placed
 * (attempts requested) and payments settled, by outcome (a final status, counted when the payment last moved).
 */
@Stateless
public class ActivityTimeline {

    @PersistenceContext
    EntityManager em;

    /** Counts per bucket; bucket i starts at {@code from + i * step}. */
    public record Series(Instant from, Duration step, long[] received, long[] callsPlaced,
                         Map<PaymentStatus, long[]> outcomes) {
    }

    /** Buckets of {@code step} (whole seconds) from {@code from}, aligned on a multiple of the step, to now. */
    public Series since(Instant from, Duration step) {
        long seconds = step.toSeconds();
        Instant start = Instant.ofEpochSecond(from.getEpochSecond() / seconds * seconds);
        int buckets = (int) ((Instant.now().getEpochSecond() - start.getEpochSecond()) / seconds) + 1;
        // epoch seconds / step, floored: the same expression in select and group by, as PostgreSQL wants
        String bucketOf = "floor(extract(epoch from %s) / " + seconds + ")";
        long first = start.getEpochSecond() / seconds;

        long[] received = new long[buckets];
        em.createQuery("select " + bucketOf.formatted("p.createdAt") + ", count(p) from Payment p"
                        + " where p.createdAt >= :from group by " + bucketOf.formatted("p.createdAt"), Object[].class)
                .setParameter("from", start).getResultList()
                .forEach(row -> add(received, index(row[0], first), row[1]));

        long[] placed = new long[buckets];
        em.createQuery("select " + bucketOf.formatted("a.requestedAt") + ", count(a) from CallAttempt a"
                        + " where a.requestedAt >= :from group by " + bucketOf.formatted("a.requestedAt"), Object[].class)
                .setParameter("from", start).getResultList()
                .forEach(row -> add(placed, index(row[0], first), row[1]));

        Map<PaymentStatus, long[]> outcomes = new EnumMap<>(PaymentStatus.class);
        Stream.of(PaymentStatus.values()).filter(PaymentStatus::isFinal).filter(s -> s != PaymentStatus.REJECTED)
                .forEach(s -> outcomes.put(s, new long[buckets]));
        em.createQuery("select p.status, " + bucketOf.formatted("p.updatedAt") + ", count(p) from Payment p"
                        + " where p.updatedAt >= :from and p.status in :settled"
                        + " group by p.status, " + bucketOf.formatted("p.updatedAt"), Object[].class)
                .setParameter("from", start).setParameter("settled", outcomes.keySet()).getResultList()
                .forEach(row -> add(outcomes.get((PaymentStatus) row[0]), index(row[1], first), row[2]));
        return new Series(start, step, received, placed, outcomes);
    }

    private static int index(Object bucket, long first) {
        return (int) (((Number) bucket).longValue() - first);
    }

    private static void add(long[] counts, int index, Object count) {
        if (index >= 0 && index < counts.length) {
            counts[index] += ((Number) count).longValue();
        }
    }
}
