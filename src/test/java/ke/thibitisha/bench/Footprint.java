package ke.thibitisha.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Memory of a JVM: resident set (VmRSS) and its peak (VmHWM) from /proc/&lt;pid&gt;/status, heap and metaspace
 * from {@code jcmd <pid> GC.heap_info}. All in MiB.
 */
record Footprint(double rssMib, double peakRssMib, double heapUsedMib, double heapCommittedMib, double metaspaceMib) {

    private static final Pattern HEAP = Pattern.compile("heap\\s+total (\\d+)K, used (\\d+)K");
    private static final Pattern METASPACE = Pattern.compile("Metaspace\\s+used (\\d+)K");

    static Footprint of(long pid) {
        String status = Machine.read("/proc/" + pid + "/status").orElse("");
        String heapInfo = jcmd(pid, "GC.heap_info");
        Matcher heap = HEAP.matcher(heapInfo);
        Matcher metaspace = METASPACE.matcher(heapInfo);
        boolean heapFound = heap.find();
        return new Footprint(kib(status, "VmRSS"), kib(status, "VmHWM"),
                heapFound ? Long.parseLong(heap.group(2)) / 1024.0 : Double.NaN,
                heapFound ? Long.parseLong(heap.group(1)) / 1024.0 : Double.NaN,
                metaspace.find() ? Long.parseLong(metaspace.group(1)) / 1024.0 : Double.NaN);
    }

    /** The heap after a full collection: roughly the live set. */
    static Footprint afterFullGc(long pid) {
        jcmd(pid, "GC.run");
        return of(pid);
    }

    String describe() {
        return String.format("RSS %.0f MiB (peak %.0f), heap used %.0f of %.0f MiB committed, metaspace %.0f MiB",
                rssMib, peakRssMib, heapUsedMib, heapCommittedMib, metaspaceMib);
    }

    private static double kib(String status, String field) {
        return status.lines().filter(l -> l.startsWith(field + ":")).findFirst()
                .map(l -> Long.parseLong(l.replaceAll("\\D", "")) / 1024.0).orElse(Double.NaN);
    }

    /** Output of {@code jcmd <pid> <command...>} with the JDK's own jcmd. */
    static String jcmd(long pid, String... command) {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        List<String> args = new ArrayList<>(List.of(Files.isExecutable(jcmd) ? jcmd.toString() : "jcmd",
                Long.toString(pid)));
        args.addAll(List.of(command));
        return Commands.run(args, Duration.ofMinutes(2));
    }
}
