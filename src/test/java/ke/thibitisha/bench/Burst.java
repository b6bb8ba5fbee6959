package ke.thibitisha.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** Posts many callbacks as fast as the app takes them, a bounded number at a time: "queued at once". */
final class Burst {

    private static final int IN_FLIGHT = 32;

    record Result(List<Payments.Payment> accepted, Map<String, Integer> errors, Duration took) {
    }

    private Burst() {
    }

    /** {@code acceptedSoFar} counts the 200 answers as they come, for whoever samples the run meanwhile. */
    static Result send(AppClient app, List<Payments.Payment> payments, AtomicInteger acceptedSoFar) {
        Semaphore permits = new Semaphore(IN_FLIGHT);
        ConcurrentLinkedQueue<Payments.Payment> accepted = new ConcurrentLinkedQueue<>();
        Map<String, Integer> errors = new ConcurrentHashMap<>();
        List<CompletableFuture<?>> pending = new ArrayList<>();
        Instant start = Instant.now();
        for (Payments.Payment payment : payments) {
            permits.acquireUninterruptibly();
            pending.add(app.stkCallback(payment.body()).handle((status, failure) -> {
                permits.release();
                if (failure != null) {
                    errors.merge(failure.getClass().getSimpleName(), 1, Integer::sum);
                } else if (status == 200) {
                    accepted.add(payment);
                    acceptedSoFar.incrementAndGet();
                } else {
                    errors.merge("HTTP " + status, 1, Integer::sum);
                }
                return null;
            }));
        }
        try {
            CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).get(2, TimeUnit.MINUTES);
        } catch (Exception e) {
            errors.merge("unfinished", 1, Integer::sum);
        }
        return new Result(List.copyOf(accepted), new TreeMap<>(errors), Duration.between(start, Instant.now()));
    }
}
