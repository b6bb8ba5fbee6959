package ke.thibitisha.bench;

import jakarta.json.JsonObject;
import ke.thibitisha.sim.DaemonThreads;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;

/**
 * Samples, every ~200 ms, the calls in flight at the simulator and the true backlog (payments accepted minus calls
 * the simulator has created), and every ~1 s the app's own view (GET /api/stats: calls in flight and queue depth),
 * carried over to the samples in between. The app is asked less often because the observer must not be part of
 * the load: at 5 per second, its stats queries took 8 % of the server's CPU during a surge (JFR, 2 December).
 */
final class Sampler {

    /** One sample; -1 where the app did not answer (e.g. while it restarts). */
    record Sample(double seconds, int simInFlight, int appInFlight, int queueDepth, int backlog) {
    }

    private static final Duration PERIOD = Duration.ofMillis(200);
    private static final int APP_EVERY = 5;

    private final Rig rig;
    private final IntSupplier accepted;
    private final long originNanos;
    private final List<Sample> samples = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("bench-sampler"));
    // touched by the timer's one thread only
    private int tick;
    private int appInFlight = -1;
    private int queueDepth = -1;

    Sampler(Rig rig, IntSupplier accepted, long originNanos) {
        this.rig = rig;
        this.accepted = accepted;
        this.originNanos = originNanos;
        timer.scheduleWithFixedDelay(this::sample, 0, PERIOD.toMillis(), TimeUnit.MILLISECONDS);
    }

    List<Sample> samples() {
        return List.copyOf(samples);
    }

    private void sample() {
        try {
            double seconds = (System.nanoTime() - originNanos) / 1e9;
            JsonObject sim = rig.sim().state();
            if (tick++ % APP_EVERY == 0) {
                readApp();
            }
            samples.add(new Sample(seconds, sim.getInt("in_flight"), appInFlight, queueDepth,
                    Math.max(0, accepted.getAsInt() - sim.getInt("calls"))));
        } catch (RuntimeException e) {
            // a missed sample; the next one comes 200 ms later
        }
    }

    private void readApp() {
        appInFlight = -1;
        queueDepth = -1;
        if (rig.server().running()) {
            try {
                JsonObject stats = rig.app().stats();
                appInFlight = stats.getInt("calls_in_flight");
                queueDepth = stats.getInt("queue_depth");
            } catch (RuntimeException e) {
                // restarting or overloaded: a gap in the app's lines
            }
        }
    }

    /** Stops sampling; safe to call more than once. */
    void stop() {
        timer.shutdownNow();
    }
}
