package ke.thibitisha.bench;

import jakarta.json.JsonObject;
import ke.thibitisha.sim.DaemonThreads;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The common body of surge, crash and outage: N payments queued at once, every call answered after no ringing,
 * held for L ms and confirmed with "1"; a disturbance (nothing, kills, a Sautikit outage) running alongside from
 * the first callback; then the wait until the app has settled every payment, the simulator's log, the payments
 * audit and the chart.
 */
final class SurgeRun {

    /** Something done to the system while the surge runs (it starts with the first callback); returns when over. */
    interface Disturbance {
        Disturbance NONE = run -> { };

        void during(SurgeRun run);
    }

    /**
     * Which run: its name (file names), size, call length, how long the app may take to settle every payment once
     * the disturbance is over, and the chart's title.
     */
    record Plan(String name, int count, long callMs, Duration drainBudget, String title) {
    }

    private static final Duration DISTURBANCE_LIMIT = Duration.ofMinutes(30);
    private static final Duration QUEUEING_LIMIT = Duration.ofMinutes(15);

    /**
     * What a surge run observed; {@code drainSeconds} is null when the app did not settle in time, {@code serverCpu}
     * (the server's CPU time from the first callback to the last settlement) when it did not, or when the server
     * was restarted meanwhile.
     */
    record Outcome(Burst.Result burst, double queuedSeconds, Double drainSeconds, DialLog log, int simPeak,
                   int cap, PaymentAudit audit, int deadLetters, List<String> numbers, Duration serverCpu) {

        double idealSeconds(long callMs) {
            return Math.ceil(burst.accepted().size() / (double) cap) * callMs / 1000.0;
        }
    }

    private final Rig rig;
    private final Plan plan;
    private final long originNanos = System.nanoTime();
    private final List<Chart.Marker> markers = new CopyOnWriteArrayList<>();
    private final AtomicInteger accepted = new AtomicInteger();
    private final CountDownLatch queued = new CountDownLatch(1);

    private SurgeRun(Rig rig, Plan plan) {
        this.rig = rig;
        this.plan = plan;
    }

    /** Runs it; writes {@code <name>.png} and the simulator's log ({@code <name>-sim-*.json}) to {@code outDir}. */
    static Outcome run(Rig rig, Plan plan, Disturbance disturbance, Path outDir) {
        rig.freshSimulator("answer:0:" + plan.callMs() + ":1");
        List<Payments.Payment> payments = Payments.fresh(plan.count());
        SurgeRun run = new SurgeRun(rig, plan);
        ExecutorService disturber = Executors.newSingleThreadExecutor(DaemonThreads.named("bench-disturbance"));
        Sampler sampler = new Sampler(rig, run.accepted::get, run.originNanos);
        long serverPid = rig.server().pid();
        Duration cpuBefore = Machine.cpu(serverPid);
        try {
            CompletableFuture<Void> disturbing = CompletableFuture.runAsync(() -> disturbance.during(run), disturber);
            Burst.Result burst = Burst.send(rig.app(), payments, run.accepted);
            double queuedAt = run.seconds();
            run.mark("all queued");
            run.queued.countDown();
            disturbing.get(DISTURBANCE_LIMIT.toMillis(), TimeUnit.MILLISECONDS);
            Double drained = rig.app().awaitSettled(System.nanoTime() + plan.drainBudget().toNanos())
                    ? run.seconds() : null;
            Duration serverCpu = drained != null && rig.server().running() && rig.server().pid() == serverPid
                    ? Machine.cpu(serverPid).minus(cpuBefore) : null;
            if (drained != null) {
                run.mark("settled");
            }
            int simPeak = rig.sim().state().getInt("max_in_flight");
            sampler.stop();
            Chart.draw(outDir.resolve(plan.name() + ".png"), plan.title(), sampler.samples(), run.markers,
                    rig.options().cap());
            return run.outcome(payments, burst, queuedAt, drained, simPeak, serverCpu, outDir);
        } catch (ExecutionException e) {
            throw new IllegalStateException("the disturbance failed: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("the disturbance did not end within " + DISTURBANCE_LIMIT, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } finally {
            sampler.stop();
            disturber.shutdownNow();
        }
    }

    /** Reads what the simulator and the app ended up with and checks the run's payments against it. */
    private Outcome outcome(List<Payments.Payment> payments, Burst.Result burst, double queuedAt, Double drained,
                            int simPeak, Duration serverCpu, Path outDir) {
        DialLog log = rig.sim().dialLog(outDir.resolve(plan.name() + "-sim"));
        Set<Payments.Payment> answered = new HashSet<>(burst.accepted());
        List<String> unanswered = payments.stream().filter(p -> !answered.contains(p))
                .map(Payments.Payment::checkoutRequestId).toList();
        PaymentAudit audit = PaymentAudit.of(rig.app(),
                burst.accepted().stream().map(Payments.Payment::checkoutRequestId).toList(), unanswered);
        return new Outcome(burst, queuedAt, drained, log, simPeak, rig.options().cap(), audit,
                rig.app().stats().getInt("dead_letter_depth"),
                burst.accepted().stream().map(Payments.Payment::phone).toList(), serverCpu);
    }

    Rig rig() {
        return rig;
    }

    Plan plan() {
        return plan;
    }

    /** Seconds since the first callback was sent. */
    double seconds() {
        return (System.nanoTime() - originNanos) / 1e9;
    }

    /** A labelled vertical line on the chart, now. */
    void mark(String label) {
        markers.add(new Chart.Marker(seconds(), label));
    }

    /** Payments answered 200 so far. */
    int accepted() {
        return accepted.get();
    }

    /** Payments accepted but not dialled yet, from a simulator state: accepted minus calls created. */
    int notYetDialled(JsonObject simState) {
        return Math.max(0, accepted.get() - simState.getInt("calls"));
    }

    /** Calls the simulator has created in this run so far. */
    int callsCreated() {
        return rig.sim().state().getInt("calls");
    }

    /** True once every callback has been answered (or given up on). */
    boolean isQueued() {
        return queued.getCount() == 0;
    }

    /** Waits until every callback has been answered (or given up on). */
    void awaitQueued() {
        try {
            if (!queued.await(QUEUEING_LIMIT.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("callbacks still unanswered after " + QUEUEING_LIMIT);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
