package ke.thibitisha.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * N payments queued at once, calls of fixed length L: how close the drain comes to the ideal ⌈N / cap⌉ × L, and
 * whether the dialer keeps exactly cap calls in flight (no fewer: slots wasted; no more: the cap breached).
 */
final class SurgeScenario implements Scenario {

    private static final int WARM_UP_CALLS = 2400;
    private static final long WARM_UP_CALL_MS = 400;

    @Override
    public List<Section> run(Rig rig, Path outDir) {
        BenchOptions options = rig.options();
        int count = options.count(2000, 40);
        long callMs = options.callMs(1000, 200);
        double ideal = Math.ceil(count / (double) options.cap()) * callMs / 1000.0;
        Duration budget = Duration.ofSeconds((long) (ideal * 2) + (options.smoke() ? 30 : 120));
        // The JIT takes minutes on 2 cores: a cold server's first calls say more about the compiler than about the
        // call path, so the full run first drains surges of the same calls (figures not kept; a call's length
        // changes nothing in the app's path, so they are short). 200 calls were not enough: after them the compiler
        // threads still took a quarter of the server's CPU during the measured surge, and still half a core after
        // 1,500; 2,400 take about 3 minutes.
        int warmUp = options.warmUp(WARM_UP_CALLS);
        if (warmUp > 0) {
            long warmCallMs = Math.min(callMs, WARM_UP_CALL_MS);
            Duration warmBudget = Duration.ofSeconds((long) (Math.ceil(warmUp / (double) options.cap()) * warmCallMs / 1000.0 * 3) + 120);
            SurgeRun.Outcome warm = SurgeRun.run(rig, new SurgeRun.Plan("surge-warm-up", warmUp, warmCallMs, warmBudget,
                    "warm-up: " + warmUp + " payments, calls of " + warmCallMs + " ms"), SurgeRun.Disturbance.NONE, outDir);
            System.out.printf("surge warm-up: %d calls of %d ms drained in %s s%n", warmUp, warmCallMs,
                    warm.drainSeconds() == null ? "(not settled)" : String.format("%.1f", warm.drainSeconds()));
        }
        AtomicReference<QueueProbe> probe = new AtomicReference<>();
        SurgeRun.Outcome out = SurgeRun.run(rig, new SurgeRun.Plan("surge", count, callMs, budget,
                "surge: " + count + " payments, calls of " + callMs + " ms"), run -> {
                    run.awaitQueued();
                    probe.set(QueueProbe.take(run));
                }, outDir);

        Section section = Scenario.section("surge", count + " payments queued at once, calls of " + callMs + " ms"
                + (warmUp > 0 ? ", after a warm-up surge of " + warmUp : ""), rig);
        SurgeFigures.queueing(section, out, count);
        SurgeFigures.drain(section, out, callMs);
        SurgeFigures.calls(section, out);
        section.figure("queue depth once all were queued", probe.get().describe());
        section.check("GET /api/stats queue_depth shows the backlog (within 10 % or the cap)", probe.get().plausible(
                out.cap()), probe.get().appQueueDepth() + " reported, " + probe.get().notYetDialled() + " waiting");
        section.check("the dialer fills every slot (peak in flight = cap)", out.simPeak() == out.cap(),
                "peak " + out.simPeak());
        section.image("surge.png", "calls in flight and queue depth during the surge");
        return List.of(section);
    }
}
