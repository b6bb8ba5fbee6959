package ke.thibitisha.bench;

import ke.thibitisha.sim.daraja.DarajaLoad;
import ke.thibitisha.sim.daraja.DarajaPayloads;
import ke.thibitisha.sim.daraja.LoadReport;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * How heavy the server is: process start to the first answered callback on an empty data directory, then resident
 * memory after N unique STK callbacks (100,000 by default) posted by {@code wrk} with the shared script
 * {@code ../shared/peers/bench/stk.lua}, the same load generator the seed peer is measured with. Dialling is
 * paused (the dial queue is paused through the management CLI) so that memory is intake's, with every payment
 * still queued, as in a month-end surge.
 */
final class FootprintScenario implements Scenario {

    private static final String PAUSE_QUEUE = "/subsystem=messaging-activemq/server=default/jms-queue=ThibitishaCalls:pause";
    private static final String STK_PATH = "/thibitisha/api/daraja/" + AppClient.SHORTCODE + "/" + AppClient.TOKEN + "/stk";
    private static final Duration FIRST_ANSWER_LIMIT = Duration.ofMinutes(5);
    private static final double TARGET_START_SECONDS = 12;
    private static final double TARGET_RSS_MIB = 768;

    /** What wrk did, summed over its runs. */
    private record Load(long requests, long non2xx, double seconds, String generator) {
    }

    @Override
    public List<Section> run(Rig rig, Path outDir) {
        BenchOptions options = rig.options();
        int callbacks = options.count(100_000, 2_000);
        ServerProcess server = rig.server();

        server.stop();
        server.wipeData();
        long begin = System.nanoTime();
        Duration ready = server.start();
        double firstAnswer = firstAnsweredCallback(rig.app(), begin);
        long pid = server.pid();
        Footprint idle = Footprint.of(pid);

        server.cli(PAUSE_QUEUE);
        Load load = post(rig.app(), server.httpPort(), callbacks);
        Footprint loaded = Footprint.of(pid);
        Footprint live = Footprint.afterFullGc(pid);

        String xmx = ProcessHandle.of(pid).flatMap(p -> p.info().arguments()).stream().flatMap(Arrays::stream)
                .filter(a -> a.startsWith("-Xmx")).reduce((a, b) -> b).orElse("JVM default");
        Section section = Scenario.section("footprint", "server start to first answered callback, resident memory "
                + "after " + callbacks + " callbacks (wrk, dialling paused)", rig)
                .figure("process start → first STK callback answered 200 (empty data directory)",
                        String.format("%.1f s (ready at %.1f s)", firstAnswer, ready.toMillis() / 1000.0))
                .figure("idle, after the first callback", idle.describe())
                .figure("callbacks posted", String.format("%d in %.0f s (%.0f/s), %d not 2xx", load.requests(),
                        load.seconds(), load.requests() / Math.max(load.seconds(), 1e-9), load.non2xx()))
                .figure("after them", loaded.describe())
                .figure("after a full GC (live set)", String.format("heap used %.0f MiB", live.heapUsedMib()))
                .figure("heap limit", xmx + " (bin/standalone.conf), MALLOC_ARENA_MAX "
                        + System.getenv().getOrDefault("MALLOC_ARENA_MAX", "2 (bin/standalone.conf)"));
        section.note("Command: `./mvnw -q test-compile exec:java -Dexec.mainClass=ke.thibitisha.bench.Bench "
                + "-Dexec.args=\"footprint\"` (`--count=N` callbacks). Load generator: " + load.generator()
                + ", on the same cores as the server.");
        if (!options.smoke()) {
            section.check("start to first answered callback ≤ " + (int) TARGET_START_SECONDS + " s",
                            firstAnswer <= TARGET_START_SECONDS, String.format("%.1f s", firstAnswer))
                    .check("resident memory ≤ " + (int) TARGET_RSS_MIB + " MiB after " + callbacks + " callbacks",
                            loaded.peakRssMib() <= TARGET_RSS_MIB, String.format("peak %.0f MiB", loaded.peakRssMib()));
        }
        return List.of(section.check("every callback answered 2xx", load.non2xx() == 0 && load.requests() > 0,
                load.non2xx() + " of " + load.requests() + " not 2xx"));
    }

    /** Seconds from {@code begin} until one sample callback is answered 200. */
    private static double firstAnsweredCallback(AppClient app, long begin) {
        long deadline = begin + FIRST_ANSWER_LIMIT.toNanos();
        String body = DarajaPayloads.stkSuccess(1500, "254722123456");
        while (System.nanoTime() < deadline) {
            try {
                if (app.stkCallback(body).get(10, TimeUnit.SECONDS) == 200) {
                    return (System.nanoTime() - begin) / 1e9;
                }
            } catch (ExecutionException | TimeoutException e) {
                // not answering yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
            Pause.millis(50);
        }
        throw new IllegalStateException("no callback answered 200 within " + FIRST_ANSWER_LIMIT);
    }

    /**
     * wrk with the shared script in runs of up to 30 s until at least {@code callbacks} were sent; where wrk or the
     * script is missing, the bench's own generator at 200/s instead (said in the report).
     */
    private static Load post(AppClient app, int httpPort, int callbacks) {
        long requests = 0;
        long non2xx = 0;
        long begin = System.nanoTime();
        if (!Files.isReadable(Wrk.SCRIPT) || !onPath("wrk")) {
            LoadReport load;
            try {
                load = DarajaLoad.run(DarajaLoad.Options.defaults().baseUrl(app.baseUrl())
                        .shortcode(AppClient.SHORTCODE).token(AppClient.TOKEN).ratePerSecond(200).count(callbacks)
                        .requestTimeout(Duration.ofSeconds(10)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
            return new Load(load.sent(), load.errorsByStatus().values().stream().mapToLong(Integer::longValue).sum(),
                    (System.nanoTime() - begin) / 1e9, "the bench's own generator (no wrk or no " + Wrk.SCRIPT + ")");
        }
        String command = "";
        while (requests < callbacks) {
            Wrk.Result run = Wrk.run("http://127.0.0.1:" + httpPort, STK_PATH, 2, 16, Duration.ofSeconds(30));
            if (run.requests() == 0) {
                throw new IllegalStateException("wrk sent nothing: " + run.command());
            }
            requests += run.requests();
            non2xx += run.non2xx() + run.socketErrors();
            command = run.command();
            System.out.printf("footprint: %d of %d callbacks posted%n", requests, callbacks);
        }
        return new Load(requests, non2xx, (System.nanoTime() - begin) / 1e9, "`" + command + "`");
    }

    private static boolean onPath(String program) {
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(":"))
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, program)));
    }
}
