package ke.thibitisha.bench;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A JFR recording of the server (started and stopped with jcmd), boiled down to where its CPU samples go: by
 * component (the innermost non-JDK frame decides, so JDK work counts for whoever called it) and by hot method.
 */
final class JfrProfile {

    private static final Map<String, String> COMPONENTS = components();
    /** Known costs of the intake path, found anywhere on the stack (so they overlap). */
    private static final Map<String, String> ON_STACK = Map.of(
            "H2 parsing SQL (no statement cache)", "org.h2.command.Parser.",
            "JPA flush", "org.hibernate.internal.SessionImpl.flush",
            "JTA commit", "com.arjuna.ats.internal.jta.transaction.arjunacore.TransactionImple.commit",
            "duplicate check query (IntakeService.bySourceRef)", "ke.thibitisha.intake.IntakeService.bySourceRef",
            "JMS send (DialQueue.enqueue)", "ke.thibitisha.dialer.DialQueue.enqueue",
            "JSON-P provider lookup (ServiceLoader per Json.create…)", "jakarta.json.spi.JsonProvider.provider",
            "logging", "org.jboss.logmanager.",
            "connection validation (SELECT 1 per checkout)", "org.jboss.jca.adapters.jdbc.CheckValidConnectionSQL",
            "phone number parsing (libphonenumber)", "com.google.i18n.phonenumbers.");

    private final long pid;
    private final Path file;

    private JfrProfile(long pid, Path file) {
        this.pid = pid;
        this.file = file;
    }

    static JfrProfile start(long pid, Path file) {
        Footprint.jcmd(pid, "JFR.start", "name=bench", "settings=profile", "filename=" + file.toAbsolutePath());
        return new JfrProfile(pid, file);
    }

    /** Stops the recording (and so writes the file). */
    void stop() {
        Footprint.jcmd(pid, "JFR.stop", "name=bench");
    }

    /** Adds a summary of the stopped recording to the section. */
    void into(Section section) {
        Map<String, Integer> byComponent = new HashMap<>();
        Map<String, Integer> byMethod = new HashMap<>();
        Map<String, Integer> onStack = new HashMap<>();
        int samples = 0;
        Duration gcPauses = Duration.ZERO;
        double machineLoad = 0;
        double jvmLoad = 0;
        int loadEvents = 0;
        try (RecordingFile recording = new RecordingFile(file)) {
            while (recording.hasMoreEvents()) {
                RecordedEvent event = recording.readEvent();
                switch (event.getEventType().getName()) {
                    case "jdk.ExecutionSample" -> {
                        List<RecordedFrame> frames = event.getStackTrace() == null ? List.of()
                                : event.getStackTrace().getFrames();
                        if (frames.isEmpty()) {
                            continue;
                        }
                        samples++;
                        byMethod.merge(name(frames.get(0)), 1, Integer::sum);
                        byComponent.merge(component(frames), 1, Integer::sum);
                        onStack(frames).forEach(label -> onStack.merge(label, 1, Integer::sum));
                    }
                    case "jdk.GCPhasePause" -> gcPauses = gcPauses.plus(event.getDuration());
                    case "jdk.CPULoad" -> {
                        machineLoad += event.getFloat("machineTotal");
                        jvmLoad += event.getFloat("jvmUser") + event.getFloat("jvmSystem");
                        loadEvents++;
                    }
                    default -> { }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        int total = Math.max(1, samples);
        section.note(String.format("JFR profile of the server during the ramp (`%s`): %d CPU samples; machine CPU "
                        + "%.0f %%, server JVM %.0f %% (average of jdk.CPULoad); GC pauses %.2f s in total.",
                file.getFileName(), samples, 100 * machineLoad / Math.max(1, loadEvents),
                100 * jvmLoad / Math.max(1, loadEvents), gcPauses.toMillis() / 1000.0));
        section.table(List.of("component (innermost non-JDK frame)", "share of CPU samples"), top(byComponent, 12).stream()
                .map(e -> List.of(e.getKey(), String.format("%.1f %%", 100.0 * e.getValue() / total))).toList());
        section.table(List.of("on the stack (overlapping)", "share of CPU samples"), top(onStack, ON_STACK.size())
                .stream().map(e -> List.of(e.getKey(), String.format("%.1f %%", 100.0 * e.getValue() / total))).toList());
        section.table(List.of("hot method (top frame)", "share of CPU samples"), top(byMethod, 8).stream()
                .map(e -> List.of("`" + e.getKey() + "`", String.format("%.1f %%", 100.0 * e.getValue() / total)))
                .toList());
    }

    private static List<Map.Entry<String, Integer>> top(Map<String, Integer> counts, int n) {
        List<Map.Entry<String, Integer>> entries = new ArrayList<>(counts.entrySet());
        entries.sort(Map.Entry.<String, Integer>comparingByValue(Comparator.reverseOrder()));
        return entries.subList(0, Math.min(n, entries.size()));
    }

    private static String component(List<RecordedFrame> frames) {
        for (RecordedFrame frame : frames) {
            String type = frame.getMethod().getType().getName();
            if (type.startsWith("java.") || type.startsWith("jdk.") || type.startsWith("sun.")
                    || type.startsWith("com.sun.")) {
                continue;
            }
            return COMPONENTS.entrySet().stream().filter(c -> type.startsWith(c.getKey())).map(Map.Entry::getValue)
                    .findFirst().orElseGet(() -> String.join(".", List.of(type.split("\\.")).subList(0,
                            Math.min(3, type.split("\\.").length - 1))));
        }
        return "JDK only (I/O, collections, crypto, …)";
    }

    private static Set<String> onStack(List<RecordedFrame> frames) {
        Set<String> labels = new HashSet<>();
        for (RecordedFrame frame : frames) {
            String method = frame.getMethod().getType().getName() + "." + frame.getMethod().getName();
            ON_STACK.forEach((label, prefix) -> {
                if (method.startsWith(prefix)) {
                    labels.add(label);
                }
            });
        }
        return labels;
    }

    private static String name(RecordedFrame frame) {
        String type = frame.getMethod().getType().getName();
        return type.substring(type.lastIndexOf('.') + 1) + "." + frame.getMethod().getName();
    }

    private static Map<String, String> components() {
        Map<String, String> map = new LinkedHashMap<>();
        map.put("ke.thibitisha", "Thibitisha (application code)");
        map.put("org.h2", "H2 database");
        map.put("org.apache.activemq", "Artemis (JMS)");
        map.put("org.hibernate", "Hibernate");
        map.put("io.undertow", "Undertow (HTTP)");
        map.put("org.xnio", "XNIO (HTTP I/O)");
        map.put("org.jboss.resteasy", "RESTEasy (JAX-RS)");
        map.put("com.arjuna", "Narayana (JTA)");
        map.put("org.jboss.jca", "IronJacamar (connection pools)");
        map.put("org.jboss.weld", "Weld (CDI)");
        map.put("org.jboss.as.ejb3", "EJB container");
        map.put("org.jboss.invocation", "EJB container");
        map.put("org.jboss.ejb", "EJB container");
        map.put("org.eclipse.parsson", "JSON-P (Parsson)");
        map.put("io.micrometer", "Micrometer");
        map.put("io.smallrye", "SmallRye (MicroProfile)");
        map.put("org.jboss.logmanager", "logging");
        map.put("org.jboss.logging", "logging");
        map.put("org.wildfly.security", "Elytron (security)");
        map.put("org.jboss.threads", "JBoss Threads");
        return map;
    }
}
