package ke.thibitisha.verification;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Keeps each paybill's queries within its own limits on this node, so that one paybill's backlog or slow Daraja
 * answers never hold up another's: a rate (queries per second, slots handed out in advance) and a cap on queries
 * waiting for Daraja at once (a bulkhead, so a slow paybill cannot occupy the whole verifier pool). A query that
 * may not go now is never waited for on a thread: its message comes back when its slot is due.
 */
@ApplicationScoped
class PaybillThrottle {

    /** A slot due this soon is taken at once. */
    private static final long PROMPT_NANOS = TimeUnit.MILLISECONDS.toNanos(20);
    /** The shortest wait of an order whose paybill has as many queries in flight as it may. */
    private static final Duration BULKHEAD_WAIT = Duration.ofMillis(100);

    @Inject
    DarajaSettings settings;

    private final Map<String, Lane> lanes = new ConcurrentHashMap<>();

    /** May the query go now, or how long must its message wait (and does it then hold a rate slot)? */
    sealed interface Admission permits Go, Wait {
    }

    /** Go ahead; {@link #release()} when Daraja has answered. */
    record Go(Lane lane) implements Admission {
        void release() {
            lane.inFlight.release();
        }
    }

    record Wait(Duration delay, boolean reserved, String why) implements Admission {
    }

    Admission admit(String shortcode, boolean holdsSlot) {
        Lane lane = lanes.computeIfAbsent(shortcode, code -> new Lane(settings.paybillConcurrency()));
        if (!lane.inFlight.tryAcquire()) {
            // back of the line: a later rate slot, not a fixed pause, so that however many orders wait for a slow
            // Daraja, at most the paybill's rate of them come back each second (a fixed pause made a backlog of
            // thousands spin through the queue several times a second each, starving the whole server)
            long wait = Math.max(lane.reserve(settings.queriesPerSecond()), BULKHEAD_WAIT.toNanos());
            return new Wait(Duration.ofNanos(wait), true, "paybill's queries in flight at the limit");
        }
        if (!holdsSlot) {
            long wait = lane.reserve(settings.queriesPerSecond());
            if (wait > PROMPT_NANOS) {
                lane.inFlight.release();
                return new Wait(Duration.ofNanos(wait), true, "paybill's query rate");
            }
        }
        return new Go(lane);
    }

    /** Daraja answered spike arrest or quota violation: this paybill's next slots start later. */
    void coolDown(String shortcode, Duration pause) {
        Lane lane = lanes.get(shortcode);
        if (lane != null) {
            lane.postpone(pause);
        }
    }

    /** Between half and one and a half times the delay, so retries spread out instead of arriving together. */
    static Duration jittered(Duration delay) {
        double factor = 0.5 + ThreadLocalRandom.current().nextDouble();
        return Duration.ofNanos((long) (delay.toNanos() * factor));
    }

    static final class Lane {
        private final Semaphore inFlight;
        private long nextSlot = System.nanoTime();

        Lane(int concurrency) {
            inFlight = new Semaphore(concurrency);
        }

        /** Takes the next free slot; returns how far in the future it is (0: now). */
        synchronized long reserve(double perSecond) {
            long now = System.nanoTime();
            long slot = Math.max(now, nextSlot);
            nextSlot = slot + (long) (1e9 / perSecond);
            return slot - now;
        }

        synchronized void postpone(Duration pause) {
            nextSlot = Math.max(nextSlot, System.nanoTime() + pause.toNanos());
        }
    }
}
