package ke.thibitisha.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code wrk} with the shared STK script ({@code ../shared/peers/bench/stk.lua}): a closed-loop generator in C that
 * costs the machine far less CPU per request than the harness's own, so a side-by-side run measures the servers.
 */
final class Wrk {

    /** The shared peers folder: {@code -Dpeers.dir=…} when the bench runs from a scratch copy of the tree. */
    static final Path PEERS = Path.of(System.getProperty("peers.dir", "../shared/peers"));
    static final Path SCRIPT = PEERS.resolve("bench/stk.lua");
    /** The shared script with a new phone number in every callback (none throttled, each queued for a call). */
    static final Path NEW_NUMBERS_SCRIPT = Path.of("src/test/resources/bench/stk-new-numbers.lua");
    /** The shared script, each connection waiting a fixed time after every answer: a load at about a given rate. */
    static final Path PACED_SCRIPT = Path.of("src/test/resources/bench/stk-paced.lua");
    private static final Pattern SUMMARY = Pattern.compile("stk\\.lua: (\\d+) requests in ([\\d.]+)s = ([\\d.]+) req/s;"
            + " latency p50 ([\\d.]+) ms, p90 ([\\d.]+) ms, p99 ([\\d.]+) ms.*non-2xx/3xx (\\d+), socket errors connect (\\d+)"
            + " read (\\d+) write (\\d+) timeout (\\d+)");

    /** What the script's {@code done()} printed. */
    record Result(long requests, double seconds, double perSecond, double p50Ms, double p99Ms, long non2xx,
                  long socketErrors, String command) {
    }

    private Wrk() {
    }

    /** {@code wrk -t2 -c32 -dNs -s stk.lua base -- path}. */
    static Result run(String baseUrl, String path, int threads, int connections, Duration length) {
        return run(SCRIPT, baseUrl, path, threads, connections, length);
    }

    static Result run(Path script, String baseUrl, String path, int threads, int connections, Duration length) {
        return run(script, Map.of(), baseUrl, path, threads, connections, length);
    }

    /**
     * About {@code rate} callbacks/s of the shared script: {@code connections} connections, each pausing
     * {@code connections / rate} seconds after every answer (so a little less than the rate; the result says how much).
     */
    static Result paced(String baseUrl, String path, int connections, int rate, Duration length) {
        long paceMs = Math.round(connections * 1000.0 / rate);
        return run(PACED_SCRIPT, Map.of("STK_SCRIPT", SCRIPT.toString(), "PACE_MS", Long.toString(paceMs)), baseUrl, path,
                2, connections, length);
    }

    private static Result run(Path script, Map<String, String> env, String baseUrl, String path, int threads,
                              int connections, Duration length) {
        List<String> command = List.of("wrk", "-t" + threads, "-c" + connections, "-d" + length.toSeconds() + "s",
                "-s", script.toString(), baseUrl, "--", path);
        String out = Commands.run(command, env, length.plusSeconds(60));
        Matcher m = SUMMARY.matcher(out);
        if (!m.find()) {
            throw new IllegalStateException("wrk printed no stk.lua summary:\n" + out);
        }
        return new Result(Long.parseLong(m.group(1)), Double.parseDouble(m.group(2)), Double.parseDouble(m.group(3)),
                Double.parseDouble(m.group(4)), Double.parseDouble(m.group(6)), Long.parseLong(m.group(7)),
                Long.parseLong(m.group(8)) + Long.parseLong(m.group(9)) + Long.parseLong(m.group(10))
                        + Long.parseLong(m.group(11)), envText(env) + String.join(" ", command));
    }

    private static String envText(Map<String, String> env) {
        StringBuilder text = new StringBuilder();
        env.forEach((name, value) -> text.append(name).append('=').append(value).append(' '));
        return text.toString();
    }
}
