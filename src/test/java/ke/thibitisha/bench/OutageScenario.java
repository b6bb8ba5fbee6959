package ke.thibitisha.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A surge with a Sautikit outage in the middle, once a third of the calls are placed: first half every /v1 request
 * answers 503, second half every answer comes 2 s after the app's read timeout (the request is processed, so calls
 * exist that the app never heard of). Then Sautikit is healthy again and the backlog must drain, without
 * duplicates and without dropping a payment.
 */
final class OutageScenario implements Scenario {

    /** The app's default SAUTIKIT_READ_TIMEOUT is 10 s. */
    private static final Duration LATE_ANSWER = Duration.ofSeconds(12);

    @Override
    public List<Section> run(Rig rig, Path outDir) {
        BenchOptions options = rig.options();
        int count = options.count(2000, 40);
        long callMs = options.callMs(1000, 200);
        int outageSeconds = options.outageSeconds(60, 4);
        double ideal = Math.ceil(count / (double) options.cap()) * callMs / 1000.0;
        // after Sautikit is back, dial orders come back only after DIALER_PAUSE_INTERVAL (30 s; 5 s in smoke runs)
        Duration budget = Duration.ofSeconds((long) (ideal * 2) + (options.smoke() ? 5 + 30 : 30 + 120));
        Outage outage = new Outage(outageSeconds, Duration.ofSeconds((long) (ideal * 2) + 120));
        SurgeRun.Outcome out = SurgeRun.run(rig, new SurgeRun.Plan("outage", count, callMs, budget,
                "outage: " + count + " payments, calls of " + callMs + " ms, Sautikit down " + outageSeconds + " s"),
                outage, outDir);

        Section section = Scenario.section("outage", count + " payments, calls of " + callMs + " ms; Sautikit answers "
                + "503 for " + outageSeconds / 2.0 + " s, then answers after the read timeout for " + outageSeconds / 2.0
                + " s", rig);
        SurgeFigures.queueing(section, out, count);
        section.figure("outage", String.format("%.1f s → %.1f s", outage.startedAt, outage.recoveredAt))
                .figure("calls placed after recovery", Long.toString(out.log().callsCreatedFrom(outage.recovered)));
        if (out.drainSeconds() != null) {
            section.figure("time to drain after recovery", String.format("%.1f s", out.drainSeconds() - outage.recoveredAt));
        }
        SurgeFigures.drain(section, out, callMs);
        SurgeFigures.calls(section, out);
        section.image("outage.png", "calls in flight and queue depth through the outage");
        return List.of(section);
    }

    /** Waits for a third of the calls, then takes Sautikit down (503s, then late answers) and brings it back. */
    private static final class Outage implements SurgeRun.Disturbance {

        private final int seconds;
        private final Duration maxWait;
        private double startedAt;
        private Instant recovered;
        private double recoveredAt;

        Outage(int seconds, Duration maxWait) {
            this.seconds = seconds;
            this.maxWait = maxWait;
        }

        @Override
        public void during(SurgeRun run) {
            long deadline = System.nanoTime() + maxWait.toNanos();
            while (run.callsCreated() < run.plan().count() / 3 && System.nanoTime() < deadline) {
                Pause.millis(100);
            }
            SimControl sim = run.rig().sim();
            startedAt = run.seconds();
            run.mark("503s");
            sim.failEverything(503);
            Pause.millis(seconds * 500L);
            sim.healthy();
            sim.slowAnswers(LATE_ANSWER);
            run.mark("time-outs");
            Pause.millis(seconds * 500L);
            sim.healthy();
            recovered = Instant.now();
            recoveredAt = run.seconds();
            run.mark("healthy");
        }
    }
}
