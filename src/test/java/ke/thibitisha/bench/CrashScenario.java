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

    private record Kill(double atSeconds, int simInFlight, int notYetDialled, double restartSeconds) {
    }

    @Override
    public List<Section> run(Rig rig, Path outDir) {
        BenchOptions options = rig.options();
        int count = options.count(2000, 40);
        long callMs = options.callMs(1000, 1000);
        int kills = options.kills(3, 1);
        long seed = options.seed();
        double ideal = Math.ceil(count / (double) options.cap()) * callMs / 1000.0;
        // each restart adds its own start-up time to the drain: allow up to 5 minutes each
        Duration budget = Duration.ofSeconds((long) (ideal * 3) + 120 + 300L * kills);
        List<Kill> done = new ArrayList<>();
        SurgeRun.Outcome out = SurgeRun.run(rig, count, callMs, budget,
                run -> killAtRandom(run, kills, new Random(seed), ideal, done),
                outDir.resolve("crash.png"), "crash: " + count + " payments, calls of " + callMs + " ms, "
                        + kills + " x kill -9");

        Section section = Scenario.section("crash", count + " payments, calls of " + callMs + " ms, "
                + kills + " × kill -9 of the server at random moments (seed " + seed + ")", rig);
        SurgeFigures.queueing(section, out, count);
        section.table(List.of("kill", "at", "calls in flight at Sautikit", "payments not yet dialled",
                "restart to ready"), done.stream().map(k -> List.of(
                Integer.toString(done.indexOf(k) + 1), String.format("%.1f s", k.atSeconds()),
                Integer.toString(k.simInFlight()), Integer.toString(k.notYetDialled()),
                String.format("%.1f s", k.restartSeconds()))).toList());
        SurgeFigures.drain(section, out, callMs);
        SurgeFigures.calls(section, out);
        JsonObject stats = rig.app().stats();
        section.figure("dead-letter depth at the end", Integer.toString(stats.getInt("dead_letter_depth")));
        section.check("nothing in the dead-letter queue", stats.getInt("dead_letter_depth") == 0,
                stats.getInt("dead_letter_depth") + " messages");
        section.image("crash.png", "calls in flight and queue depth across the kills");
        return List.of(section);
    }

    /** Kills at sorted random moments within the expected drain, each after the previous restart is ready. */
    private static void killAtRandom(SurgeRun run, int kills, Random random, double idealSeconds, List<Kill> done) {
        double from = run.seconds() + 1;
        double to = from + Math.max(2, idealSeconds * 0.8);
        double[] moments = random.doubles(kills, from, to).sorted().toArray();
        for (double moment : moments) {
            Pause.millis((long) ((moment - run.seconds()) * 1000));
            JsonObject sim = run.rig().sim().state();
            double at = run.seconds();
            run.mark("kill -9");
            run.rig().server().kill9();
            Duration restart = run.rig().server().start();
            run.mark("ready");
            done.add(new Kill(at, sim.getInt("in_flight"), run.notYetDialled(sim), restart.toMillis() / 1000.0));
        }
    }
}
