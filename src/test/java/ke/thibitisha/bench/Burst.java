package ke.thibitisha.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Posts many callbacks as fast as the app takes them, a bounded number at a time: "queued at once". A callback
 * that gets no answer (the server is down or restarting) is sent again, byte for byte, until it is answered, as a
 * persistent sender would: the app must then count it once.
 */
final class Burst {

    private static final int IN_FLIGHT = 32;
    private static final Duration RESEND_AFTER = Duration.ofMillis(500);
    private static final Duration GIVE_UP_AFTER = Duration.ofMinutes(5);
    private static final Executor RESEND_DELAY = CompletableFuture.delayedExecutor(RESEND_AFTER.toMillis(),
            TimeUnit.MILLISECONDS);

    /** Payments answered 200, the other answers by kind, resends after no answer, time until the last answer. */
    record Result(List<Payments.Payment> accepted, Map<String, Integer> errors, int resends, Duration took) {
    }

    private Burst() {
    }

    /** {@code acceptedSoFar} counts the 200 answers as they come, for whoever watches the run meanwhile. */
    static Result send(AppClient app, List<Payments.Payment> payments, AtomicInteger acceptedSoFar) {
        Semaphore permits = new Semaphore(IN_FLIGHT);
        ConcurrentLinkedQueue<Payments.Payment> accepted = new ConcurrentLinkedQueue<>();
        Map<String, Integer> errors = new ConcurrentHashMap<>();
        AtomicInteger resends = new AtomicInteger();
        List<CompletableFuture<Integer>> pending = new ArrayList<>();
        long begin = System.nanoTime();
        for (Payments.Payment payment : payments) {
            permits.acquireUninterruptibly();
            pending.add(answered(app, payment.body(), System.nanoTime() + GIVE_UP_AFTER.toNanos(), resends)
                    .whenComplete((status, failure) -> {
                        permits.release();
                        if (failure != null) {
                            errors.merge("no answer within " + GIVE_UP_AFTER.toMinutes() + " min", 1, Integer::sum);
                        } else if (status == 200) {
                            accepted.add(payment);
                            acceptedSoFar.incrementAndGet();
                        } else {
                            errors.merge("HTTP " + status, 1, Integer::sum);
                        }
                    }));
        }
        try {
            CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new))
                    .get(GIVE_UP_AFTER.toMinutes() * 2, TimeUnit.MINUTES);
        } catch (Exception e) {
            errors.merge("unfinished", 1, Integer::sum);
        }
        return new Result(List.copyOf(accepted), new TreeMap<>(errors), resends.get(),
                Duration.ofNanos(System.nanoTime() - begin));
    }

    /** The HTTP status of the first answer, resending the same body while there is none. */
    private static CompletableFuture<Integer> answered(AppClient app, String body, long deadlineNanos,
                                                       AtomicInteger resends) {
        return app.stkCallback(body).handle((status, failure) -> {
            if (failure == null) {
                return CompletableFuture.completedFuture(status);
            }
            if (System.nanoTime() > deadlineNanos) {
                return CompletableFuture.<Integer>failedFuture(failure);
            }
            resends.incrementAndGet();
            return CompletableFuture.supplyAsync(() -> null, RESEND_DELAY)
                    .thenCompose(ignored -> answered(app, body, deadlineNanos, resends));
        }).thenCompose(future -> future);
    }
}
