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

    @Override
    public List<Section> run(Rig rig, Path outDir) {
        BenchOptions options = rig.options();
        int count = options.count(2000, 40);
        long callMs = options.callMs(1000, 200);
        double ideal = Math.ceil(count / (double) options.cap()) * callMs / 1000.0;
        Duration budget = Duration.ofSeconds((long) (ideal * 2) + (options.smoke() ? 30 : 120));
        AtomicReference<QueueProbe> probe = new AtomicReference<>();
        SurgeRun.Outcome out = SurgeRun.run(rig, new SurgeRun.Plan("surge", count, callMs, budget,
                "surge: " + count + " payments, calls of " + callMs + " ms"), run -> {
                    run.awaitQueued();
                    probe.set(QueueProbe.take(run));
                }, outDir);

        Section section = Scenario.section("surge", count + " payments queued at once, calls of " + callMs + " ms", rig);
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
