package ke.thibitisha.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * The configured WildFly of {@code target/server} run as a real process through {@code bin/standalone.sh}, with
 * the socket bindings moved by a port offset. Tracks the JVM underneath the shell script, because that is the
 * process to kill -9, measure, and ask for heap figures.
 */
final class ServerProcess {

    // a cluster node took over 5 min to start at load average 98 on 2 CPUs (four sessions' servers at once)
    private static final Duration READY_TIMEOUT = Duration.ofMinutes(10);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);

    private final Path home;
    private final int portOffset;
    private final Map<String, String> env;
    private final List<String> extraArgs;
    private final Path logDir;
    // log files are numbered across every server of the run: server-1.log, server-2.log, …
    private static final AtomicInteger LOG_NUMBER = new AtomicInteger();

    private final Http http = new Http("bench-health", Duration.ofSeconds(5));
    private final List<Path> logs = new ArrayList<>();
    private Process shell;
    private ProcessHandle jvm;

    ServerProcess(Path home, int portOffset, Map<String, String> env, List<String> extraArgs, Path logDir) {
        if (!Files.isExecutable(home.resolve("bin/standalone.sh"))) {
            throw new IllegalArgumentException("no configured server in " + home
                    + " (build it first: ./mvnw -B package -DskipTests)");
        }
        this.home = home;
        this.portOffset = portOffset;
        this.env = env;
        this.extraArgs = extraArgs;
        this.logDir = logDir;
    }

    int httpPort() {
        return 8080 + portOffset;
    }

    int managementPort() {
        return 9990 + portOffset;
    }

    long pid() {
        return jvm.pid();
    }

    boolean running() {
        return jvm != null && jvm.isAlive();
    }

    /** Deletes standalone/data: the H2 database and the Artemis journal. */
    void wipeData() {
        Path data = home.resolve("standalone/data");
        if (!Files.exists(data)) {
            return;
        }
        try (Stream<Path> files = Files.walk(data)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot wipe " + data, e);
        }
    }

    /** Adds (or updates) an application user in a group, as an operator would. */
    void addUser(String user, String password, String group) {
        Commands.run(List.of("sh", home.resolve("bin/add-user.sh").toString(), "-a", "-s",
                "-u", user, "-p", password, "-g", group), Duration.ofMinutes(1));
    }

    /** Starts the server and waits for readiness with the WAR deployed; returns process start to ready. */
    Duration start() {
        if (running()) {
            throw new IllegalStateException("server already running as pid " + jvm.pid());
        }
        for (int port : List.of(httpPort(), managementPort())) {
            if (listening(port)) {
                throw new IllegalStateException("port " + port + " is already taken: choose another --port-offset");
            }
        }
        Path log = logDir.resolve("server-" + LOG_NUMBER.incrementAndGet() + ".log");
        logs.add(log);
        ProcessBuilder builder = processBuilder(log);
        long begin = System.nanoTime();
        try {
            shell = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + home, e);
        }
        ProcessReaper.track(shell.toHandle());
        jvm = awaitJvm();
        ProcessReaper.track(jvm);
        awaitReady(begin);
        return Duration.ofNanos(System.nanoTime() - begin);
    }

    private ProcessBuilder processBuilder(Path log) {
        List<String> command = new ArrayList<>(List.of("sh", home.resolve("bin/standalone.sh").toString(),
                "-Djboss.socket.binding.port-offset=" + portOffset));
        command.addAll(extraArgs);
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(home.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        // what the server sees is exactly the bench's configuration, whatever this shell exports
        builder.environment().keySet().removeIf(key -> key.startsWith("SAUTIKIT_") || key.startsWith("DIALER_")
                || key.startsWith("PAYBILL_") || key.startsWith("THIBITISHA_") || key.startsWith("DB_")
                || key.equals("APP_URL") || key.equals("LOG_FORMAT") || key.equals("JAVA_OPTS"));
        builder.environment().putAll(env);
        return builder;
    }

    /** kill -9 of the server JVM, as a crash would; returns once it is gone. */
    void kill9() {
        jvm.destroyForcibly();
        awaitExit(Duration.ofSeconds(30));
    }

    /** SIGTERM (WildFly shuts down gracefully), then SIGKILL if it takes too long. Safe to call twice. */
    void stop() {
        if (shell == null) {
            return;
        }
        if (jvm != null && jvm.isAlive()) {
            jvm.destroy();
        }
        if (!awaitExit(STOP_TIMEOUT)) {
            ProcessReaper.kill(shell.toHandle());
            awaitExit(Duration.ofSeconds(10));
        }
    }

    /** Runs one jboss-cli operation against the running server; throws unless it succeeded. */
    String cli(String operation) {
        String out = Commands.run(List.of("sh", home.resolve("bin/jboss-cli.sh").toString(), "--connect",
                "--controller=127.0.0.1:" + managementPort(), "--command=" + operation), Duration.ofMinutes(2));
        if (!out.contains("\"outcome\" => \"success\"")) {
            throw new IllegalStateException("jboss-cli " + operation + " failed:\n" + out);
        }
        return out;
    }

    /** The ERROR lines of every console log this process wrote. */
    List<String> errorLines() {
        List<String> lines = new ArrayList<>();
        for (Path log : logs) {
            try (Stream<String> text = Files.lines(log, StandardCharsets.UTF_8)) {
                text.filter(line -> line.contains(" ERROR ")).forEach(lines::add);
            } catch (IOException | UncheckedIOException e) {
                lines.add("(cannot read " + log + ": " + e.getMessage() + ")");
            }
        }
        return lines;
    }

    private ProcessHandle awaitJvm() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            // standalone.sh first runs "java -version" checks; the server is the JVM running jboss-modules
            Optional<ProcessHandle> java = shell.descendants()
                    .filter(p -> p.info().arguments().map(a -> Arrays.asList(a).contains("-D[Standalone]")).orElse(false))
                    .findFirst();
            if (java.isPresent()) {
                return java.get();
            }
            if (!shell.isAlive()) {
                throw new IllegalStateException("standalone.sh exited with " + shell.exitValue()
                        + "; see " + logs.get(logs.size() - 1));
            }
            Pause.millis(50);
        }
        throw new IllegalStateException("no server JVM under standalone.sh after 30 s");
    }

    private void awaitReady(long beginNanos) {
        String url = "http://127.0.0.1:" + managementPort() + "/health/ready";
        while (System.nanoTime() - beginNanos < READY_TIMEOUT.toNanos()) {
            if (!jvm.isAlive()) {
                throw new IllegalStateException("the server died while starting; see " + logs.get(logs.size() - 1));
            }
            try {
                Http.Reply reply = http.get(url, Map.of());
                // "database" is the application's own check: WildFly answers UP before the WAR is deployed
                if (reply.status() == 200 && reply.body().contains("\"database\"")) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Pause.millis(200);
        }
        throw new IllegalStateException("server not ready within " + READY_TIMEOUT);
    }

    private boolean awaitExit(Duration timeout) {
        try {
            boolean jvmGone = jvm == null || jvm.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS) != null;
            boolean shellGone = shell.waitFor(10, TimeUnit.SECONDS);
            if (jvmGone && shellGone) {
                ProcessReaper.untrack(shell.toHandle());
                if (jvm != null) {
                    ProcessReaper.untrack(jvm);
                }
                return true;
            }
            return false;
        } catch (Exception e) {
            return false;
        }
    }

    /** Whether something accepts connections on 127.0.0.1:{@code port}. */
    static boolean listening(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
