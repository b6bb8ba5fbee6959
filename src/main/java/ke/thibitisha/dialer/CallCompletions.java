package ke.thibitisha.dialer;

import jakarta.enterprise.context.ApplicationScoped;
import ke.thibitisha.payments.AttemptStatus;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The attempts this node's dialer holds (one thread each), and where that thread waits for its call to end.
 * A terminal outcome reaching any node of the cluster wakes it through {@link CallEndSignal}, so the slot is
 * freed within milliseconds instead of at the next status poll.
 */
@ApplicationScoped
public class CallCompletions {

    private final Map<Long, CompletableFuture<AttemptStatus>> waiting = new ConcurrentHashMap<>();

    /** Takes the attempt for the calling thread; empty when another thread of this node holds it already. */
    Optional<CompletableFuture<AttemptStatus>> hold(long attemptId) {
        CompletableFuture<AttemptStatus> mine = new CompletableFuture<>();
        return waiting.putIfAbsent(attemptId, mine) == null ? Optional.of(mine) : Optional.empty();
    }

    boolean isHeld(long attemptId) {
        return waiting.containsKey(attemptId);
    }

    void forget(long attemptId) {
        waiting.remove(attemptId);
    }

    /** Called once the transaction that recorded the terminal status has committed. */
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
