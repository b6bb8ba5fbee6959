package ke.thibitisha.dialer;

import jakarta.enterprise.context.ApplicationScoped;
import ke.thibitisha.payments.AttemptStatus;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where a dialer thread waits for its call to end, and where the events endpoint tells it, so a terminal
 * event frees the slot within milliseconds instead of at the next status poll.
 */
@ApplicationScoped
public class CallCompletions {

    private final Map<Long, CompletableFuture<AttemptStatus>> waiting = new ConcurrentHashMap<>();

    CompletableFuture<AttemptStatus> register(long attemptId) {
        return waiting.computeIfAbsent(attemptId, id -> new CompletableFuture<>());
    }

    void forget(long attemptId) {
        waiting.remove(attemptId);
    }

    /** Called after the transaction that recorded the terminal status has committed. */
    public void completed(long attemptId, AttemptStatus status) {
        CompletableFuture<AttemptStatus> future = waiting.get(attemptId);
        if (future != null) {
            future.complete(status);
        }
    }

    public int inFlight() {
        return waiting.size();
    }
}
