package ke.thibitisha.bench;

import ke.thibitisha.sim.daraja.DarajaPayloads;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How heavy the server is: process start to the first answered callback on an empty data directory, then resident
 * memory after N unique STK callbacks (100,000 by default) posted by {@code wrk} with the shared script
 * {@code ../shared/peers/bench/stk.lua}, the same load generator the seed peer is measured with. Dialling is
 * paused (the dial queue is paused through the management CLI) so that memory is intake's, with every payment
 * still queued, as in a month-end surge.
 */
final class FootprintScenario implements Scenario {

    private static final String PAUSE_QUEUE = "/subsystem=messaging-activemq/server=default/jms-queue=ThibitishaCalls:pause";
    private static final Path STK_SCRIPT = Path.of("..", "shared", "peers", "bench", "stk.lua");
    private static final String STK_PATH = "/thibitisha/api/daraja/" + AppClient.SHORTCODE + "/" + AppClient.TOKEN + "/stk";
    private static final Pattern REQUESTS = Pattern.compile("(\\d+) requests in");
    private static final Pattern NON_2XX = Pattern.compile("Non-2xx or 3xx responses: (\\d+)");
    private static final Duration FIRST_ANSWER_LIMIT = Duration.ofMinutes(5);
    private static final double TARGET_START_SECONDS = 12;
    private static final double TARGET_RSS_MIB = 768;

    /** What wrk did, summed over its runs. */
    private record Load(long requests, long non2xx, double seconds) {
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
        Load load = post(server.httpPort(), callbacks);
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
                + "-Dexec.args=\"footprint\"` (`--count=N` callbacks). The load generator is `wrk -t2 -c16` with "
                + "`../shared/peers/bench/stk.lua`, on the same cores as the server.");
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

    /** wrk in runs of up to 30 s until at least {@code callbacks} requests were sent. */
    private static Load post(int httpPort, int callbacks) {
        if (!Files.isReadable(STK_SCRIPT)) {
            throw new IllegalStateException("the shared wrk script is missing: " + STK_SCRIPT.toAbsolutePath());
        }
        long requests = 0;
        long non2xx = 0;
        long begin = System.nanoTime();
        while (requests < callbacks) {
            List<String> command = new ArrayList<>(List.of("wrk", "-t2", "-c16", "-d30s", "-s", STK_SCRIPT.toString(),
                    "http://127.0.0.1:" + httpPort, "--", STK_PATH));
            String out = Commands.run(command, Duration.ofMinutes(2));
            long sent = first(REQUESTS, out);
            if (sent == 0) {
                throw new IllegalStateException("wrk sent nothing: " + out.strip());
            }
            requests += sent;
            non2xx += first(NON_2XX, out);
            System.out.printf("footprint: %d of %d callbacks posted%n", requests, callbacks);
        }
        return new Load(requests, non2xx, (System.nanoTime() - begin) / 1e9);
    }

    private static long first(Pattern pattern, String text) {
        Matcher matcher = pattern.matcher(text);
        return matcher.find() ? Long.parseLong(matcher.group(1)) : 0;
    }
}
