package ke.thibitisha.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

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
        Duration budget = Duration.ofSeconds((long) (ideal * 3) + 120);
        SurgeRun.Outcome out = SurgeRun.run(rig, count, callMs, budget, SurgeRun.Disturbance.NONE,
                outDir.resolve("surge.png"), "surge: " + count + " payments, calls of " + callMs + " ms");

        Section section = Scenario.section("surge", count + " payments queued at once, calls of " + callMs + " ms", rig);
        SurgeFigures.queueing(section, out, count);
        SurgeFigures.drain(section, out, callMs);
        SurgeFigures.calls(section, out);
        section.check("the dialer fills every slot (peak in flight = cap)", out.simPeak() == out.cap(),
                "peak " + out.simPeak());
        section.image("surge.png", "calls in flight and queue depth during the surge");
        return List.of(section);
    }
}
