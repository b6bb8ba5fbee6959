package ke.thibitisha.bench;

import jakarta.json.JsonObject;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The common body of surge, crash and outage: N payments queued at once, every call answered after no ringing,
 * held for L ms and confirmed with "1"; a disturbance (nothing, kills, a Sautikit outage) while they drain; then
 * the wait until the app has settled every payment, the simulator's log, the payments audit and the chart.
 */
final class SurgeRun {

    /** Something done to the system once all payments are queued; returns when it is over. */
    interface Disturbance {
        Disturbance NONE = run -> { };

        void during(SurgeRun run);
    }

    /** What a surge run observed; {@code drainSeconds} is null when the app did not settle in time. */
    record Outcome(Burst.Result burst, double queuedSeconds, Double drainSeconds, DialLog log, int simPeak,
                   int cap, PaymentAudit audit, List<Chart.Marker> markers, List<String> numbers) {

        double idealSeconds(long callMs) {
            return Math.ceil(burst.accepted().size() / (double) cap) * callMs / 1000.0;
        }
    }

    private final Rig rig;
    private final long originNanos = System.nanoTime();
    private final List<Chart.Marker> markers = new CopyOnWriteArrayList<>();
    private final AtomicInteger accepted = new AtomicInteger();

    private SurgeRun(Rig rig) {
        this.rig = rig;
    }

    static Outcome run(Rig rig, int count, long callMs, Duration drainBudget, Disturbance disturbance, Path chart,
                       String title) {
        rig.sim().reset();
        rig.sim().defaultScript("answer:0:" + callMs + ":1");
        List<Payments.Payment> payments = Payments.fresh(count);
        SurgeRun run = new SurgeRun(rig);
        try (Sampler sampler = new Sampler(rig, run.accepted::get, run.originNanos)) {
            Burst.Result burst = Burst.send(rig.app(), payments, run.accepted);
            double queued = run.seconds();
            run.mark("all queued");
            disturbance.during(run);
            Double drained = rig.app().awaitSettled(run.originNanos + drainBudget.toNanos()) ? run.seconds() : null;
            if (drained != null) {
                run.mark("settled");
            }
            int simPeak = rig.sim().state().getInt("max_in_flight");
            sampler.close();
            DialLog log = rig.sim().dialLog();
            Chart.draw(chart, title, sampler.samples(), run.markers, rig.options().cap());
            List<String> numbers = burst.accepted().stream().map(Payments.Payment::phone).toList();
            List<String> acceptedIds = burst.accepted().stream().map(Payments.Payment::checkoutRequestId).toList();
            Set<Payments.Payment> accepted = new HashSet<>(burst.accepted());
            List<String> unanswered = payments.stream().filter(p -> !accepted.contains(p))
                    .map(Payments.Payment::checkoutRequestId).toList();
            PaymentAudit audit = PaymentAudit.of(rig.app(), acceptedIds, unanswered);
            return new Outcome(burst, queued, drained, log, simPeak, rig.options().cap(), audit,
                    List.copyOf(run.markers), numbers);
        }
    }

    Rig rig() {
        return rig;
    }

    /** Seconds since the first callback was sent. */
    double seconds() {
        return (System.nanoTime() - originNanos) / 1e9;
    }

    /** A labelled vertical line on the chart, now. */
    void mark(String label) {
        markers.add(new Chart.Marker(seconds(), label));
    }

    /** Payments accepted but not dialled yet, from a simulator state: accepted minus calls created. */
    int notYetDialled(JsonObject simState) {
        return Math.max(0, accepted.get() - simState.getInt("calls"));
    }

    /** Calls the simulator has created in this run so far. */
    int callsCreated() {
        return rig.sim().state().getInt("calls");
    }

    int accepted() {
        return accepted.get();
    }
}
