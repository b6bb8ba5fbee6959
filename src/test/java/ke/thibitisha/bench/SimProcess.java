package ke.thibitisha.bench;

import ke.thibitisha.sim.sautikit.SautikitSimulatorMain;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The Sautikit simulator in a JVM of its own (so its threads and garbage do not disturb the load generator's
 * clock), started from the test classpath and driven through its {@code /_sim/} control plane.
 */
final class SimProcess {

    static final String API_KEY = "bench-key";
    static final String FROM_NUMBER = "+254711000000";
    static final String WEBHOOK_SECRET = "whsec_bench";
    /** Far above any cap: the simulator must never refuse a call, so the in-flight peak shows what the app did. */
    private static final int SIM_LIMIT = 100_000;

    private final Process process;
    private final SimControl control;

    private SimProcess(Process process, SimControl control) {
        this.process = process;
        this.control = control;
    }

    static SimProcess start(int port, String eventsUrl, Path log) {
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-cp", testClasspath(), SautikitSimulatorMain.class.getName(),
                "--port=" + port, "--api-key=" + API_KEY, "--owned=" + FROM_NUMBER, "--events-url=" + eventsUrl,
                "--webhook-secret=" + WEBHOOK_SECRET, "--max-concurrent=" + SIM_LIMIT);
        SimControl control = new SimControl(port);
        if (control.reachable()) {
            throw new IllegalStateException("port " + port + " is already taken: choose another --sim-port");
        }
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the simulator", e);
        }
        ProcessReaper.track(process.toHandle());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!control.reachable()) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                ProcessReaper.kill(process.toHandle());
                throw new IllegalStateException("the simulator did not come up; see " + log);
            }
            Pause.millis(100);
        }
        return new SimProcess(process, control);
    }

    SimControl control() {
        return control;
    }

    void stop() {
        process.destroy();
        try {
            if (!process.waitFor(Duration.ofSeconds(10).toSeconds(), TimeUnit.SECONDS)) {
                ProcessReaper.kill(process.toHandle());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            ProcessReaper.kill(process.toHandle());
        }
        ProcessReaper.untrack(process.toHandle());
    }

    /** exec:java loads us from a URLClassLoader holding the test classpath; plain java has it in java.class.path. */
    private static String testClasspath() {
        Set<String> entries = new LinkedHashSet<>();
        if (SimProcess.class.getClassLoader() instanceof URLClassLoader loader) {
            for (URL url : loader.getURLs()) {
                try {
                    entries.add(Path.of(url.toURI()).toString());
                } catch (URISyntaxException | IllegalArgumentException e) {
                    // not a file: nothing the simulator needs
                }
            }
        }
        return entries.isEmpty() ? System.getProperty("java.class.path") : String.join(File.pathSeparator, entries);
    }
}
