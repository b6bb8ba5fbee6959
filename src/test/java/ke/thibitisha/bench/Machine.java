package ke.thibitisha.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/** The machine a figure was measured on, and CPU time used by a process. */
final class Machine {

    private Machine() {
    }

    /** e.g. "2 CPUs, 23.4 GiB RAM, Java 17.0.15, load 1.20 at 2026-11-29T06:00:00Z" */
    static String describe() {
        return String.format("%d CPUs, %s RAM, Java %s, load average %s at %s",
                Runtime.getRuntime().availableProcessors(), memory(), System.getProperty("java.version"),
                read("/proc/loadavg").map(l -> l.split(" ")[0]).orElse("?"),
                Instant.now().truncatedTo(ChronoUnit.SECONDS));
    }

    /** CPU time (user + system) the process has used so far; zero when it cannot be read. */
    static Duration cpu(long pid) {
        return ProcessHandle.of(pid).flatMap(p -> p.info().totalCpuDuration()).orElse(Duration.ZERO);
    }

    /** Waits until the process uses less than {@code cores} CPU over two half-second looks in a row, or the limit. */
    static void awaitIdle(long pid, double cores, Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        int quietLooks = 0;
        while (quietLooks < 2 && System.nanoTime() < deadline) {
            Duration before = cpu(pid);
            Pause.millis(500);
            quietLooks = cpu(pid).minus(before).toMillis() < cores * 500 ? quietLooks + 1 : 0;
        }
    }

    private static String memory() {
        return read("/proc/meminfo").flatMap(text -> text.lines().filter(l -> l.startsWith("MemTotal:")).findFirst())
                .map(line -> String.format("%.1f GiB", Long.parseLong(line.replaceAll("\\D", "")) / 1024.0 / 1024.0))
                .orElse("?");
    }

    static Optional<String> read(String file) {
        try {
            return Optional.of(Files.readString(Path.of(file)));
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
