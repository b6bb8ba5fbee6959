package ke.thibitisha.bench;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The {@code cluster} drill: two nodes of the cluster profile on this machine (a port offset and a base directory
 * each, one PostgreSQL schema), the Sautikit simulator, payments posted alternately to both nodes. During the drain
 * the dialling node is killed with SIGKILL and started again (twice, the second time with its data directory
 * deleted, as if its disk were gone; once in the smoke size), then, in the full size, stopped once with SIGTERM. Reports the simulator's peak in flight over the whole run,
 * payments accepted / dialled / finished, payments called twice or with overlapping calls, the takeover time from
 * each kill to the next {@code POST /v1/calls}, and the drain time against the ideal.
 */
final class ClusterDrill {

    private static final Duration TAKEOVER_LIMIT = Duration.ofMinutes(3);

    /** {@code restartSeconds}: the node's restart to ready, which runs while the drain goes on. */
    private record Disruption(String what, String node, double atSeconds, int callsBefore, Double takeoverSeconds,
                              Double stopSeconds, CompletableFuture<Double> restartSeconds) {
    }

    private final BenchOptions options;
    private final Path outDir;
    private final PairRig pair;
    /** Reset when the first callback is posted: the times in the report count from there. */
    private long originNanos = System.nanoTime();
    private final List<PairRig.Node> nodes;
    private SimProcess sim;

    private ClusterDrill(BenchOptions options, Path outDir, PairRig pair) {
        this.options = options;
        this.outDir = outDir;
        this.pair = pair;
        this.nodes = pair.nodes();
    }

    static List<Section> run(BenchOptions options, Path outDir, Path logDir) {
        try (PairRig pair = new PairRig(options, outDir.resolve("cluster"), logDir, "thibitisha_bench_cluster", 2)) {
            ClusterDrill drill = new ClusterDrill(options, outDir, pair);
            try {
                // Sautikit's events and voice callbacks go to the balancer, as behind a bank's load balancer
                // (contract §8): they reach a live node, and a call re-sent by the node that took over is byte for
                // byte the dead node's request (same voice_callback_url), which Sautikit answers with a replay
                drill.sim = SimProcess.start(options.simPort(), pair.app().eventsUrl(), logDir.resolve("cluster-sim.log"));
                return List.of(drill.drill());
            } finally {
                if (drill.sim != null) {
                    drill.sim.stop();
                }
            }
        }
    }

    private Section drill() {
        int count = options.count(2000, 80);
        long callMs = options.callMs(1000, 2000);
        int kills = options.kills(2, 1);
        boolean sigterm = !options.smoke();
        Map<String, Double> startSeconds = new LinkedHashMap<>();
        for (int i = 0; i < 2; i++) {
            PairRig.Node node = pair.add(Rig.serverEnv(options, pair.app()));
            startSeconds.put(node.name(), node.server().start().toMillis() / 1000.0);
        }
        SimControl control = sim.control();
        control.reset();
        control.defaultScript("answer:0:" + callMs + ":1");

        List<Payments.Payment> payments = Payments.fresh(count);
        List<Payments.Payment> toA = new ArrayList<>();
        List<Payments.Payment> toB = new ArrayList<>();
        for (int i = 0; i < payments.size(); i++) {
            (i % 2 == 0 ? toA : toB).add(payments.get(i));
        }
        AtomicInteger accepted = new AtomicInteger();
        originNanos = System.nanoTime();
        CompletableFuture<Burst.Result> sentA = CompletableFuture.supplyAsync(
                () -> Burst.send(nodes.get(0).app(), toA, accepted));
        CompletableFuture<Burst.Result> sentB = CompletableFuture.supplyAsync(
                () -> Burst.send(nodes.get(1).app(), toB, accepted));
        Burst.Result a = sentA.join();
        Burst.Result b = sentB.join();
        double queuedAt = seconds();
        List<Payments.Payment> acceptedPayments = new ArrayList<>(a.accepted());
        acceptedPayments.addAll(b.accepted());

        List<Disruption> disruptions = new ArrayList<>();
        int steps = kills + (sigterm ? 1 : 0);
        for (int step = 0; step < steps; step++) {
            // spread the disruptions over the drain: after 1/(steps+1), 2/(steps+1), … of the calls
            int callsBefore = acceptedPayments.size() * (step + 1) / (steps + 2);
            awaitCalls(control, callsBefore);
            boolean kill = step < kills;
            // the full drill's last kill also takes the node's disk: it comes back with an empty data directory
            boolean diskLost = kill && !options.smoke() && kills > 1 && step == kills - 1;
            if (!disruptions.isEmpty()) {
                // the next disruption needs the pair whole again
                disruptions.get(disruptions.size() - 1).restartSeconds().join();
            }
            disruptions.add(disrupt(control, kill, diskLost));
        }

        // through the balancer: whichever node is up answers, also while the last disrupted node restarts
        Double drainedAt = pair.app().awaitSettled(System.nanoTime() + Duration.ofSeconds(
                (long) (ideal(acceptedPayments.size(), callMs) * 3) + 300).toNanos()) ? seconds() : null;
        disruptions.forEach(d -> d.restartSeconds().join());
        JsonObject simState = control.state();
        DialLog log = control.dialLog(outDir.resolve("cluster-sim"));
        List<String> numbers = acceptedPayments.stream().map(Payments.Payment::phone).toList();
        List<String> unanswered = payments.stream().filter(p -> !acceptedPayments.contains(p))
                .map(Payments.Payment::checkoutRequestId).toList();
        PaymentAudit audit = PaymentAudit.of(liveApp(),
                acceptedPayments.stream().map(Payments.Payment::checkoutRequestId).toList(), unanswered);
        return report(count, callMs, kills, sigterm, startSeconds, acceptedPayments.size(), queuedAt, drainedAt,
                simState, log, numbers, audit, disruptions);
    }

    private Section report(int count, long callMs, int kills, boolean sigterm, Map<String, Double> startSeconds,
                           int accepted, double queuedAt, Double drainedAt, JsonObject simState, DialLog log,
                           List<String> numbers, PaymentAudit audit, List<Disruption> disruptions) {
        int cap = options.cap();
        int peak = simState.getInt("max_in_flight");
        int dialled = log.dialled(numbers);
        List<String> twice = log.duplicates(numbers);
        List<String> overlapping = overlapping(log, numbers);
        int finished = audit.statuses().entrySet().stream()
                .filter(e -> !AppClient.UNSETTLED.contains(e.getKey())).mapToInt(Map.Entry::getValue).sum();
        double ideal = ideal(accepted, callMs);
        Section section = new Section("cluster", "cluster: two nodes, " + count + " payments posted alternately, calls of "
                + callMs + " ms, " + kills + " × kill -9 of the dialling node" + (sigterm ? ", 1 × SIGTERM" : ""))
                .context("Run `Bench " + options.commandLine() + "` on " + Machine.describe() + "; " + pair.describe()
                        + ".");
        startSeconds.forEach((name, s) -> section.figure("node " + name + " start to ready", String.format("%.1f s", s)));
        section.figure("payments posted / accepted", count + " / " + accepted)
                .figure("accepted, all queued after", String.format("%.1f s", queuedAt))
                .figure("payments dialled (at least one call)", Integer.toString(dialled))
                .figure("payments finished (settled in the database)", finished + " (" + audit.describeStatuses() + ")")
                .figure("calls at Sautikit", Integer.toString(log.calls().size()))
                .figure("peak calls in flight at Sautikit (whole run)", peak + " (cap " + cap + ")")
                .figure("payments called again after an answered call", Integer.toString(twice.size()))
                .figure("payments with two calls at once", Integer.toString(overlapping.size()))
                .figure("drain, all queued to all settled", drainedAt == null ? "not settled"
                        : String.format("%.1f s (ideal %.1f s: %d payments / %d × %d ms)", drainedAt - queuedAt,
                        ideal, accepted, cap, callMs));
        section.table(List.of("disruption", "node", "at", "calls before", "stop took", "takeover (to next POST /v1/calls)",
                "restart to ready"), disruptions.stream().map(d -> List.of(d.what(), d.node(),
                String.format("%.1f s", d.atSeconds()), Integer.toString(d.callsBefore()), seconds(d.stopSeconds()),
                seconds(d.takeoverSeconds()), seconds(d.restartSeconds().join()))).toList());
        int errors = nodes.stream().mapToInt(n -> n.server().errorLines().size()).sum();
        if (errors > 0) {
            section.note("The nodes logged " + errors + " ERROR line(s); first: `" + nodes.stream()
                    .flatMap(n -> n.server().errorLines().stream()).findFirst().orElse("").strip() + "`");
        }
        return section
                .check("peak in flight within the cap across both nodes", peak <= cap, peak + " ≤ " + cap)
                .check("every callback accepted", accepted == count, accepted + " of " + count)
                .check("every accepted payment stored once", audit.missing() == 0 && audit.duplicated() == 0,
                        audit.missing() + " missing, " + audit.duplicated() + " duplicated")
                .check("every accepted payment dialled", dialled == accepted, dialled + " of " + accepted)
                .check("no payment called again after an answered call", twice.isEmpty(), twice.size() + " payments")
                .check("no two calls of one payment at once", overlapping.isEmpty(), overlapping.size() + " payments")
                .check("every dialling node's death taken over", disruptions.stream()
                        .allMatch(d -> d.takeoverSeconds() != null), disruptions.size() + " disruptions")
                .check("every payment settled", drainedAt != null, drainedAt == null ? "no" : "yes");
    }

    /** Numbers with a call created while an earlier call to them was still going. */
    private static List<String> overlapping(DialLog log, List<String> numbers) {
        Map<String, List<DialLog.Call>> byNumber = new HashMap<>();
        log.calls().forEach(c -> byNumber.computeIfAbsent(c.to(), k -> new ArrayList<>()).add(c));
        List<String> overlapping = new ArrayList<>();
        for (String number : numbers) {
            List<DialLog.Call> calls = byNumber.getOrDefault(number, List.of());
            calls.sort(Comparator.comparing(DialLog.Call::createdAt));
            for (int i = 1; i < calls.size(); i++) {
                Instant previousEnd = calls.get(i - 1).endedAt();
                if (previousEnd == null || calls.get(i).createdAt().isBefore(previousEnd)) {
                    overlapping.add(number);
                    break;
                }
            }
        }
        return overlapping;
    }

    /**
     * Kills (SIGKILL) or stops (SIGTERM) the dialling node, waits for the next call to be placed by the other, and
     * starts the node again (after deleting its data directory when the disk is lost too).
     */
    private Disruption disrupt(SimControl control, boolean kill, boolean diskLost) {
        PairRig.Node node = diallingNode();
        int callsBefore = control.state().getInt("calls");
        double at = seconds();
        Double stopSeconds = null;
        if (kill) {
            node.server().kill9();
        } else {
            long begin = System.nanoTime();
            node.server().stop();
            stopSeconds = (System.nanoTime() - begin) / 1e9;
        }
        Double takeover = null;
        long deadline = System.nanoTime() + TAKEOVER_LIMIT.toNanos();
        int callsAtStop = control.state().getInt("calls");
        while (System.nanoTime() < deadline) {
            if (control.state().getInt("calls") > callsAtStop) {
                takeover = seconds() - at;
                break;
            }
            Pause.millis(100);
        }
        if (diskLost) {
            PairRig.delete(pair.dataDir(node));
        }
        CompletableFuture<Double> restartSeconds = CompletableFuture.supplyAsync(
                () -> node.server().start().toMillis() / 1000.0);
        return new Disruption(kill ? diskLost ? "kill -9, data directory lost" : "kill -9" : "SIGTERM", node.name(),
                at, callsBefore, takeover, stopSeconds, restartSeconds);
    }

    /** The node {@code GET /api/stats} names as dialling ({@code dialling.node}); else the oldest running node. */
    private PairRig.Node diallingNode() {
        for (PairRig.Node node : nodes) {
            if (!node.server().running()) {
                continue;
            }
            try {
                JsonObject dialling = node.app().stats().getJsonObject("dialling");
                JsonValue name = dialling == null ? null : dialling.get("node");
                if (name != null && name.getValueType() == JsonValue.ValueType.STRING) {
                    String dialler = dialling.getString("node");
                    return nodes.stream().filter(n -> n.name().equals(dialler)).findFirst().orElse(node);
                }
            } catch (RuntimeException e) {
                // this node does not answer: ask the next
            }
        }
        return nodes.stream().filter(n -> n.server().running()).findFirst()
                .orElseThrow(() -> new IllegalStateException("no node running"));
    }

    private AppClient liveApp() {
        return pair.liveApp();
    }

    private static void awaitCalls(SimControl control, int calls) {
        long deadline = System.nanoTime() + Duration.ofMinutes(30).toNanos();
        while (control.state().getInt("calls") < calls && System.nanoTime() < deadline) {
            Pause.millis(100);
        }
    }

    private double ideal(int payments, long callMs) {
        return Math.ceil(payments / (double) options.cap()) * callMs / 1000.0;
    }

    private double seconds() {
        return (System.nanoTime() - originNanos) / 1e9;
    }

    private static String seconds(Double value) {
        return value == null ? "–" : String.format("%.1f s", value);
    }
}
