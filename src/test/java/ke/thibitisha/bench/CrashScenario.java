package ke.thibitisha.bench;

import jakarta.json.JsonObject;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A surge during which the server JVM is killed with SIGKILL at random moments and started again on the same
 * data: nothing accepted may be lost, nothing dialled twice, and the cap must hold across restarts.
 */
final class CrashScenario implements Scenario {

    private record Kill(double atSeconds, int accepted, int simInFlight, int notYetDialled, double restartSeconds) {
    }

    @Override
    public List<Section> run(Rig rig, Path outDir) {
        BenchOptions options = rig.options();
        int count = options.count(2000, 40);
        long callMs = options.callMs(1000, 1000);
        int kills = options.kills(3, 1);
        long seed = options.seed();
        double ideal = Math.ceil(count / (double) options.cap()) * callMs / 1000.0;
        // counted from the last restart: redelivery delays and status polls come on top of the calls
        Duration budget = Duration.ofSeconds((long) (ideal * 2) + (options.smoke() ? 60 : 300));
        List<Kill> done = new ArrayList<>();
        SurgeRun.Outcome out = SurgeRun.run(rig, new SurgeRun.Plan("crash", count, callMs, budget,
                        "crash: " + count + " payments, calls of " + callMs + " ms, " + kills + " x kill -9"),
                run -> killAtRandom(run, kills, new Random(seed), ideal, done), outDir);

        Section section = Scenario.section("crash", count + " payments, calls of " + callMs + " ms, "
                + kills + " × kill -9 of the server at random moments, the first while callbacks arrive (seed "
                + seed + ")", rig);
        SurgeFigures.queueing(section, out, count);
        section.table(List.of("kill", "at", "payments accepted so far", "calls in flight at Sautikit",
                "accepted, not yet dialled", "restart to ready"), done.stream().map(k -> List.of(
                Integer.toString(done.indexOf(k) + 1), String.format("%.1f s", k.atSeconds()),
                Integer.toString(k.accepted()), Integer.toString(k.simInFlight()), Integer.toString(k.notYetDialled()),
                String.format("%.1f s", k.restartSeconds()))).toList());
        SurgeFigures.drain(section, out, callMs);
        SurgeFigures.calls(section, out);
        section.image("crash.png", "calls in flight and queue depth across the kills");
        return List.of(section);
    }

    /**
     * The first kill comes while callbacks are still arriving (after a random share of them was accepted), the
     * others at sorted random moments of the expected drain; each kill waits for the previous restart.
     */
    private static void killAtRandom(SurgeRun run, int kills, Random random, double idealSeconds, List<Kill> done) {
        if (kills == 0) {
            return;
        }
        int threshold = (int) (run.plan().count() * (0.2 + 0.6 * random.nextDouble()));
        while (run.accepted() < threshold && !run.isQueued()) {
            Pause.millis(20);
        }
        kill(run, done);
        run.awaitQueued();
        double from = run.seconds() + 1;
        double[] moments = random.doubles(kills - 1, from, from + Math.max(2, idealSeconds * 0.8)).sorted().toArray();
        for (double moment : moments) {
            Pause.millis((long) ((moment - run.seconds()) * 1000));
            kill(run, done);
        }
    }

    private static void kill(SurgeRun run, List<Kill> done) {
        JsonObject sim = run.rig().sim().state();
        int accepted = run.accepted();
        double at = run.seconds();
        run.mark("kill -9");
        run.rig().server().kill9();
        Duration restart = run.rig().server().start();
        run.mark("ready");
        done.add(new Kill(at, accepted, sim.getInt("in_flight"), run.notYetDialled(sim), restart.toMillis() / 1000.0));
    }
}
