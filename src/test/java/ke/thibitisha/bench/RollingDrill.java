package ke.thibitisha.bench;

import ke.thibitisha.sim.daraja.DarajaLoad;
import ke.thibitisha.sim.daraja.LoadReport;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The {@code rolling} drill: a pair behind HAProxy ({@link PairRig}), the Daraja simulator posting STK callbacks
 * through the balancer at a steady rate (50/s) while each node in turn is stopped with SIGTERM and started again,
 * as in a rolling upgrade. Daraja never resends a callback, so each must be answered 200 the first time and stored
 * once. Reports the callbacks sent and how they were answered, answer times, and each node's stop and restart.
 */
final class RollingDrill {

    /** The load is sent in slices of this many seconds, back to back, until the restarts are over. */
    private static final int SLICE_SECONDS = 5;
    /**
     * The first slices ramp up to the rate (1/4, 2/4, 3/4 of it): both nodes have just started, and a cold pair
     * given the full rate at once answered its first seconds' callbacks in over 10 s on a busy machine. The drill is
     * about restarts; the first SIGTERM comes only after the ramp and the settling time.
     */
    private static final int RAMP_SLICES = 3;

    private record Restart(String node, double atSeconds, double stopSeconds, double restartSeconds) {
    }

    private RollingDrill() {
    }

    static List<Section> run(BenchOptions options, Path outDir, Path logDir) {
        double rate = options.rate(50, 50);
        int settleSeconds = options.smoke() ? 5 : 15;
        try (PairRig pair = new PairRig(options, outDir.resolve("rolling"), logDir, "thibitisha_bench_rolling", 2)) {
            SimProcess sim = SimProcess.start(options.simPort(), pair.app().eventsUrl(), logDir.resolve("rolling-sim.log"));
            try {
                // both at once: a node's start takes minutes on a busy machine, and they join one another anyway
                List<CompletableFuture<?>> starts = new ArrayList<>();
                for (int i = 0; i < 2; i++) {
                    PairRig.Node node = pair.add(Rig.serverEnv(options, pair.app()));
                    starts.add(CompletableFuture.runAsync(() -> node.server().start()));
                }
                starts.forEach(CompletableFuture::join);
                for (PairRig.Node node : pair.nodes()) {
                    pair.balancer().awaitUp(node.name(), Duration.ofMinutes(1));
                }
                // short calls: the dialler keeps working through the restarts without loading the machine much
                sim.control().reset();
                sim.control().defaultScript("answer:0:200:1");
                String load = Machine.describe();
                long origin = System.nanoTime();
                AtomicBoolean stop = new AtomicBoolean();
                CompletableFuture<List<LoadReport>> sending = CompletableFuture.supplyAsync(() -> send(pair, rate, stop));
                List<Restart> restarts = new ArrayList<>();
                Pause.millis((RAMP_SLICES * SLICE_SECONDS + settleSeconds) * 1000L);
                try {
                    for (PairRig.Node node : pair.nodes()) {
                        double at = (System.nanoTime() - origin) / 1e9;
                        long begin = System.nanoTime();
                        node.server().stop();
                        double stopped = (System.nanoTime() - begin) / 1e9;
                        double restarted = node.server().start().toMillis() / 1000.0;
                        restarts.add(new Restart(node.name(), at, stopped, restarted));
                        // the balancer takes a node back after two good health checks, then gives it its share of
                        // requests by degrees: the next node is stopped once this one has its full share, as an
                        // operator of a rolling upgrade would
                        pair.balancer().awaitUp(node.name(), Duration.ofMinutes(1));
                        Pause.millis((LoadBalancer.SLOWSTART_SECONDS + settleSeconds) * 1000L);
                    }
                } catch (RuntimeException e) {
                    // a restart that fails (a busy machine) still leaves the callbacks so far to count and audit
                    e.printStackTrace();
                } finally {
                    stop.set(true);
                }
                List<LoadReport> slices = sending.join();
                return List.of(report(options, pair, slices, restarts, rate, settleSeconds, load));
            } finally {
                sim.stop();
            }
        }
    }

    private static List<LoadReport> send(PairRig pair, double rate, AtomicBoolean stop) {
        List<LoadReport> slices = new ArrayList<>();
        while (!stop.get()) {
            double sliceRate = Math.min(rate, rate * (slices.size() + 1) / (RAMP_SLICES + 1));
            try {
                slices.add(DarajaLoad.run(DarajaLoad.Options.defaults().baseUrl(pair.app().baseUrl())
                        .shortcode(AppClient.SHORTCODE).token(AppClient.TOKEN).ratePerSecond(sliceRate)
                        .count((int) (sliceRate * SLICE_SECONDS)).duplicateShare(0)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return slices;
    }

    private static Section report(BenchOptions options, PairRig pair, List<LoadReport> slices, List<Restart> restarts,
                                  double rate, int settleSeconds, String load) {
        int sent = slices.stream().mapToInt(LoadReport::sent).sum();
        int accepted = slices.stream().mapToInt(LoadReport::accepted).sum();
        Map<String, Integer> errors = new TreeMap<>();
        slices.forEach(s -> s.errorsByStatus().forEach((k, v) -> errors.merge(k, v, Integer::sum)));
        double seconds = slices.stream().mapToDouble(s -> s.elapsed().toMillis() / 1000.0).sum();
        double p99 = slices.stream().mapToDouble(LoadReport::p99Ms).max().orElse(0);
        double max = slices.stream().mapToDouble(LoadReport::maxMs).max().orElse(0);
        List<String> ids = slices.stream().flatMap(s -> s.checkoutRequestIds().stream()).toList();
        PaymentAudit audit = PaymentAudit.of(pair.app(), ids, List.of());
        Section section = new Section("rolling", "rolling: Daraja callbacks at " + (int) rate + "/s through HAProxy "
                + "while each node of a pair is restarted in turn (SIGTERM, start)")
                .context("Run `Bench " + options.commandLine() + "`; load at the start: " + load + "; " + pair.describe()
                        + "; callbacks sent by the Daraja simulator (`DarajaLoad`, no resends, 10 s timeout), in "
                        + SLICE_SECONDS + " s slices, the first " + RAMP_SLICES + " ramping up to the rate; each node "
                        + "stopped once the other has had its full share for " + settleSeconds + " s (HAProxy slowstart "
                        + LoadBalancer.SLOWSTART_SECONDS + " s); HAProxy's log: logs/haproxy.log.")
                .figure("callbacks sent", sent + " in " + String.format("%.0f s", seconds))
                .figure("answered 200", Integer.toString(accepted))
                .figure("other answers", errors.isEmpty() ? "none" : errors.toString())
                .figure("HAProxy's answers other than 2xx: status, server, termination state, retries",
                        pair.balancer().refusals().toString())
                .figure("answer time, worst slice p99 / max", String.format("%.0f ms / %.0f ms", p99, max))
                .figure("payments stored (missing / stored twice)", audit.present() + " (" + audit.missing() + " / "
                        + audit.duplicated() + ")")
                .figure("load at the end", Machine.describe());
        section.table(List.of("node", "SIGTERM at", "stop took", "restart to ready"), restarts.stream()
                .map(r -> List.of(r.node(), String.format("%.1f s", r.atSeconds()), String.format("%.1f s", r.stopSeconds()),
                        String.format("%.1f s", r.restartSeconds()))).toList());
        int errorLines = pair.nodes().stream().mapToInt(n -> n.server().errorLines().size()).sum();
        if (errorLines > 0) {
            section.note("The nodes logged " + errorLines + " ERROR line(s); first: `" + pair.nodes().stream()
                    .flatMap(n -> n.server().errorLines().stream()).findFirst().orElse("").strip() + "`");
        }
        return section
                .check("every callback answered 200", accepted == sent && errors.isEmpty(), accepted + " of " + sent)
                .check("every callback stored once", audit.missing() == 0 && audit.duplicated() == 0,
                        audit.missing() + " missing, " + audit.duplicated() + " stored twice")
                .check("both nodes restarted", restarts.size() == 2, restarts.size() + " restarts");
    }
}
