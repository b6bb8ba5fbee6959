package ke.thibitisha.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * HAProxy ({@code /usr/sbin/haproxy}, Debian package {@code haproxy}) in front of the nodes of a drill, as a bank
 * runs a pair (contract §8): one public URL for Daraja's callbacks, Sautikit's voice callbacks and events, each node
 * health-checked on {@code /health/ready} every second (out after two failed checks, each allowed 5 s: on a busy
 * machine the check itself can take longer than a second, and a flapping node cuts Sautikit's voice callbacks off);
 * a node back UP is given new requests by degrees ({@link #SLOWSTART_SECONDS}, least connections first). A request that found a node gone or suspending (connection refused or reset, 503) is sent to the other
 * node: Thibitisha stores a callback once whatever how often it arrives, so a retry is safe.
 */
final class LoadBalancer {

    private static final String HAPROXY = "/usr/sbin/haproxy";

    /**
     * A node that comes back UP gets its share of new requests by degrees over this long ({@code slowstart}), and
     * no more than the other node has in progress ({@code balance leastconn}): a node just started answers its first
     * requests slowly (cold JIT, pools still filling), and at full share on a busy machine they waited over 10 s.
     */
    static final int SLOWSTART_SECONDS = 30;

    /** A backend server: its HTTP port (traffic) and management port (readiness). */
    record Backend(String name, int httpPort, int managementPort) {
    }

    /** An access-log line of {@code option httplog}: backend/server, the five timers, status, bytes, cookies, termination state. */
    private static final Pattern ACCESS = Pattern.compile(
            " (\\S+)/(\\S+) -?\\d+/-?\\d+/-?\\d+/-?\\d+/\\+?-?\\d+ (\\d{3}) \\+?\\d+ \\S+ \\S+ (\\S{4}) \\d+/\\d+/\\d+/\\d+/(\\+?\\d+) ");

    private final int port;
    private final Process process;
    private final Path log;

    private LoadBalancer(int port, Process process, Path log) {
        this.port = port;
        this.process = process;
        this.log = log;
    }

    /**
     * Starts HAProxy with its configuration in {@code dir} and its log ({@code option httplog}: which server answered
     * each request, with HAProxy's termination state, and every health check that changed a server's state) in
     * {@code logDir/haproxy.log}.
     */
    static LoadBalancer start(int port, List<Backend> backends, Path dir, Path logDir) {
        if (!Files.isExecutable(Path.of(HAPROXY))) {
            throw new IllegalStateException(HAPROXY + " is missing: apt-get install haproxy");
        }
        Path config = dir.resolve("haproxy.cfg");
        Path log = logDir.resolve("haproxy.log");
        String servers = backends.stream().map(b -> String.format(
                        "  server %s 127.0.0.1:%d check port %d inter 1s fall 2 rise 2 slowstart %ds", b.name(), b.httpPort(), b.managementPort(), SLOWSTART_SECONDS))
                .collect(Collectors.joining("\n"));
        String text = """
                global
                  maxconn 4096
                  log stdout format iso local0 info
                defaults
                  mode http
                  log global
                  option httplog
                  option log-health-checks
                  timeout connect 2s
                  timeout client 60s
                  timeout server 60s
                  timeout queue 30s
                  timeout check 5s
                  option http-buffer-request
                  retries 5
                  retry-on conn-failure empty-response 404 503
                  option redispatch 1
                frontend thibitisha
                  bind 127.0.0.1:%d
                  default_backend nodes
                backend nodes
                  balance leastconn
                  option httpchk GET /health/ready
                  http-check expect status 200
                %s
                """.formatted(port, servers);
        Process process;
        try {
            Files.createDirectories(dir);
            Files.createDirectories(logDir);
            Files.writeString(config, text);
            process = new ProcessBuilder(HAPROXY, "-db", "-f", config.toString()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + HAPROXY, e);
        }
        ProcessReaper.track(process.toHandle());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!ServerProcess.listening(port)) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                ProcessReaper.kill(process.toHandle());
                throw new IllegalStateException("HAProxy did not come up; see " + log);
            }
            Pause.millis(100);
        }
        return new LoadBalancer(port, process, log);
    }

    /**
     * The requests HAProxy answered with anything but 2xx, counted by status, server ({@code <NOSRV>}: none was
     * available) and termination state (e.g. {@code SC--}: HAProxy's own answer, no server to send it to; {@code ----}:
     * the server's own answer, passed on), and retries ({@code +} when redispatched to another server), e.g. {@code "503 nodes/<NOSRV> SC-- retries +5" -> 47}.
     */
    Map<String, Integer> refusals() {
        Map<String, Integer> counts = new TreeMap<>();
        try (Stream<String> lines = Files.lines(log)) {
            lines.forEach(line -> {
                Matcher m = ACCESS.matcher(line);
                if (m.find() && !m.group(3).startsWith("2")) {
                    counts.merge(m.group(3) + " " + m.group(1) + "/" + m.group(2) + " " + m.group(4) + " retries "
                            + m.group(5), 1, Integer::sum);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            counts.put("unreadable " + log + ": " + e.getMessage(), 1);
        }
        return counts;
    }

    Path log() {
        return log;
    }

    /** Waits until HAProxy has taken {@code server} in (its last state change in the log is UP). */
    void awaitUp(String server, Duration timeout) {
        Pattern state = Pattern.compile("Server nodes/" + Pattern.quote(server) + " is (UP|DOWN)");
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            String last = null;
            try (Stream<String> lines = Files.lines(log)) {
                for (String line : (Iterable<String>) lines::iterator) {
                    Matcher m = state.matcher(line);
                    if (m.find()) {
                        last = m.group(1);
                    }
                }
            } catch (IOException | UncheckedIOException e) {
                // not written yet
            }
            if ("UP".equals(last)) {
                return;
            }
            Pause.millis(200);
        }
        throw new IllegalStateException("HAProxy did not take " + server + " in within " + timeout + "; see " + log);
    }

    /** The application as seen through the balancer. */
    AppClient app() {
        return new AppClient(port);
    }

    void stop() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                ProcessReaper.kill(process.toHandle());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            ProcessReaper.kill(process.toHandle());
        }
        ProcessReaper.untrack(process.toHandle());
    }
}
