package ke.thibitisha.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * HAProxy ({@code /usr/sbin/haproxy}, Debian package {@code haproxy}) in front of the nodes of a drill, as a bank
 * runs a pair (contract §8): one public URL for Daraja's callbacks, Sautikit's voice callbacks and events, each node
 * health-checked on {@code /health/ready} every second (out after two failed checks, each allowed 5 s: on a busy
 * machine the check itself can take longer than a second, and a flapping node cuts Sautikit's voice callbacks off). A request that found a node gone or suspending (connection refused or reset, 503) is sent to the other
 * node: Thibitisha stores a callback once whatever how often it arrives, so a retry is safe.
 */
final class LoadBalancer {

    private static final String HAPROXY = "/usr/sbin/haproxy";

    /** A backend server: its HTTP port (traffic) and management port (readiness). */
    record Backend(String name, int httpPort, int managementPort) {
    }

    private final int port;
    private final Process process;

    private LoadBalancer(int port, Process process) {
        this.port = port;
        this.process = process;
    }

    static LoadBalancer start(int port, List<Backend> backends, Path dir) {
        if (!Files.isExecutable(Path.of(HAPROXY))) {
            throw new IllegalStateException(HAPROXY + " is missing: apt-get install haproxy");
        }
        Path config = dir.resolve("haproxy.cfg");
        Path log = dir.resolve("haproxy.log");
        String servers = backends.stream().map(b -> String.format(
                        "  server %s 127.0.0.1:%d check port %d inter 1s fall 2 rise 2", b.name(), b.httpPort(), b.managementPort()))
                .collect(Collectors.joining("\n"));
        String text = """
                global
                  maxconn 4096
                defaults
                  mode http
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
                  balance roundrobin
                  option httpchk GET /health/ready
                  http-check expect status 200
                %s
                """.formatted(port, servers);
        Process process;
        try {
            Files.createDirectories(dir);
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
        return new LoadBalancer(port, process);
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
