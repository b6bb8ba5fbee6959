package ke.thibitisha.ops;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import ke.thibitisha.payments.PaymentRepository;
import ke.thibitisha.payments.PaymentStatus;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * What happened in the last hours, per time bucket: payments received, calls placed (attempts requested) and
 * payments settled, by outcome (a final status, counted when the payment last moved). The database gives the
 * times (its portable JPQL has no epoch arithmetic to bucket with); they are counted here.
 */
@Stateless
public class ActivityTimeline {

    @Inject
    PaymentRepository payments;

    /** Counts per bucket; bucket i starts at {@code from + i * step}. */
    public record Series(Instant from, Duration step, long[] received, long[] callsPlaced,
                         Map<PaymentStatus, long[]> outcomes) {
    }

    /** Buckets of {@code step} (whole seconds) from {@code from}, aligned on a multiple of the step, to now. */
    public Series since(Instant from, Duration step) {
        long seconds = step.toSeconds();
        Instant start = Instant.ofEpochSecond(from.getEpochSecond() / seconds * seconds);
        int buckets = (int) ((Instant.now().getEpochSecond() - start.getEpochSecond()) / seconds) + 1;
        Function<Instant, Integer> bucket = at -> (int) ((at.getEpochSecond() - start.getEpochSecond()) / seconds);

        long[] received = new long[buckets];
        payments.forEachReceivedSince(start, at -> add(received, bucket.apply(at)));

        long[] placed = new long[buckets];
        payments.forEachCallRequestedSince(start, at -> add(placed, bucket.apply(at)));

        Map<PaymentStatus, long[]> outcomes = new EnumMap<>(PaymentStatus.class);
        Stream.of(PaymentStatus.values()).filter(PaymentStatus::isFinal).filter(s -> s != PaymentStatus.REJECTED)
                .forEach(s -> outcomes.put(s, new long[buckets]));
        payments.forEachSettledSince(start, outcomes.keySet(), (status, at) -> add(outcomes.get(status), bucket.apply(at)));
        return new Series(start, step, received, placed, outcomes);
    }

    private static void add(long[] counts, int index) {
        if (index >= 0 && index < counts.length) {
            counts[index]++;
        }
    }
}
